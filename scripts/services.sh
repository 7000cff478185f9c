#!/usr/bin/env bash
# Starts or stops every database the integration tests need, and collects their connection
# settings into .services.env (shell export lines; git-ignored; passwords, so its owner's only).
#   scripts/services.sh start|stop
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
services=(timescaledb influxdb alertmanager)

case "${1:-}" in
start)
  mkdir -p "$ROOT/.services"
  for service in "${services[@]}"; do "$ROOT/scripts/services/$service.sh" start; done
  {
    echo "# Written by scripts/services.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); source it: . ./.services.env"
    for service in "${services[@]}"; do cat "$ROOT/.services/$service.env"; done
  } | write_private "$ROOT/.services.env"
  log "ready; connection settings in .services.env"
  ;;
stop)
  for service in "${services[@]}"; do "$ROOT/scripts/services/$service.sh" stop || true; done
  rm -f "$ROOT/.services.env"
  ;;
*) die "usage: $0 start|stop" ;;
esac
