#!/usr/bin/env bash
# The trainer's step side by side with the PyTorch reference (scripts/bench/pytorch_gan.py), alternating in one run.
#
#   scripts/bench-vs-pytorch.sh [presets (every preset)] [threads (1,2)] [warm-up s (10)] [measure s (20)] [rounds (2)]
#                               [spin counts (0,10000)]
#   ./digitgan bench --against-pytorch ...   (the same)
#
# Per preset and thread count: digitgan (GanBenchmark, training and generator latency), PyTorch, digitgan, PyTorch
# ... `rounds` times each, one process at a time, nothing else started beside them; then a table of images/s per
# round and the ratio of the medians (> 1: digitgan is faster), and one of G's median latency for 64 digits per
# round and its ratio (PyTorch's over digitgan's: > 1, digitgan is faster), with the CPU, the versions and the load
# average at start and end. Both count alike: real images of the measured steps (D step on n real + n generated,
# G step on n) per wall second, after a warm-up of the same length, in a fresh process per round, at the preset's
# batch, with OMP_NUM_THREADS set to the thread count for both and OMP_WAIT_POLICY=PASSIVE; at more than one thread
# each side runs under each GOMP_SPINCOUNT of the list (how long an idle OpenMP thread polls before it sleeps: 0 is
# passive, 10000 digitgan's default), and a last table sets each side's best against the other's; then, in
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
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
(( $# <= 6 )) || { echo "bench-vs-pytorch: at most 6 arguments (presets threads warm-up measure rounds spin-counts), got $#" >&2; exit 2; }

die() { echo "bench-vs-pytorch: ERROR: $*" >&2; exit 1; }

all_presets="$("${python}" "${reference}" --print-presets | "${python}" -c 'import json, sys; print(",".join(json.load(sys.stdin)))')"
presets="${1:-${all_presets}}"
threads="${2:-1,2}"
warmup="${3:-10}"
measure="${4:-20}"
rounds="${5:-2}"
spins="${6:-0,10000}"
[[ "${rounds}" =~ ^[1-9][0-9]*$ ]] || die "rounds must be a positive whole number, got '${rounds}'"
[[ "${threads}" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "threads must be a list like 1,2, got '${threads}'"
[[ "${spins}" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "spin counts must be a list like 0,10000, got '${spins}'"
IFS=, read -r -a preset_list <<< "${presets}"
IFS=, read -r -a thread_list <<< "${threads}"
IFS=, read -r -a spin_list <<< "${spins}"
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
export OMP_WAIT_POLICY=PASSIVE

batch_of() { # preset
  "${python}" "${reference}" --print-presets | "${python}" -c "import json, sys; print(json.load(sys.stdin)['$1']['batchSize'])"
}

# Both sides print G's latency in the same words: "<preset> generator, batch of 64: median <ms> ms, ..."
latency_in() { # log -> median ms
  grep -oP 'generator, batch of [0-9]+: median \K[0-9.]+(?= ms)' "$1" | head -1
}

run_digitgan() { # preset threads round spin-count -> "images/s latency-ms"
  local log="${logs}/$1-t$2-s$4-r$3-digitgan.log"
  if ! OMP_NUM_THREADS="$2" GOMP_SPINCOUNT="$4" scripts/bench.sh "$1" "$(batch_of "$1")" "${warmup}" "${measure}" training,generator \
      > "${log}" 2>&1; then
    tail -20 "${log}" >&2
    die "digitgan failed on $1 with $2 thread(s) (log ${log})"
  fi
  echo "$(grep -oP 'training: *\K[0-9,]+(?= images/s wall)' "${log}" | tr -d , | head -1) $(latency_in "${log}")"
}

run_pytorch() { # preset threads round spin-count -> "images/s latency-ms"
  local log="${logs}/$1-t$2-s$4-r$3-pytorch.log"
  if ! OMP_NUM_THREADS="$2" GOMP_SPINCOUNT="$4" "${python}" "${reference}" --preset "$1" --threads "$2" --warmup "${warmup}" \
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
    # with one thread there is no idle OpenMP thread to poll: the first spin count stands for all
    t_spins=("${spin_list[@]}")
    (( t > 1 )) || t_spins=("${spin_list[0]}")
    for (( r = 1; r <= rounds; r++ )); do
      for spin in "${t_spins[@]}"; do
        setting="${t} thread(s), spin ${spin}"
        (( t > 1 )) || setting="${t} thread(s)"
        read -r d d_ms <<< "$(run_digitgan "${preset}" "${t}" "${r}" "${spin}")"
        [[ -n "${d}" && -n "${d_ms:-}" ]] || die "no images/s or latency in ${logs}/${preset}-t${t}-s${spin}-r${r}-digitgan.log"
        printf '  %-7s %s, round %d: digitgan %s images/s, G %s ms  (load %s)\n' "${preset}" "${setting}" "${r}" \
          "${d}" "${d_ms}" "$(cut -d' ' -f1 /proc/loadavg)"
        read -r p p_ms <<< "$(run_pytorch "${preset}" "${t}" "${r}" "${spin}")"
        [[ -n "${p}" && -n "${p_ms:-}" ]] || die "no images/s or latency in ${logs}/${preset}-t${t}-s${spin}-r${r}-pytorch.log"
        printf '  %-7s %s, round %d: PyTorch  %s images/s, G %s ms  (load %s)\n' "${preset}" "${setting}" "${r}" \
          "${p}" "${p_ms}" "$(cut -d' ' -f1 /proc/loadavg)"
        label="${t}"
        (( t > 1 )) && label="${t}, spin ${spin}"
        printf '%s\t%s\tdigitgan\t%s\t%s\n%s\t%s\tpytorch\t%s\t%s\n' "${preset}" "${label}" "${d}" "${d_ms}" \
          "${preset}" "${label}" "${p}" "${p_ms}" >> "${results}"
      done
    done
  done
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

echo
# nproc would answer OMP_NUM_THREADS
echo "machine: ${cpu}, $(grep -c '^processor' /proc/cpuinfo) CPUs; ${java_version}; PyTorch ${torch_version}; OMP_WAIT_POLICY=${OMP_WAIT_POLICY}, GOMP_SPINCOUNT ${spins} at more than one thread"
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
# rows are keyed by the thread count and, above one thread, the spin count ("2, spin 10000")
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
print()
print("Each side at its best setting (highest median images/s; lowest median latency):")
print()
print("| preset | digitgan training | PyTorch training | ratio | digitgan G latency | PyTorch G latency | ratio |")
print("|---|---|---|---|---|---|---|")
for preset in dict.fromkeys(p for p, _ in rows):
    def best(table, side, pick):
        setting = pick((t for p, t in table if p == preset),
                       key=lambda t: statistics.median(table[(preset, t)][side]))
        return statistics.median(table[(preset, setting)][side]), setting
    d, d_at = best(rows, "digitgan", max)
    p, p_at = best(rows, "pytorch", max)
    dl, dl_at = best(latencies, "digitgan", min)
    pl, pl_at = best(latencies, "pytorch", min)
    print(f"| `{preset}` | {d:,.0f} ({d_at}) | {p:,.0f} ({p_at}) | {d / p:.2f}x | {dl:.2f} ms ({dl_at}) |"
          f" {pl:.2f} ms ({pl_at}) | {pl / dl:.2f}x |")
print("(settings: threads, and above one thread GOMP_SPINCOUNT)")
EOF
