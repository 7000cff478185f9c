#!/usr/bin/env bash
# `make test`: provision the databases the integration tests need, run every test, and stop the
# databases again unless they were already running (`make services`) before.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/install-chromium.sh  # for the /docs browser test; does nothing once installed

if [ ! -f .services.env ]; then
  trap 'scripts/services.sh stop' EXIT
fi
scripts/services.sh start
# shellcheck disable=SC1091
. ./.services.env

./mvnw -B verify

# A smoke of `make bench` (scripts/bench): tiny data and 1 s runs, so the scripts cannot rot. It fails
# when a script breaks or an acknowledged reading is missing; timing is never tested.
SMOKE=1 scripts/bench/bench.py
