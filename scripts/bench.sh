#!/usr/bin/env bash
# Training and generator benchmarks of shared-model (prints figures; see README, Performance).
#
#   scripts/bench.sh [presets (mlp,dcgan)] [batch (256)] [warm-up s (10)] [measure s (20)]
#
# Runs in its own JVM with the caller's OMP_NUM_THREADS / OMP_WAIT_POLICY (defaults 1 / PASSIVE), so thread
# settings can be compared:  OMP_NUM_THREADS=2 scripts/bench.sh mlp
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

offline=""
if [[ -d "${HOME}/.m2/repository/org/nd4j/nd4j-native" ]]; then offline="-o"; fi
mvn -B -q ${offline} -pl shared-model -am test-compile -DskipTests >&2
classpath_file="shared-model/target/bench.classpath"
mvn -B -q ${offline} -pl shared-model dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="${repo_root}/${classpath_file}" >&2

exec java ${BENCH_JAVA_OPTS:--Xmx4g} \
  -cp "shared-model/target/test-classes:shared-model/target/classes:$(cat "${classpath_file}")" \
  dev.digitgan.model.bench.GanBenchmark "$@"
