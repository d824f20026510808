#!/usr/bin/env bash
# Stand-in for the Apache Kafka distribution's bin/kafka-run-class.sh (the Maven Central jars carry no
# scripts): runs a class from ../libs with the environment variables the distribution's script reads —
# KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS, LOG_DIR — and its options
# -name and -loggc. Not supported: -daemon (a container runs in the foreground), JMX and debug ports.
set -euo pipefail

base_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

daemon_name=""
gc_log=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    -name) daemon_name="$2"; shift 2 ;;
    -loggc) gc_log=true; shift ;;
    -daemon) echo "kafka-run-class.sh (stand-in): -daemon is not supported" >&2; exit 1 ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || { echo "USAGE: $0 [-name servicename] [-loggc] classname [opts]" >&2; exit 1; }

log_dir="${LOG_DIR:-${base_dir}/logs}"
mkdir -p "${log_dir}"

# The distribution's defaults.
heap_opts="${KAFKA_HEAP_OPTS:--Xmx256M}"
performance_opts="${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
-XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
log4j_opts="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=${base_dir}/config/tools-log4j2.yaml}"
gc_opts=()
if [[ "${gc_log}" == true && -n "${daemon_name}" ]]; then
  gc_opts=("-Xlog:gc*:file=${log_dir}/${daemon_name}-gc.log:time,tags:filecount=10,filesize=100M")
fi

# The *_OPTS variables hold several flags each: word splitting is intended, as in the original.
# shellcheck disable=SC2086
exec java ${heap_opts} ${performance_opts} "${gc_opts[@]}" -Dkafka.logs.dir="${log_dir}" ${log4j_opts} \
  ${KAFKA_OPTS:-} -cp "${base_dir}/libs/*" "$@"
