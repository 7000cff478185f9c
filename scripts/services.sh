#!/usr/bin/env bash
# Starts or stops every database the integration tests need, and collects their connection
# settings into .services.env (shell export lines; git-ignored).
#   scripts/services.sh start|stop
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
services=(timescaledb influxdb alertmanager)

case "${1:-}" in
  start)
    mkdir -p "$root/.services"
    for service in "${services[@]}"; do
      "$root/scripts/services/$service.sh" start
    done
    # It holds database passwords and tokens: readable by its owner only, from its first byte.
    tmp="$root/.services.env.tmp.$$"
    (
      umask 077
      {
        echo "# Written by scripts/services.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); source it: . ./.services.env"
        for service in "${services[@]}"; do
          cat "$root/.services/$service.env"
        done
      } > "$tmp"
    )
    chmod 0600 "$tmp"
    mv -f "$tmp" "$root/.services.env"
    echo "[services] ready; connection settings in .services.env" >&2
    ;;
  stop)
    for service in "${services[@]}"; do
      "$root/scripts/services/$service.sh" stop || true
    done
    rm -f "$root/.services.env"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
