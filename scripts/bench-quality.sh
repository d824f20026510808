#!/usr/bin/env bash
# The quality evaluator's calibration table and scoring cost (prints figures; see shared-model/README.md, "Quality").
#
#   scripts/bench-quality.sh calibration [N (10000)]
#   scripts/bench-quality.sh cost [N list (500,1000,2000,5000,10000)] [repeats (5)]
#
# Runs on shared-model's test classpath in a JVM of its own (Maven profile `bench-quality`, scripts/README.md),
# with the caller's OMP_NUM_THREADS / OMP_WAIT_POLICY / GOMP_SPINCOUNT (defaults 1 / PASSIVE /
# 10000).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

case "${1:-}" in
  calibration) main=dev.digitgan.model.quality.QualityCalibration ;;
  cost) main=dev.digitgan.model.quality.QualityCostBenchmark ;;
  *) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
shift

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-10000}"

exec mvn -B -q -pl shared-model -am -Pbench-quality test -DskipTests "-Dtool.main=${main}" \
  "-Dtool.java-options=${QUALITY_JAVA_OPTS:--Xmx4g} -Ddigitgan.repo.root=${repo_root}" "-Dtool.args=$*"
