#!/usr/bin/env bash
# A throwaway PostgreSQL cluster in a directory of our own, run as the postgres user: the one
# wrapper that scripts/services/timescaledb.sh (sourced) and scripts/chaos/chaos.py (run) use.
#   scripts/lib/pg.sh init DATA                  initdb (peer auth on the socket, passwords on TCP)
#   scripts/lib/pg.sh conf DATA PORT SOCKDIR [SETTING...]   (re)write DATA/temperature-api.conf
#   scripts/lib/pg.sh bin                        the newest installed server's bin directory
#   scripts/lib/pg.sh ready PORT [SECONDS]       wait until the server on PORT takes connections
#   scripts/lib/pg.sh psql DATA DB [PSQL ARGS]   psql as postgres on the cluster's socket
#   scripts/lib/pg.sh run DATA                   the server itself in the foreground, as postgres
# Sourced (after scripts/lib/common.sh), also pg_start, pg_start_on (a free port), pg_stop, pg_drop.
# Debian's pg_createcluster/pg_ctlcluster do not fit: they keep each cluster's configuration in
# /etc/postgresql, shared by every checkout on the machine, and outlive a deleted checkout.
# Needs root (runuser) or sudo -n to postgres.
# shellcheck shell=bash

# as_pg COMMAND...: as the postgres user, from / (the caller's cwd may not be readable by it).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -n -u postgres -- "$@")
  fi
}

# pg_major: PG_MAJOR, else the newest installed server's major version.
pg_major() {
  [ -z "${PG_MAJOR:-}" ] || { printf '%s\n' "$PG_MAJOR" && return; }
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [[ ! -x "$d/postgres" || ! -x "$d/initdb" ]] || basename "$(dirname "$d")"
  done | sort -V | tail -n1
}

pg_bin() { echo "/usr/lib/postgresql/$(pg_major)/bin"; }

# pg_init DATA: a new cluster in DATA (emptied first), which reads DATA/temperature-api.conf.
# --no-sync: a throwaway cluster; the server itself still fsyncs every commit.
pg_init() {
  local data=$1 out
  rm -rf "$data"
  mkdir -p "$data"
  chown postgres: "$data"
  chmod 0700 "$data"
  out=$(as_pg "$(pg_bin)/initdb" -D "$data" -U postgres -E UTF8 --locale=C --no-sync \
    --auth-local=peer --auth-host=scram-sha-256 2>&1) || {
    printf '%s\n' "$out" >&2
    return 1
  }
  echo "include_if_exists = 'temperature-api.conf'" >> "$data/postgresql.conf"
}

# pg_conf DATA PORT SOCKDIR [SETTING...]: the settings the scripts manage, rewritten at every start;
# SETTINGs (name = value) come last and so win.
pg_conf() {
  local data=$1 port=$2 sockdir=$3
  shift 3
  {
    cat << CONF
# Managed by scripts/lib/pg.sh (rewritten at every start).
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockdir'
unix_socket_permissions = 0700
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
max_connections = 100
shared_buffers = 128MB
work_mem = 8MB
maintenance_work_mem = 64MB
max_worker_processes = 16
timescaledb.max_background_workers = 8
max_wal_size = 512MB
logging_collector = off
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
CONF
    printf '%s\n' "$@"
  } > "$data/temperature-api.conf"
  chown postgres: "$data/temperature-api.conf"
}

# Port and socket directory of a running cluster, from postmaster.pid (lines 4 and 5).
pg_port() { sed -n '4p' "$1/postmaster.pid" 2> /dev/null; }
pg_sockdir() { sed -n '5p' "$1/postmaster.pid" 2> /dev/null; }

# pg_running DATA: true if the cluster's postmaster lives and is no zombie (a killed postmaster
# whose parent never reaps it would otherwise look alive to `pg_ctl status`).
pg_running() {
  local pid state
  pid=$(head -n1 "$1/postmaster.pid" 2> /dev/null) && [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$pid/stat" 2> /dev/null) || return 1
  [[ -n "$state" && "$state" != Z && "$state" != X ]] || return 1
  as_pg "$(pg_bin)/pg_ctl" status -D "$1" > /dev/null 2>&1
}

# pg_start DATA: pg_ctl start, logging to DATA/postgres.log. 9>&-: the postmaster must not inherit
# (and keep holding) a caller's lock.
pg_start() {
  rm -f "$1/postmaster.pid"
  touch "$1/postgres.log"
  chown postgres: "$1/postgres.log"
  pg_ctl start -D "$1" -l "$1/postgres.log" -w -t 60 -s 9>&-
}

# pg_start_on DATA FIRST_PORT [SETTING...]: configures and starts the cluster on the first free port
# from FIRST_PORT, or a later one when another process takes that port first.
pg_start_on() {
  local data=$1 port=$2 sockdir=$1 attempt
  shift 2
  ((${#data} <= 80)) || sockdir=/tmp # a unix socket's path has at most ~107 bytes
  for attempt in 1 2 3 4 5; do
    port=$(free_port_from "$port")
    pg_conf "$data" "$port" "$sockdir" "$@"
    log "starting PostgreSQL $(pg_major) on 127.0.0.1:$port (data: $data)"
    : > "$data/postgres.log"
    pg_start "$data" && return 0
    grep -qiE 'could not (bind|create lock file)|address already in use' "$data/postgres.log" || return 1
    log "port $port is taken, trying another one (attempt $attempt)"
    port=$((port + 1))
  done
  return 1
}

# pg_stop DATA [MODE]: fast shutdown (or MODE), immediate if that fails.
pg_stop() { pg_ctl stop -D "$1" -m "${2:-fast}" -w -t 60 -s || pg_ctl stop -D "$1" -m immediate -w -t 30 -s; }
pg_ctl() { as_pg "$(pg_bin)/pg_ctl" "$@" >&2; }

# pg_drop DATA: stops the cluster if it runs and deletes it.
pg_drop() {
  [ -d "$1" ] || return 0
  local PG_MAJOR
  PG_MAJOR=$(cat "$1/PG_VERSION" 2> /dev/null) || PG_MAJOR=""
  if [ -n "$PG_MAJOR" ] && pg_running "$1"; then
    log "stopping cluster in $1"
    pg_stop "$1" || return 1
  fi
  log "removing data dir $1"
  rm -rf "$1"
}

pg_ready() {
  local port=$1 deadline=$((SECONDS + ${2:-30}))
  until "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres; do
    [ $SECONDS -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

pg_run() { as_pg "$(pg_bin)/postgres" -D "$1"; }

pg_psql() {
  local data=$1 db=$2
  shift 2
  as_pg "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$(pg_sockdir "$data")" -p "$(pg_port "$data")" -d "$db" "$@"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  command=${1:?usage: $0 init|conf|bin|ready|psql|run ...}
  shift
  "pg_$command" "$@"
fi
