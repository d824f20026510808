#!/usr/bin/env bash
# Re-trains the generator that sampler-service ships (src/main/resources/shipped-model/), with the
# project's own training loop and the `cdcgan` preset on the real MNIST in data/mnist (scripts/fetch-mnist.sh gets
# it), for a time budget in minutes or a number of epochs, whichever ends first.
#
#   scripts/train-shipped-model.sh [minutes (30)] [mnist dir (data/mnist)] [max epochs (200)]
#
# TrainShippedModel runs on sampler-service's test classpath in a JVM of its own (Maven profile
# `train-shipped-model`, scripts/README.md). Prints one line per epoch; the fixed-z grid of every epoch lands in
# sampler-service/target/shipped-model/. TRAIN_JAVA_OPTS replaces the JVM options (default -Xmx4g).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

(( $# <= 3 )) || { echo "train-shipped-model: at most 3 arguments (minutes, mnist dir, max epochs), got $#" >&2; exit 2; }

# two threads: the convolutional model gains from both cores (root README, "Performance"); measure on a quiet machine
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-10000}"

exec mvn -B -q -pl sampler-service -am -Ptrain-shipped-model test -DskipTests \
  "-Dtool.java-options=${TRAIN_JAVA_OPTS:--Xmx4g}" \
  "-Dtool.args=${1:-30} ${2:-data/mnist} sampler-service/src/main/resources/shipped-model/generator-checkpoint.zip sampler-service/target/shipped-model ${3:-200}"
