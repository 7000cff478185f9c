#!/usr/bin/env bash
# Real gateways against the built jar's InfluxDB write endpoint (docs/api.md#gateways-influxdb-line-protocol):
# InfluxData's Go client and Telegraf, on SQLite, PostgreSQL + TimescaleDB and InfluxDB, every
# reading read back through the JSON API (scripts/gateways/gateways.py says what each case checks).
# Run by scripts/test.sh after the Maven build, which runs the Java client (InfluxClientWriteTest).
#   scripts/gateways.sh [sqlite|timescale|influx ...]
# Needs the databases of scripts/services.sh in the environment (. ./.services.env); in CI a
# missing one fails. Builds, once, cached under ~/.cache/temperature-api/tools/ (Go module proxy):
#   influx-client-go-v2.14.0-<sum>/influx-write  scripts/gateways/influx-client-go, <sum> of its sources
#   telegraf-v1.37.2/telegraf                    Telegraf with only the plugins the checks use
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/lib/common.sh"

# TELEGRAF_VERSION: scripts/versions.env (Telegraf 1.37 needs Go 1.25); the client's is in its go.mod.
# A custom build: Telegraf compiles only the plugins named by build tags (the full set takes far
# longer and pulls in hundreds of modules).
TELEGRAF_PLUGINS="inputs.file,outputs.influxdb_v2,parsers.influx"
GO_CLIENT_SOURCES="$ROOT/scripts/gateways/influx-client-go"

[ -f "$ROOT/bootstrap/target/temperature-api.jar" ] || die "build the jar first: make build"
command -v go >/dev/null || die "Go is required to build the gateways (go.dev/dl, or Debian's golang)"
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false

build_go_client() {
  local dir=$1
  [ -x "$dir/influx-write" ] && return 0
  log "building the Go client program (influxdb-client-go/v2 from the Go module proxy)"
  mkdir -p "$dir"
  (cd "$GO_CLIENT_SOURCES" && go build -mod=readonly -trimpath -o "$dir/influx-write.tmp" .)
  mv "$dir/influx-write.tmp" "$dir/influx-write"
}

build_telegraf() {
  local dir=$1 started=$SECONDS
  [ -x "$dir/telegraf" ] && [ "$(cat "$dir/.plugins" 2>/dev/null)" = "$TELEGRAF_PLUGINS" ] && return 0
  log "building Telegraf $TELEGRAF_VERSION with $TELEGRAF_PLUGINS (a few minutes the first time)"
  rm -rf "$dir"
  go_install "$dir" "github.com/influxdata/telegraf/cmd/telegraf@$TELEGRAF_VERSION" -tags "custom,$TELEGRAF_PLUGINS"
  printf '%s' "$TELEGRAF_PLUGINS" >"$dir/.plugins"
  log "built Telegraf in $((SECONDS - started)) s"
}

sum="$(cat "$GO_CLIENT_SOURCES/go.mod" "$GO_CLIENT_SOURCES/go.sum" "$GO_CLIENT_SOURCES/main.go" |
  sha256sum | cut -c1-12)"
client_version="$(sed -n 's/^require github.com\/influxdata\/influxdb-client-go\/v2 //p' "$GO_CLIENT_SOURCES/go.mod")"
go_client_dir="$TOOLS/influx-client-go-$client_version-$sum"
telegraf_dir="$TOOLS/telegraf-$TELEGRAF_VERSION"
locked "$go_client_dir.lock" build_go_client "$go_client_dir"
locked "$telegraf_dir.lock" build_telegraf "$telegraf_dir"

exec "$PYTHON" "$ROOT/scripts/gateways/gateways.py" \
  --go-client "$go_client_dir/influx-write" --telegraf "$telegraf_dir/telegraf" "$@"
