#!/usr/bin/env bash
# `make chaos`: the fault-injection suite (scripts/chaos/chaos.py) against the built jar, on SQLite,
# PostgreSQL + TimescaleDB and InfluxDB. It runs its own database servers in a temporary directory,
# with the binaries the services scripts install (once, cached): root or passwordless sudo is
# needed for PostgreSQL, as for `make services`.
#   scripts/chaos.sh [--short] [sqlite|timescale|influx ...] [--report file.json]
# --short is the variant `make test` runs: the same checks with shorter load phases.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

[[ -f "$root/bootstrap/target/temperature-api.jar" ]] ||
    { echo "[chaos] build the jar first: make build" >&2; exit 1; }
"$root/scripts/services/timescaledb.sh" install
"$root/scripts/services/influxdb.sh" install

python=/usr/bin/python3
[[ -x "$python" ]] || python=python3
exec "$python" "$root/scripts/chaos/chaos.py" "$@"
