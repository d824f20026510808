#!/usr/bin/env bash
# Brings the whole system up without Docker: a real KRaft Kafka and a real S3 server (S3Proxy) from
# jars, the three services against them, and a short training run. Ctrl-C stops everything it started.
#
#   scripts/up.sh [--preset NAME] [--epochs N] [--checkpoint-steps N] [--no-run]
#
#   --preset NAME          preset of the training run (default mlp; the trainer names the valid ones)
#   --epochs N             epochs of the training run (default 3)
#   --checkpoint-steps N   also checkpoint every N steps (default 50), so the sampler gets new versions
#   --no-run               start the stack and the services, request no training run
#
# Called by `./digitgan up` after the build and the MNIST fetch (which first calls it with --check-args to
# refuse bad options before building). State lives in .stack/ (kept across restarts: Kafka log, S3 objects,
# generated credentials); logs in .stack/logs/. Environment: TRAINER_PORT/SAMPLER_PORT/METRICS_PORT
# (8081/8082/8083), KAFKA_PORT (9092), S3_PORT (9000), JAVA_OPTS (the services' JVM options; by default the
# trainer and the sampler get their containers' bounds, TRAINER_JAVA_OPTS and SAMPLER_JAVA_OPTS below).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

usage() { sed -n '4,10p' "$0" | sed 's/^# \{0,1\}//'; }
bad_usage() { echo "up: $*" >&2; usage >&2; exit 2; }
positive_int() { [[ "$2" =~ ^[1-9][0-9]{0,5}$ ]] || bad_usage "$1 needs a positive whole number, got '$2'"; }

preset="mlp"
epochs=3
checkpoint_steps=50
request_run=1
run_options=()
check_only=0
while (( $# > 0 )); do
  case "$1" in
    --preset|--epochs|--checkpoint-steps)
      (( $# >= 2 )) || bad_usage "$1 needs a value"
      set -- "$1=$2" "${@:3}" ;;
    --preset=*) preset="${1#*=}"; run_options+=(--preset); shift ;;
    --epochs=*) positive_int --epochs "${1#*=}"; epochs="${1#*=}"; run_options+=(--epochs); shift ;;
    --checkpoint-steps=*) positive_int --checkpoint-steps "${1#*=}"; checkpoint_steps="${1#*=}"
      run_options+=(--checkpoint-steps); shift ;;
    --no-run) request_run=0; shift ;;
    --check-args) check_only=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) bad_usage "unknown argument '$1'" ;;
  esac
done
[[ "${preset}" =~ ^[a-z0-9-]{1,40}$ ]] || bad_usage "--preset needs a preset name (letters, digits, '-'), got '${preset}'"
if (( request_run == 0 && ${#run_options[@]} > 0 )); then
  bad_usage "--no-run requests no training run, so ${run_options[*]} would be ignored"
fi
(( check_only == 0 )) || exit 0

state=".stack"
logs="${state}/logs"
mkdir -p "${logs}"
chmod 700 "${state}"

trainer_port="${TRAINER_PORT:-8081}"
sampler_port="${SAMPLER_PORT:-8082}"
metrics_port="${METRICS_PORT:-8083}"

pids=()
stopping=0
stop_all() {
  [[ ${stopping} -eq 1 ]] && return
  stopping=1
  echo
  echo "up: stopping ..."
  # Services first (they flush to Kafka/S3), the stack last.
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  echo "up: stopped. Data kept in ${state}/ (delete it to start afresh)."
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_http() { # url name seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if (( SECONDS > deadline )); then
      echo "up: ERROR: $2 not ready after $3 s; see its log in ${logs}/" >&2
      exit 1
    fi
    sleep 1
  done
}

# Development credentials, generated once per state folder and never committed: an admin account for the
# trainer and one for the sampler. The services run in their prod profile here, where they refuse a missing,
# short (< 16) or committed password (AdminPasswordCheck); ~32 random characters pass. A state folder from
# before the two accounts (one shared DIGITGAN_ADMIN_*) gets new ones.
random_password() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
if ! grep -q '^DIGITGAN_SAMPLER_ADMIN_PASSWORD=' "${state}/admin.env" 2>/dev/null; then
  (umask 077; printf 'DIGITGAN_TRAINER_ADMIN_USER=admin\nDIGITGAN_TRAINER_ADMIN_PASSWORD=%s\nDIGITGAN_SAMPLER_ADMIN_USER=admin\nDIGITGAN_SAMPLER_ADMIN_PASSWORD=%s\n' \
    "$(random_password)" "$(random_password)" > "${state}/admin.env")
fi
set -a; source "${state}/admin.env"; set +a

echo "up: starting Kafka (KRaft) and S3 (S3Proxy) from jars ..."
rm -f "${state}/stack.env"
java -jar local-stack/target/stack/local-stack.jar --data "${state}/data" \
  --kafka-port "${KAFKA_PORT:-9092}" --s3-port "${S3_PORT:-9000}" --env-file "${state}/stack.env" \
  > "${logs}/local-stack.log" 2>&1 &
pids+=($!)
deadline=$((SECONDS + 120))
until [[ -s "${state}/stack.env" ]]; do
  kill -0 "${pids[0]}" 2>/dev/null || { echo "up: ERROR: local stack exited; see ${logs}/local-stack.log" >&2; tail -20 "${logs}/local-stack.log" >&2; exit 1; }
  (( SECONDS < deadline )) || { echo "up: ERROR: local stack not ready after 120 s" >&2; exit 1; }
  sleep 1
done
set -a; source "${state}/stack.env"; set +a
echo "up: Kafka ${KAFKA_BOOTSTRAP_SERVERS}, S3 ${DIGITGAN_S3_ENDPOINT}"

# The trainer's heap and native bound as in its image at the compose/Kubernetes limit of 4 GiB (Dockerfile.jvm):
# without them the JVM takes a quarter of the machine's memory as heap and JavaCPP lets native memory grow to four
# times that before it collects (a trainer reached 10 GB RSS here after an mlp and a dcgan run).
trainer_java_opts="${TRAINER_JAVA_OPTS:-${JAVA_OPTS:--Xmx1638m -Dorg.bytedeco.javacpp.maxPhysicalBytes=180%}}"
# The sampler's, as in its image at its 2 GiB limit: under load its resident set went past 2 GiB with JavaCPP's
# default bound, and stayed near 1.5 GiB with this one (docs/deployment.md).
sampler_java_opts="${SAMPLER_JAVA_OPTS:-${JAVA_OPTS:--Xmx819m -Dorg.bytedeco.javacpp.maxPhysicalBytes=180%}}"

start_service() { # name port java-options
  echo "up: starting $1 on port $2 ..."
  # shellcheck disable=SC2086 # the options are words
  QUARKUS_HTTP_PORT="$2" java $3 -jar "$1/target/quarkus-app/quarkus-run.jar" > "${logs}/$1.log" 2>&1 &
  pids+=($!)
}
start_service trainer-service "${trainer_port}" "${trainer_java_opts}"
start_service sampler-service "${sampler_port}" "${sampler_java_opts}"
start_service metrics-service "${metrics_port}" "${JAVA_OPTS:-}"
wait_http "http://localhost:${trainer_port}/q/health/ready" trainer-service 180
wait_http "http://localhost:${sampler_port}/q/health/ready" sampler-service 180
wait_http "http://localhost:${metrics_port}/q/health/ready" metrics-service 180

run_id=""
if (( request_run == 1 )); then
  run_id="up-$(date +%Y%m%d-%H%M%S)"
  body=$(printf '{"runId":"%s","preset":"%s","epochs":%s,"checkpointIntervalSteps":%s}' \
    "${run_id}" "${preset}" "${epochs}" "${checkpoint_steps}")
  echo "up: requesting training run ${run_id}: ${body}"
  answer="${logs}/run-request.json"
  status=$(curl -sS -o "${answer}" -w '%{http_code}' -u "${DIGITGAN_TRAINER_ADMIN_USER}:${DIGITGAN_TRAINER_ADMIN_PASSWORD}" \
    -H 'Content-Type: application/json' -X POST "http://localhost:${trainer_port}/runs" -d "${body}" || true)
  if [[ "${status}" != "202" ]]; then
    echo "up: ERROR: the trainer refused the run (HTTP ${status}): $(cat "${answer}" 2>/dev/null)" >&2
    exit 1
  fi
fi

# Only what answers now is listed: the loss curve appears with the run's first loss event, so it is polled.
if [[ -n "${run_id}" ]]; then
  wait_http "http://localhost:${metrics_port}/runs/${run_id}/losses.png" "the run's loss curve" 120
fi

cat <<MSG

  digitgan is up.  Ctrl-C stops everything.

  Digits (web page)      http://localhost:${sampler_port}/
  Digit grid (PNG)       http://localhost:${sampler_port}/digits/grid.png?n=64
  Model versions         http://localhost:${sampler_port}/models
  Runs                   http://localhost:${trainer_port}/runs${run_id:+
  This run's status      http://localhost:${trainer_port}/runs/${run_id}
  This run's loss curve  http://localhost:${metrics_port}/runs/${run_id}/losses.png}
  Metrics (Prometheus)   http://localhost:${metrics_port}/q/metrics
  API pages (Swagger)    http://localhost:${trainer_port}/q/swagger-ui  http://localhost:${sampler_port}/q/swagger-ui
  OpenAPI documents      http://localhost:${trainer_port}/q/openapi  http://localhost:${sampler_port}/q/openapi  http://localhost:${metrics_port}/q/openapi
  Admin: trainer (start/stop runs) user ${DIGITGAN_TRAINER_ADMIN_USER}, sampler (model policy) user
                         ${DIGITGAN_SAMPLER_ADMIN_USER}; their passwords in ${state}/admin.env
  Logs                   ${logs}/

MSG

# Follow the sampler's model version as training publishes checkpoints.
last=""
while true; do
  for pid in "${pids[@]}"; do
    kill -0 "${pid}" 2>/dev/null || { echo "up: a process exited unexpectedly; see ${logs}/" >&2; exit 1; }
  done
  version=$(curl -fsS -o /dev/null -D - "http://localhost:${sampler_port}/digits/grid.png?n=1" 2>/dev/null \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="x-model-version"{print $2}')
  if [[ -n "${version}" && "${version}" != "${last}" ]]; then
    echo "up: sampler now serves model ${version}"
    last="${version}"
  fi
  sleep 5
done
