#!/usr/bin/env bash
# Installs everything the default test suite needs on a fresh Debian machine, idempotently (root, apt):
#   - prometheus: metrics-service's DashboardQueriesTest runs a real Prometheus and queries every expression of
#     the Grafana dashboard through its HTTP API;
#   - chromium and chromium-driver: sampler-service's WebPageTest drives a real headless browser;
#   - the MNIST files (scripts/fetch-mnist.sh), which the training tests need.
# Maven dependencies are fetched by Maven itself during the build; the deployment checks install their own tools
# (scripts/validate-deploy.sh).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if (( ${#missing[@]} > 0 )); then
  echo "setup: installing ${missing[*]} (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # The prometheus package's own service is not wanted (it would hold port 9090): the test starts its own
  # Prometheus on a random port. Only the service this install may just have started is stopped.
  if [[ " ${missing[*]} " == *" prometheus "* ]]; then
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
      systemctl disable --now prometheus >/dev/null 2>&1 || true
    elif [[ -x /etc/init.d/prometheus ]] && /etc/init.d/prometheus status >/dev/null 2>&1; then
      /etc/init.d/prometheus stop >/dev/null 2>&1 || true
    fi
  fi
fi
echo "setup: $(prometheus --version 2>&1 | head -1)"
echo "setup: $(chromium --version 2>/dev/null | head -1), $(chromedriver --version 2>/dev/null | head -1)"

scripts/fetch-mnist.sh
