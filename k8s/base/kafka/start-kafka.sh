#!/usr/bin/env bash
# Starts a single-node Kafka in KRaft combined mode (broker + controller in one process) from the
# Apache Kafka image, with a read-only root filesystem: the image's own entry point rewrites files
# under /opt/kafka/config, so this script writes server.properties to a writable directory instead
# and calls the distribution's scripts directly. Formatting the log directory is skipped when it is
# already formatted, so restarts keep the data on the persistent volume.
set -euo pipefail

kafka_home="${KAFKA_HOME:-/opt/kafka}"
config_dir="${KAFKA_CONFIG_DIR:-/tmp/kafka-config}"
data_dir="${KAFKA_DATA_DIR:-/var/lib/kafka/data}"
cluster_id="${KAFKA_CLUSTER_ID:?KAFKA_CLUSTER_ID must be set (22-character base64 UUID)}"
advertised_host="${KAFKA_ADVERTISED_HOST:?KAFKA_ADVERTISED_HOST must be set (the name clients use)}"
client_port="${KAFKA_CLIENT_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
partitions="${KAFKA_NUM_PARTITIONS:-6}"

mkdir -p "${config_dir}" "${data_dir}"
cat >"${config_dir}/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
# One voter, this process: the controller is only ever reached over loopback.
controller.quorum.voters=1@localhost:${controller_port}
listeners=PLAINTEXT://:${client_port},CONTROLLER://:${controller_port}
advertised.listeners=PLAINTEXT://${advertised_host}:${client_port}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=${data_dir}
# Topics are created explicitly (create-topics.sh); these defaults cover any auto-created one.
num.partitions=${partitions}
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES

"${kafka_home}/bin/kafka-storage.sh" format --ignore-formatted \
  --cluster-id "${cluster_id}" --config "${config_dir}/server.properties"
exec "${kafka_home}/bin/kafka-server-start.sh" "${config_dir}/server.properties"
