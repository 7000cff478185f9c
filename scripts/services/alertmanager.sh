#!/usr/bin/env bash
# Prometheus Alertmanager for the alerting tests (`make services`, `make test`, CI).
#   scripts/services/alertmanager.sh install   build alertmanager once from its Go module (cached by version)
#   scripts/services/alertmanager.sh start     install, then write .services/alertmanager.env with
#       ALERTMANAGER_BIN; the tests start their own Alertmanagers, each with a configuration it
#       writes (its own webhook, short group_wait/group_interval), so no server runs from here
#   scripts/services/alertmanager.sh stop      remove the env file
# The binary is cached in ~/.cache/temperature-api/alertmanager-<version>/. A cold build is plain Go
# (no cgo), about 2 minutes on 2 cores. The module ships the web UI's sources but not its built
# assets (ui/app/dist, made by npm in Alertmanager's release process), which the `ui` package
# embeds; a one-line placeholder stands in for them, so the UI says it is not built while the API
# (/api/v2) is complete. ALERTMANAGER_VERSION in the environment overrides scripts/versions.env.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

ALERTMANAGER_VERSION="v${ALERTMANAGER_VERSION#v}"
BIN="$CACHE/alertmanager-$ALERTMANAGER_VERSION/alertmanager"
ENV_FILE="$ROOT/.services/alertmanager.env"

build() {
  local started=$SECONDS build="$CACHE/build/alertmanager-$ALERTMANAGER_VERSION" ui
  command -v go > /dev/null || die "'go' is required to build alertmanager"
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false"
  log "building alertmanager $ALERTMANAGER_VERSION with $(go version | cut -d' ' -f3-) (cold build: about 2 minutes)"
  # A writable copy: the module cache is read-only, and the UI's assets must be added.
  copy_writable "$(go_mod_dir "github.com/prometheus/alertmanager@$ALERTMANAGER_VERSION")" "$build"
  for ui in elm mantine; do
    mkdir -p "$build/ui/app/dist/$ui"
    echo '<!doctype html><title>Alertmanager</title><p>This Alertmanager was built without its web UI; its API is at /api/v2.' \
      > "$build/ui/app/dist/$ui/index.html"
  done
  local common="github.com/prometheus/common/version"
  (cd "$build" && go build -trimpath -o alertmanager.bin -ldflags \
    "-s -w -X $common.Version=${ALERTMANAGER_VERSION#v} -X $common.Branch=gomod -X $common.Revision=gomod" ./cmd/alertmanager) \
    || die "go build ./cmd/alertmanager failed"
  "$build/alertmanager.bin" --version >&2 || die "the built alertmanager does not run"
  install_binary "$build/alertmanager.bin" "$BIN" "$started"
}

case "${1:-}" in
install) cached_build "$BIN" "alertmanager $ALERTMANAGER_VERSION" build ;;
start)
  cached_build "$BIN" "alertmanager $ALERTMANAGER_VERSION" build
  mkdir -p "$(dirname "$ENV_FILE")"
  printf 'export ALERTMANAGER_BIN=%s\nexport ALERTMANAGER_VERSION=%s\n' "$BIN" "$ALERTMANAGER_VERSION" \
    | write_private "$ENV_FILE"
  log "alertmanager $ALERTMANAGER_VERSION ready for the tests: $BIN"
  ;;
stop) rm -f "$ENV_FILE" ;;
*) die "usage: $0 install|start|stop" ;;
esac
