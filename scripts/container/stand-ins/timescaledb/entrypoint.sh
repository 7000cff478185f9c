#!/bin/sh
# The official image's contract, in short: on the first start, initdb with POSTGRES_USER and
# POSTGRES_PASSWORD, create POSTGRES_DB with TimescaleDB in it on a socket-only server, run the
# scripts in /docker-entrypoint-initdb.d (*.sh run if executable, else sourced; *.sql through
# psql) in name order, then run the real server (listening on TCP) as the postgres user.
set -eu
if [ "${1:-}" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  exec runuser -u postgres -- "$0" "$@"
fi
if [ "${1:-}" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres}
  database=${POSTGRES_DB:-$user}
  export POSTGRES_USER="$user" POSTGRES_DB="$database"
  password_file=$(mktemp)
  printf '%s' "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}" > "$password_file"
  initdb -D "$PGDATA" -U "$user" --pwfile="$password_file" -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 > /dev/null
  rm -f "$password_file"
  cat >> "$PGDATA/postgresql.conf" << CONF
listen_addresses = '*'
unix_socket_directories = '/tmp'
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
CONF
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start > /dev/null
  # The init scripts' psql finds this server's socket as in the image, without -h.
  export PGHOST=/tmp
  if [ "$database" != postgres ]; then
    psql -v ON_ERROR_STOP=1 -q -U "$user" -d postgres -c "CREATE DATABASE \"$database\""
  fi
  psql -v ON_ERROR_STOP=1 -q -U "$user" -d "$database" -c "CREATE EXTENSION IF NOT EXISTS timescaledb"
  for script in /docker-entrypoint-initdb.d/*; do
    case "$script" in
      *.sh)
        if [ -x "$script" ]; then
          "$script"
        else
          # shellcheck disable=SC1090
          . "$script"
        fi
        ;;
      *.sql) psql -v ON_ERROR_STOP=1 -q -U "$user" -d "$database" -f "$script" ;;
      *) ;;
    esac
  done
  unset PGHOST
  pg_ctl -D "$PGDATA" -m fast -w stop > /dev/null
fi
exec "$@"
