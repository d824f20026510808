#!/usr/bin/env bash
# Reload figures with trained checkpoints (sampler-service/README.md, Performance): event -> first response of
# that version for one checkpoint of every preset, the generator part (range read) and the whole object
# alternating, printed by the slow test TrainedReloadBenchmarkTest on real Kafka and S3 (local-stack).
#
#   scripts/bench-reload.sh [rounds (10)] [checkpoint.zip ...]
#
# Without files it uses runs/reload/<preset>/checkpoint-epoch-001.zip of every preset, training the missing ones
# first (one epoch each with ./digitgan train; kept for the next run).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
rounds="${1:-10}"
[[ "${rounds}" =~ ^[1-9][0-9]*$ ]] || { echo "bench-reload: rounds must be a positive number, got '${rounds}'" >&2; exit 2; }
shift || true

files=("$@")
if (( ${#files[@]} == 0 )); then
  for preset in seed mlp cmlp dcgan cdcgan; do
    file="runs/reload/${preset}/checkpoint-epoch-001.zip"
    if [[ ! -f "${file}" ]]; then
      rm -rf "runs/reload/${preset}"
      ./digitgan train --preset "${preset}" --epochs 1 --score-samples 0 --final-samples 0 \
        --out "runs/reload/${preset}"
    fi
    files+=("${repo_root}/${file}")
  done
fi
for file in "${files[@]}"; do
  [[ -f "${file}" ]] || { echo "bench-reload: no such checkpoint: ${file}" >&2; exit 2; }
done
trained="$(IFS=,; echo "${files[*]}")"

exec mvn -B -pl sampler-service -am test -Pslow -Dtest=TrainedReloadBenchmarkTest \
  -Dsurefire.failIfNoSpecifiedTests=false "-Dreload.trained=${trained}" "-Dreload.rounds=${rounds}"
