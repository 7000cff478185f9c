#!/usr/bin/env bash
# The scripts' linters, as `make check` runs them: shellcheck on every shell script the repository
# tracks (settings in .shellcheckrc) and ruff on its Python (ruff.toml), both with zero findings.
# ruff is pinned in scripts/versions.env and installed rootless from PyPI into
# ~/.cache/temperature-api/ruff-<version>/; shellcheck is Debian's (apt-get install shellcheck).
#   scripts/lint.sh
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

command -v shellcheck > /dev/null \
  || die "shellcheck is missing: apt-get install shellcheck (Debian), or see docs/development.md"
mapfile -t shell < <(git ls-files -co --exclude-standard '*.sh' 'mvnw' '.ci/*')
shellcheck "${shell[@]}"
log "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): ${#shell[@]} files clean"

ruff="$CACHE/ruff-$RUFF_VERSION"
pip_tool "$ruff" "ruff==$RUFF_VERSION"
"$ruff/bin/ruff" check --quiet .
log "ruff $RUFF_VERSION: clean"
