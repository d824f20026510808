#!/usr/bin/env bash
# The fault-injection suite (issue 13 part 4; README, "Faults"): the packaged services against a real Kafka and
# S3Proxy, with the broker and S3 stopped and started again, the trainer SIGKILLed ten times and the metrics service
# once, under 16 sampler clients. Each case prints one CHAOS line of figures; they are repeated at the end.
#
#   scripts/chaos.sh            builds what it needs, runs e2e-tests' ChaosIT and ChaosSmokeIT (Maven profile chaos)
#
# About 10 minutes on a 2-core machine. Logs: e2e-tests/target/chaos-<time>/logs, the Maven output in
# e2e-tests/target/chaos.log.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
(( $# == 0 )) || { echo "chaos: takes no arguments, got: $*" >&2; exit 2; }

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-10000}"

log=e2e-tests/target/chaos.log
mkdir -p "$(dirname "${log}")"
status=0
# -am builds and packages the services from source in the reactor; only the chaos ITs run (no unit tests, no
# other module's integration tests).
mvn -B -pl e2e-tests -am -Pchaos verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  '-Dit.test=Chaos*IT' -Dfailsafe.failIfNoSpecifiedTests=false 2>&1 | tee "${log}" || status=$?
echo
echo "chaos: figures (${log}):"
# Each line once (failsafe repeats a failed class's output).
grep -E '^CHAOS [a-z0-9-]+: ' "${log}" | awk '!seen[$0]++' | grep . || echo "chaos: no CHAOS line was printed"
exit "${status}"
