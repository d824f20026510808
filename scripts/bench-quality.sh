#!/usr/bin/env bash
# The quality evaluator's calibration table and scoring cost (prints figures; see shared-model/README.md, "Quality").
#
#   scripts/bench-quality.sh calibration [N (10000)]
#   scripts/bench-quality.sh cost [N list (500,1000,2000,5000,10000)] [repeats (5)]
#
# Runs in its own JVM with the caller's OMP_NUM_THREADS / OMP_WAIT_POLICY (defaults 1 / PASSIVE).
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

offline=""
if [[ -d "${HOME}/.m2/repository/org/nd4j/nd4j-native" ]]; then offline="-o"; fi
# One reactor build: shared-contract and shared-image resolve to their target/classes (never ~/.m2).
mvn -B -q ${offline} -pl shared-model -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/quality.classpath >&2
classpath_file="shared-model/target/quality.classpath"

exec java ${QUALITY_JAVA_OPTS:--Xmx4g} -Ddigitgan.repo.root="${repo_root}" \
  -cp "shared-model/target/test-classes:shared-model/target/classes:$(cat "${classpath_file}")" "${main}" "$@"
