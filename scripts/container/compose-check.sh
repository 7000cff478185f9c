#!/usr/bin/env bash
# Validates every Compose file without a daemon (schema, references, interpolation) with docker
# compose itself, with the example env file standing in for the git-ignored .env; checks that a
# stack with secrets refuses to start without them, and that .env cannot be committed.
#   scripts/container/compose-check.sh        (make compose-check)
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/container/tools.sh" > /dev/null
compose="$("$ROOT/scripts/container/tools.sh" path compose)"
# Compose reads these from the environment before any env file, and `make test` exports the test
# databases' ones: the stacks must get theirs from the env file alone, as a user's would.
unset POSTGRES_PASSWORD INFLUX_PASSWORD INFLUX_TOKEN API_PORT API_ADMIN_PORT
cd "$ROOT"

for file in compose*.yaml; do
  "$compose" -f "$file" --env-file .env.example config -q || die "$file is not a valid Compose file"
  log "$file: valid"
done
for file in compose.timescale.yaml compose.influx.yaml; do
  if "$compose" -f "$file" --env-file /dev/null config -q 2> /dev/null; then
    die "$file starts without its secrets; it must name the missing variable instead"
  fi
done
git check-ignore -q .env || die ".env (the stacks' secrets) is not git-ignored"
log "stacks with secrets refuse to start without them; .env is git-ignored"
