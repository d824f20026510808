#!/usr/bin/env bash
# The trainer's peak resident set per preset, with its container's memory settings (prints figures; README,
# Performance, and docs/deployment.md).
#
#   scripts/bench-memory.sh [presets (seed,mlp,cmlp,dcgan,cdcgan)] [minutes each (3)] [threads (2)]
#
# Each preset trains on the command line (the packaged trainer, `./digitgan build`) for its time budget into
# runs/memory/, with the trainer image's heap and JavaCPP bound: MEMORY_JAVA_OPTS, default
# "-Xmx1638m -Dorg.bytedeco.javacpp.maxPhysicalBytes=180%" (40 % and 72 % of the container's 4 GiB). The kernel's
# high-water mark of the resident set (VmHWM) is read every second; the last reading is the peak up to the last
# second of the run; the resident set at each whole minute shows whether it still grows. Ends with a table: preset,
# steps, peak MiB and its share of the 4 GiB limit.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
(( $# <= 3 )) || { echo "bench-memory: at most 3 arguments (presets minutes threads), got $#" >&2; exit 2; }
presets="${1:-seed,mlp,cmlp,dcgan,cdcgan}"
minutes="${2:-3}"
threads="${3:-2}"
java_opts="${MEMORY_JAVA_OPTS:--Xmx1638m -Dorg.bytedeco.javacpp.maxPhysicalBytes=180%}"
limit_mib=4096   # the trainer's mem_limit in docker-compose.yml and its k8s limit
jar=trainer-service/target/quarkus-app/quarkus-run.jar
[[ -f "${jar}" ]] || { echo "bench-memory: ${jar} is missing; run ./digitgan build first" >&2; exit 2; }

export OMP_NUM_THREADS="${threads}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-10000}"

mkdir -p runs/memory
echo "bench-memory: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "bench-memory: ${minutes} min per preset, OMP_NUM_THREADS=${threads}, JAVA_OPTS=${java_opts}"
rows=()
IFS=',' read -r -a preset_list <<<"${presets}"
for preset in "${preset_list[@]}"; do
  out="runs/memory/${preset}-$(date -u +%Y%m%dT%H%M%SZ)"
  log="${out}.log"
  # shellcheck disable=SC2086  # the options are words
  java ${java_opts} -jar "${jar}" train --preset "${preset}" --minutes "${minutes}" --epochs 1000 \
    --out "${out}" >"${log}" 2>&1 &
  pid=$!
  peak_kib=0
  seconds=0
  per_minute=""
  while kill -0 "${pid}" 2>/dev/null; do
    value="$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/${pid}/status" 2>/dev/null || true)"
    ((${value:-0} <= peak_kib)) || peak_kib=${value}
    sleep 1
    seconds=$((seconds + 1))
    # the resident set now, once a minute: whether it still grows at the end of the budget
    if ((seconds % 60 == 0)); then
      per_minute+=" $(($(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/${pid}/status" 2>/dev/null \
        || echo 0) / 1024))"
    fi
  done
  status=0
  wait "${pid}" || status=$?
  ((status == 0)) || { echo "bench-memory: ${preset} failed (exit ${status}); its log:" >&2; tail -20 "${log}" >&2; exit 1; }
  steps="$(sed -n 's/.*(\([0-9]*\) steps, [0-9]* epochs).*/\1/p' "${log}" | tail -1)"
  peak_mib=$((peak_kib / 1024))
  echo "bench-memory: ${preset}: ${steps:-?} steps in ${minutes} min, peak resident set ${peak_mib} MiB;" \
    "resident set at each minute (MiB):${per_minute:- none}"
  # shellcheck disable=SC2016  # the backticks are Markdown's
  rows+=("$(printf '| `%s` | %s | %d | %d %% |' "${preset}" "${steps:-?}" "${peak_mib}" $((100 * peak_mib / limit_mib)))")
done
echo
echo "| preset | steps in ${minutes} min | peak resident set, MiB | of ${limit_mib} MiB |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo "bench-memory: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
