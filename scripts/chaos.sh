#!/usr/bin/env bash
# `make chaos`: the fault-injection suite (scripts/chaos/chaos.py) against the built jar, on SQLite,
# PostgreSQL + TimescaleDB and InfluxDB. It runs its own database servers in a temporary directory,
# with the binaries the services scripts install (once, cached): root or passwordless sudo is
# needed for PostgreSQL, as for `make services`.
#   scripts/chaos.sh [--short] [sqlite|timescale|influx ...] [--report file.json]
# --short is the variant `make test` runs: the same checks with shorter load phases.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/lib/common.sh"

[[ -f "$ROOT/bootstrap/target/temperature-api.jar" ]] || die "build the jar first: make build"
"$ROOT/scripts/services/timescaledb.sh" install
"$ROOT/scripts/services/influxdb.sh" install
exec "$PYTHON" "$ROOT/scripts/chaos/chaos.py" "$@"
