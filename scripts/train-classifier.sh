#!/usr/bin/env bash
# Trains the quality evaluator's MNIST classifier (fixed seed, training set only), measures it on the test set and
# rewrites shared-model/src/main/resources/quality/ (weights, test-set feature statistics, their SHA-256 pins).
# See shared-model/README.md, "Quality".
#
#   scripts/train-classifier.sh [output folder]
#
# One OpenMP thread unless the caller says otherwise: with one thread the run is reproducible bit for bit.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

offline=""
if [[ -d "${HOME}/.m2/repository/org/nd4j/nd4j-native" ]]; then offline="-o"; fi
# One reactor build: shared-contract and shared-image resolve to their target/classes (never ~/.m2).
mvn -B -q ${offline} -pl shared-model -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/quality.classpath >&2
classpath_file="shared-model/target/quality.classpath"

exec java ${QUALITY_JAVA_OPTS:--Xmx4g} -Ddigitgan.repo.root="${repo_root}" \
  -cp "shared-model/target/test-classes:shared-model/target/classes:$(cat "${classpath_file}")" \
  dev.digitgan.model.quality.TrainClassifier "$@"
