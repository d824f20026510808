#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine, idempotently:
# the Debian packages each module's tests ask for (<module>/src/test/ci-setup.sh) and the MNIST files.
# Maven dependencies are fetched by Maven itself during the build.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

for setup in */src/test/ci-setup.sh; do
  [[ -f "${setup}" ]] || continue
  echo "setup: ${setup}"
  bash "${setup}"
done

scripts/fetch-mnist.sh
