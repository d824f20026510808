#!/usr/bin/env bash
# Test dependencies of metrics-service: Debian's prometheus (DashboardQueriesTest runs a real Prometheus
# and queries every expression of the Grafana dashboard through its HTTP API). Idempotent.
set -euo pipefail
if command -v prometheus >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends prometheus
# The package's own service is not wanted (it would hold port 9090): the test starts its own Prometheus on a
# random port. Only the service this install may just have started is stopped.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  systemctl disable --now prometheus >/dev/null 2>&1 || true
elif [[ -x /etc/init.d/prometheus ]] && /etc/init.d/prometheus status >/dev/null 2>&1; then
  /etc/init.d/prometheus stop >/dev/null 2>&1 || true
fi
prometheus --version | head -1
