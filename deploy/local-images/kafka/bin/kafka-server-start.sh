#!/usr/bin/env bash
# Stand-in for the distribution's bin/kafka-server-start.sh: the broker (kafka.Kafka) with the
# distribution's defaults for KAFKA_HEAP_OPTS, KAFKA_LOG4J_OPTS and EXTRA_ARGS.
set -euo pipefail
base_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 ]] || { echo "USAGE: $0 server.properties [--override property=value]*" >&2; exit 1; }
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=${base_dir}/config/log4j2.yaml}"
extra_args="${EXTRA_ARGS--name kafkaServer -loggc}"
# shellcheck disable=SC2086
exec "${base_dir}/bin/kafka-run-class.sh" ${extra_args} kafka.Kafka "$@"
