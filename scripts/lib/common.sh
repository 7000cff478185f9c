# What every shell script of scripts/ shares (sourced, not run):
#   . "$(dirname "$0")/lib/common.sh"     (from scripts/; ../lib/common.sh from a folder below it)
# It sets ROOT (the repository), CACHE (~/.cache/temperature-api, or TEMPERATURE_API_CACHE), TOOLS
# ($CACHE/tools) and every version of scripts/versions.env, and defines the helpers below.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${TEMPERATURE_API_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/temperature-api}"
# shellcheck disable=SC2034 # for the scripts that source this
TOOLS="$CACHE/tools"

# The pinned versions; one already in the environment wins.
while IFS='=' read -r name value; do
  [[ "$name" =~ ^[A-Z][A-Z0-9_]*$ ]] || continue
  [ -n "${!name:-}" ] || printf -v "$name" '%s' "$value"
done < "$ROOT/scripts/versions.env"
unset name value

# Debian's python3 when there is one: the interpreter apt maintains, the same on CI as here.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }
# die MESSAGE: fails, with the tail of SHOW_LOG (a server's or a build's log) when a script set one.
die() {
  log "ERROR: $*"
  [ ! -f "${SHOW_LOG:-}" ] || { log "last lines of $SHOW_LOG:" && tail -n 40 "$SHOW_LOG" >&2; }
  exit 1
}

# logged LOG COMMAND...: runs COMMAND with its output in LOG; dies with the log's tail if it fails.
logged() {
  local out=$1
  shift
  "$@" > "$out" 2>&1 || SHOW_LOG=$out die "$1 failed (log: $out)"
}

# locked LOCK_FILE COMMAND...: runs COMMAND while holding LOCK_FILE, so that concurrent runs
# (parallel make targets, several worktrees) build a cached tool once.
locked() {
  local lock=$1
  shift
  mkdir -p "$(dirname "$lock")"
  (
    flock -w 3600 9 || die "could not lock $lock"
    "$@"
  ) 9> "$lock"
}

# free_port: a free TCP port on loopback, the kernel's pick.
free_port() { free_port_from 0; }

# free_port_from FIRST: the first free TCP port of FIRST..FIRST+200 on loopback, bound as PostgreSQL
# binds (SO_REUSEADDR).
free_port_from() {
  "$PYTHON" - "$1" << 'PY' || die "no free TCP port on 127.0.0.1 from $1"
import socket, sys
first = int(sys.argv[1])
for port in range(first, first + 201) if first else [0]:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(s.getsockname()[1])
        sys.exit(0)
sys.exit(1)
PY
}

# wait_for URL SECONDS [PID]: polls until URL answers 2xx; fails after SECONDS, or at once when
# process PID has ended.
wait_for() {
  local url=$1 deadline=$((SECONDS + $2)) pid=${3:-}
  until curl -fsS -o /dev/null --max-time 2 "$url" 2> /dev/null; do
    [ $SECONDS -lt "$deadline" ] || return 1
    [ -z "$pid" ] || kill -0 "$pid" 2> /dev/null || return 1
    sleep 0.5
  done
}

# stop_pid PID [SECONDS]: SIGTERM, then SIGKILL if it still runs after SECONDS (default 30).
stop_pid() {
  local pid=$1 deadline=$((SECONDS + ${2:-30}))
  kill -TERM "$pid" 2> /dev/null || return 0
  while kill -0 "$pid" 2> /dev/null; do
    if [ $SECONDS -ge "$deadline" ]; then
      log "pid $pid did not exit after SIGTERM; killing it"
      kill -KILL "$pid" 2> /dev/null || true
    fi
    sleep 0.25
  done
  wait "$pid" 2> /dev/null || true
}

# write_private FILE: stdin into FILE, readable by its owner only from its first byte, replaced
# whole; run through sudo, the owner is the user who asked.
write_private() {
  local tmp="$1.tmp.$$"
  (umask 077 && cat > "$tmp")
  [ -z "${SUDO_UID:-}" ] || chown "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$tmp"
  mv -f "$tmp" "$1"
}

# cached_build BIN LABEL BUILD_FUNCTION: runs BUILD_FUNCTION under a lock unless BIN exists.
cached_build() {
  if [ -x "$1" ]; then
    log "$2 already installed: $1"
    return 0
  fi
  locked "$(dirname "$1").lock" _cached_build "$1" "$3"
  [ -x "$1" ] || die "$2 was not installed"
}
_cached_build() { [ -x "$1" ] || "$2"; }

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# Debian packages: installed ones are left alone; apt-get update only when the lists are stale.
pkg_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2> /dev/null || true)" = installed ]
}

# APT_RECOMMENDS=1 installs the packages' recommendations too.
apt_install() {
  local missing=() p sudo=() options=(-q -y --no-install-recommends)
  for p in "$@"; do pkg_installed "${p%%=*}" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  [ "${APT_RECOMMENDS:-}" != 1 ] || options=(-q -y)
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install "${options[@]}" "${missing[@]}" >&2; then
    "${sudo[@]}" apt-get -q update >&2
    "${sudo[@]}" apt-get install "${options[@]}" "${missing[@]}" >&2
  fi
}

# The Debian mirror apt already uses (deb822 .sources or one-line .list), so that the scripts
# follow the machine's own package source instead of naming one.
debian_mirror() {
  local uri
  uri=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2> /dev/null | awk '{print $2}' \
    | grep -v -- '-security' | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(grep -hsE '^deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2> /dev/null \
      | grep -v -- '-security' | sed -E 's/\[[^]]*\]//' | awk '{print $2}' | head -n1 || true)
  fi
  printf '%s' "$uri"
}

# pip_tool DIR REQUIREMENT: a PyPI tool in its own virtualenv DIR (made once, under a lock).
pip_tool() {
  local dir=$1 requirement=$2
  [ -f "$dir/.complete" ] && return 0
  locked "$dir.lock" _pip_tool "$dir" "$requirement"
}
_pip_tool() {
  [ -f "$1/.complete" ] && return 0
  "$PYTHON" -c 'import ensurepip, venv' 2> /dev/null || apt_install python3-venv
  log "installing $2 (PyPI) into $1"
  rm -rf "$1"
  "$PYTHON" -m venv "$1"
  "$1/bin/pip" install --quiet --disable-pip-version-check "$2" >&2
  touch "$1/.complete"
}

# go_install DIR MODULE@VERSION [GO BUILD FLAGS...]: a Go program built into DIR, once.
go_install() {
  local dir=$1 module=$2
  shift 2
  command -v go > /dev/null || die "Go is required to build $module (go.dev/dl, or Debian's golang)"
  log "building $module from its Go module"
  mkdir -p "$dir"
  GOBIN="$dir" GOTOOLCHAIN=local GOFLAGS=-buildvcs=false go install -trimpath "$@" "$module" >&2
}

# copy_writable SRC DST: a writable copy of SRC (e.g. a module from Go's read-only cache) as DST.
copy_writable() {
  rm -rf "$2"
  mkdir -p "$(dirname "$2")"
  cp -R "$1" "$2"
  chmod -R u+w "$2"
}

# install_binary BUILT BIN STARTED: moves BUILT into place as BIN (atomically) and removes the build
# dir it came from; STARTED is $SECONDS when the build began.
install_binary() {
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2.tmp.$$"
  mv -f "$2.tmp.$$" "$2"
  rm -rf "$(dirname "$1")"
  rmdir "$CACHE/build" 2> /dev/null || true
  log "installed $2 in $(((SECONDS - $3) / 60))m$(((SECONDS - $3) % 60))s"
}

# go_mod_dir MODULE@VERSION: the module's directory in Go's (read-only) module cache.
go_mod_dir() {
  local dir
  dir=$(go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)
  [[ -n "$dir" && -d "$dir" ]] || die "cannot locate $1 in the Go module cache"
  printf '%s\n' "$dir"
}
