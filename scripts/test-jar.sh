#!/usr/bin/env bash
# The tests that run the built jar as a process, after `./mvnw verify` in scripts/test.sh:
# Schemathesis on the quick start and on production, then the short fault-injection run (the
# full one is `make chaos`). Both need the databases of scripts/services.sh / .services.env.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

"$root/scripts/schemathesis.sh"
"$root/scripts/chaos.sh" --short
