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

# The jar just built, run as a process: Schemathesis, and a short fault-injection run.
scripts/test-jar.sh
