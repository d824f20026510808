#!/usr/bin/env bash
# Prints the reports of the tests that failed in the last Maven run (surefire and failsafe, every module), each
# cut to its message and first stack frames, and the tests that failed once and passed when re-run (flakes), so
# that the tail of a CI log names them. `./digitgan test` calls it after every build; it prints nothing when no
# report records a failure, an error or a flake.
#
#   scripts/failed-tests.sh [max lines per report (60)]
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

(( $# <= 1 )) || { echo "failed-tests: at most 1 argument (max lines per report), got $#" >&2; exit 2; }
max_lines="${1:-60}"

shopt -s nullglob
reports=(./*/target/surefire-reports/*.txt ./*/target/failsafe-reports/*.txt)
failed=0
for report in "${reports[@]}"; do
  grep -q '<<< \(FAILURE\|ERROR\)!' "${report}" || continue
  failed=$((failed + 1))
  echo "---- ${report#./}"
  # keep the messages and the first three frames of each trace; the rest is in the report
  awk -v max="${max_lines}" '
    /^\tat / { if (++frames > 3) next }
    !/^\tat / { frames = 0 }
    { if (++printed > max) exit; print }' "${report}"
done
for xml in ./*/target/surefire-reports/TEST-*.xml ./*/target/failsafe-reports/TEST-*.xml; do
  grep -q '<flaky\(Failure\|Error\)' "${xml}" || continue
  echo "---- flaky (failed, then passed when re-run): ${xml#./}"
  grep -o '<testcase name="[^"]*" classname="[^"]*"\|<flaky\(Failure\|Error\) message="[^"]\{0,300\}' "${xml}" \
    | grep -B1 '<flaky' | grep -v '^--$' || true
done
if (( failed > 0 )); then
  echo "failed-tests: ${failed} test class(es) failed; full reports under */target/{surefire,failsafe}-reports/"
fi
