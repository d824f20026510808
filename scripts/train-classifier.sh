#!/usr/bin/env bash
# Trains the quality evaluator's MNIST classifier (fixed seed, training set only), measures it on the test set and
# rewrites shared-model/src/main/resources/quality/ (weights, test-set feature statistics, their SHA-256 pins).
# See shared-model/README.md, "Quality".
#
#   scripts/train-classifier.sh [output folder]
#
# One OpenMP thread unless the caller says otherwise: with one thread the run is reproducible bit for bit.
# TrainClassifier runs on shared-model's test classpath in a JVM of its own (Maven profile `train-classifier`,
# scripts/README.md). QUALITY_JAVA_OPTS replaces the JVM options (default -Xmx4g).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

(( $# <= 1 )) || { echo "train-classifier: at most 1 argument (output folder), got $#" >&2; exit 2; }

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-10000}"

exec mvn -B -q -pl shared-model -am -Ptrain-classifier test -DskipTests \
  "-Dtool.java-options=${QUALITY_JAVA_OPTS:--Xmx4g} -Ddigitgan.repo.root=${repo_root}" "-Dtool.args=$*"
