#!/usr/bin/env bash
# The trainer's step side by side with the PyTorch reference (scripts/bench/pytorch_gan.py), alternating in one run.
#
#   scripts/bench-vs-pytorch.sh [presets (every preset)] [threads (1,2)] [warm-up s (10)] [measure s (20)] [rounds (2)]
#   ./digitgan bench --against-pytorch ...   (the same)
#
# Per preset and thread count: digitgan (GanBenchmark, training and generator latency), PyTorch, digitgan, PyTorch
# ... `rounds` times each, one process at a time, nothing else started beside them; then a table of images/s per
# round and the ratio of the medians (> 1: digitgan is faster), and one of G's median latency for 64 digits per
# round and its ratio (PyTorch's over digitgan's: > 1, digitgan is faster), with the CPU, the versions and the load
# average at start and end. Both count alike: real images of the measured steps (D step on n real + n generated,
# G step on n) per wall second, after a warm-up of the same length, in a fresh process per round, at the preset's
# batch, with OMP_NUM_THREADS set to the thread count for both (and OMP_WAIT_POLICY, default PASSIVE); then, in
# the same process, G's latency in inference mode for 64 digits (half the warm-up and measuring time; what
# Generator.generate does, GanBenchmark's generatorLatency). Installs python3-torch and libopenblas0-pthread with
# apt-get when they are missing (benchmark only: neither `up` nor `test` needs them).
# Run logs go to target/bench-vs-pytorch/.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

readonly python=/usr/bin/python3
readonly reference=scripts/bench/pytorch_gan.py

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
(( $# <= 5 )) || { echo "bench-vs-pytorch: at most 5 arguments (presets threads warm-up measure rounds), got $#" >&2; exit 2; }

die() { echo "bench-vs-pytorch: ERROR: $*" >&2; exit 1; }

all_presets="$("${python}" "${reference}" --print-presets | "${python}" -c 'import json, sys; print(",".join(json.load(sys.stdin)))')"
presets="${1:-${all_presets}}"
threads="${2:-1,2}"
warmup="${3:-10}"
measure="${4:-20}"
rounds="${5:-2}"
[[ "${rounds}" =~ ^[1-9][0-9]*$ ]] || die "rounds must be a positive whole number, got '${rounds}'"
[[ "${threads}" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "threads must be a list like 1,2, got '${threads}'"
IFS=, read -r -a preset_list <<< "${presets}"
IFS=, read -r -a thread_list <<< "${threads}"
for preset in "${preset_list[@]}"; do
  [[ ",${all_presets}," == *",${preset},"* ]] || die "unknown preset '${preset}'; the presets are ${all_presets}"
done

# PyTorch is a benchmark-only dependency; without OpenBLAS, Debian's PyTorch uses the reference BLAS (far slower).
missing=()
"${python}" -c 'import torch' >/dev/null 2>&1 || missing+=(python3-torch)
dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'install ok installed' \
  || missing+=(libopenblas0-pthread)
if (( ${#missing[@]} > 0 )); then
  echo "bench-vs-pytorch: installing ${missing[*]} with apt-get (for this benchmark only) ..."
  (( EUID == 0 )) || die "installing ${missing[*]} needs root: run 'apt-get install ${missing[*]}' as root first"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  "${python}" -c 'import torch' || die "python3-torch is installed but 'import torch' still fails"
fi

scripts/fetch-mnist.sh >/dev/null

logs="target/bench-vs-pytorch/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "${logs}"
results="${logs}/results.tsv"
: > "${results}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

batch_of() { # preset
  "${python}" "${reference}" --print-presets | "${python}" -c "import json, sys; print(json.load(sys.stdin)['$1']['batchSize'])"
}

# Both sides print G's latency in the same words: "<preset> generator, batch of 64: median <ms> ms, ..."
latency_in() { # log -> median ms
  grep -oP 'generator, batch of [0-9]+: median \K[0-9.]+(?= ms)' "$1" | head -1
}

run_digitgan() { # preset threads round -> "images/s latency-ms"
  local log="${logs}/$1-t$2-r$3-digitgan.log"
  if ! OMP_NUM_THREADS="$2" scripts/bench.sh "$1" "$(batch_of "$1")" "${warmup}" "${measure}" training,generator \
      > "${log}" 2>&1; then
    tail -20 "${log}" >&2
    die "digitgan failed on $1 with $2 thread(s) (log ${log})"
  fi
  echo "$(grep -oP 'training: *\K[0-9,]+(?= images/s wall)' "${log}" | tr -d , | head -1) $(latency_in "${log}")"
}

run_pytorch() { # preset threads round -> "images/s latency-ms"
  local log="${logs}/$1-t$2-r$3-pytorch.log"
  if ! OMP_NUM_THREADS="$2" "${python}" "${reference}" --preset "$1" --threads "$2" --warmup "${warmup}" \
      --seconds "${measure}" --latency > "${log}" 2>&1; then
    tail -20 "${log}" >&2
    die "PyTorch failed on $1 with $2 thread(s) (log ${log})"
  fi
  echo "$(grep -oP 'threads=[0-9]+: \K[0-9]+(?= images/s)' "${log}" | head -1) $(latency_in "${log}")"
}

cpu="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
torch_version="$("${python}" -c 'import torch; print(torch.__version__)')"
java_version="$(java -version 2>&1 | head -1)"
echo "bench-vs-pytorch: ${#preset_list[@]} preset(s) x ${#thread_list[@]} thread count(s) x ${rounds} round(s) x 2," \
  "warm-up ${warmup} s + ${measure} s each; logs in ${logs}"
echo "load average at start: ${load_start}"

for preset in "${preset_list[@]}"; do
  for t in "${thread_list[@]}"; do
    for (( r = 1; r <= rounds; r++ )); do
      read -r d d_ms <<< "$(run_digitgan "${preset}" "${t}" "${r}")"
      [[ -n "${d}" && -n "${d_ms:-}" ]] || die "no images/s or latency in ${logs}/${preset}-t${t}-r${r}-digitgan.log"
      printf '  %-7s %s thread(s), round %d: digitgan %s images/s, G %s ms  (load %s)\n' "${preset}" "${t}" "${r}" \
        "${d}" "${d_ms}" "$(cut -d' ' -f1 /proc/loadavg)"
      read -r p p_ms <<< "$(run_pytorch "${preset}" "${t}" "${r}")"
      [[ -n "${p}" && -n "${p_ms:-}" ]] || die "no images/s or latency in ${logs}/${preset}-t${t}-r${r}-pytorch.log"
      printf '  %-7s %s thread(s), round %d: PyTorch  %s images/s, G %s ms  (load %s)\n' "${preset}" "${t}" "${r}" \
        "${p}" "${p_ms}" "$(cut -d' ' -f1 /proc/loadavg)"
      printf '%s\t%s\tdigitgan\t%s\t%s\n%s\t%s\tpytorch\t%s\t%s\n' "${preset}" "${t}" "${d}" "${d_ms}" \
        "${preset}" "${t}" "${p}" "${p_ms}" >> "${results}"
    done
  done
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

echo
# nproc would answer OMP_NUM_THREADS
echo "machine: ${cpu}, $(grep -c '^processor' /proc/cpuinfo) CPUs; ${java_version}; PyTorch ${torch_version}; OMP_WAIT_POLICY=${OMP_WAIT_POLICY}"
echo "load average at start: ${load_start}; at end: ${load_end}"
"${python}" "${reference}" --print-layers > "${logs}/layers.json"
"${python}" - "${results}" "${logs}/layers.json" <<'EOF'
import json
import statistics
import sys

layers = json.load(open(sys.argv[2]))
rows, latencies = {}, {}
for line in open(sys.argv[1]):
    preset, threads, side, rate, millis = line.split("\t")
    rows.setdefault((preset, threads), {"digitgan": [], "pytorch": []})[side].append(float(rate))
    latencies.setdefault((preset, threads), {"digitgan": [], "pytorch": []})[side].append(float(millis))
print("| preset | threads | digitgan images/s per round | PyTorch images/s per round | ratio (median / median) |"
      " minimal MFLOP per image |")
print("|---|---|---|---|---|---|")
for (preset, threads), r in rows.items():
    def rounds(values):
        return " / ".join(f"{v:,.0f}" for v in values)
    ratio = statistics.median(r["digitgan"]) / statistics.median(r["pytorch"])
    mflop = 2 * layers[preset]["stepMacsPerImage"] / 1e6
    print(f"| `{preset}` | {threads} | {rounds(r['digitgan'])} | {rounds(r['pytorch'])} | {ratio:.2f}x | {mflop:.1f} |")
print("(minimal MFLOP per image: 2 x the multiply-adds one step needs per real image, from the layers both sides"
      " build; scripts/bench/pytorch_gan.py --print-layers)")
print()
print("| preset | threads | digitgan G latency, 64 digits, median ms per round | PyTorch, same calls |"
      " ratio (PyTorch / digitgan, medians) |")
print("|---|---|---|---|---|")
for (preset, threads), r in latencies.items():
    def rounds(values):
        return " / ".join(f"{v:.2f}" for v in values)
    ratio = statistics.median(r["pytorch"]) / statistics.median(r["digitgan"])
    print(f"| `{preset}` | {threads} | {rounds(r['digitgan'])} | {rounds(r['pytorch'])} | {ratio:.2f}x |")
print("(latency ratio above 1: digitgan's G answers sooner)")
EOF
