#!/usr/bin/env bash
# Validates every Compose file without a daemon (schema, references, interpolation) with docker
# compose itself, with the example env file standing in for the git-ignored .env; checks that every
# port is published on the host's loopback unless told otherwise, that a stack with secrets refuses
# to start without them, and that .env cannot be committed.
#   scripts/container/compose-check.sh        (make compose-check)
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/container/tools.sh" > /dev/null
cd "$ROOT"

for file in compose*.yaml; do
  "$COMPOSE" -f "$file" --env-file .env.example config -q || die "$file is not a valid Compose file"
  log "$file: valid"
done
# Compose's own reading of the ports, with the secrets but nothing that says where to publish:
# every port must then be on the host's loopback.
secrets_only="$(mktemp)"
trap 'rm -f "$secrets_only"' EXIT
grep -E '^[A-Z_]*(PASSWORD|TOKEN)=' .env.example > "$secrets_only"
for file in compose*.yaml; do
  "$COMPOSE" -f "$file" --env-file "$secrets_only" config --format json | python3 -c '
import json, sys
for name, service in json.load(sys.stdin)["services"].items():
    for port in service.get("ports", []):
        if port.get("host_ip") not in ("127.0.0.1", "::1"):
            sys.exit("%s: service %s publishes %s on %s" % (sys.argv[1], name, port.get("published"),
                                                          port.get("host_ip") or "every interface"))
' "$file" || die "$file publishes a port beyond the host's loopback by default"
done
log "every Compose file publishes its ports on the host's loopback unless BIND_ADDRESS says otherwise"
for file in compose.timescale.yaml compose.influx.yaml; do
  if "$COMPOSE" -f "$file" --env-file /dev/null config -q 2> /dev/null; then
    die "$file starts without its secrets; it must name the missing variable instead"
  fi
done
git check-ignore -q .env || die ".env (the stacks' secrets) is not git-ignored"
log "stacks with secrets refuse to start without them; .env is git-ignored"
