#!/usr/bin/env bash
# Installs what sampler-service's tests need beyond Java and Maven: a real headless chromium and its
# WebDriver (the web page test drives them). Idempotent: does nothing when both are present.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q chromium chromium-driver
