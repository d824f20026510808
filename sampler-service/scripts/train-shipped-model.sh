#!/usr/bin/env bash
# Re-trains the generator that sampler-service ships (src/main/resources/shipped-model/), with the
# project's own training loop on the real MNIST in data/mnist (scripts/fetch-mnist.sh gets it).
#
#   sampler-service/scripts/train-shipped-model.sh [epochs (30)] [mnist dir (data/mnist)]
#
# Prints one line per epoch; the fixed-z grid of every epoch lands in sampler-service/target/shipped-model/.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${repo_root}"

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

offline=""
if [[ -d "${HOME}/.m2/repository/org/nd4j/nd4j-native" ]]; then offline="-o"; fi
mvn -B -q ${offline} -pl sampler-service -am install -DskipTests >&2
mvn -B -q ${offline} -pl sampler-service test-compile >&2
classpath_file="sampler-service/target/tools.classpath"
mvn -B -q ${offline} -pl sampler-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="${repo_root}/${classpath_file}" >&2

exec java ${TRAIN_JAVA_OPTS:--Xmx4g} \
  -cp "sampler-service/target/test-classes:sampler-service/target/classes:$(cat "${classpath_file}")" \
  dev.digitgan.sampler.tools.TrainShippedModel "${1:-30}" "${2:-data/mnist}"
