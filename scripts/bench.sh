#!/usr/bin/env bash
# Training and generator benchmarks of shared-model (prints figures; see README, Performance).
#
#   scripts/bench.sh [presets (mlp,dcgan)] [batch (256)] [warm-up s (10)] [measure s (20)] [what (all)]
#   what: all, or a comma-separated choice of training, breakdown (where a step's time goes), generator (latency)
#   scripts/bench-vs-pytorch.sh ...   the same step side by side with PyTorch (./digitgan bench --against-pytorch)
#
# GanBenchmark runs on shared-model's test classpath in a JVM of its own (Maven profile `bench`, scripts/README.md)
# with the caller's OMP_NUM_THREADS / OMP_WAIT_POLICY / GOMP_SPINCOUNT (defaults 1 / PASSIVE / 10000), so thread
# settings can be compared:
#   OMP_NUM_THREADS=2 scripts/bench.sh mlp
# BENCH_JAVA_OPTS replaces the JVM options (default -Xmx4g).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
(( $# <= 5 )) || { echo "bench: at most 5 arguments (presets batch warm-up measure what), got $#" >&2; exit 2; }

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-10000}"

exec mvn -B -q -pl shared-model -am -Pbench test -DskipTests \
  "-Dtool.java-options=${BENCH_JAVA_OPTS:--Xmx4g}" "-Dtool.args=$*"
