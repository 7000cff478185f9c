#!/usr/bin/env bash
# Installs what `make bench` drives besides the databases: Debian's wrk, once. (pgbench and psql
# come with PostgreSQL, which scripts/services/timescaledb.sh installs.) Does nothing when present.
set -euo pipefail

if command -v wrk >/dev/null; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
else
  sudo=""
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they are missing or do not know the package.
if ! apt-cache show wrk >/dev/null 2>&1; then
  $sudo apt-get update -q
fi
$sudo apt-get install -y -q wrk
