#!/usr/bin/env bash
# Installs the headless browser the /docs end-to-end test drives (Debian's chromium and its
# matching chromium-driver), once. Idempotent: does nothing when both are already there.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
else
  sudo=""
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they are missing or the packages are unknown to them.
if ! apt-cache show chromium chromium-driver >/dev/null 2>&1; then
  $sudo apt-get update -q
fi
$sudo apt-get install -y -q chromium chromium-driver
