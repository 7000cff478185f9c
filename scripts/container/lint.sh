#!/usr/bin/env bash
# Lints the Dockerfile (hadolint) and the CI workflow (actionlint), with the pinned versions that
# tools.sh installs.
#   scripts/container/lint.sh        (make lint)
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/container/tools.sh" > /dev/null
cd "$ROOT"
"$HADOLINT" Dockerfile
log "Dockerfile: hadolint $HADOLINT_VERSION clean"
"$ACTIONLINT" .github/workflows/*.yml
log ".github/workflows: actionlint $ACTIONLINT_VERSION clean"
