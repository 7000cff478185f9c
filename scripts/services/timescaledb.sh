#!/usr/bin/env bash
# Throwaway PostgreSQL + TimescaleDB clusters for development, tests and CI (docs/development.md).
#   scripts/services/timescaledb.sh install   PostgreSQL and TimescaleDB for its major, in this order:
#       already installed; cached in ~/.cache/temperature-api/timescaledb-<version>-pg<major>/; the
#       distribution's postgresql-<major>-timescaledb; or built (and cached) from Debian trixie's
#       *source* package (Apache-2 part; a deb-src entry of its own, no binary from trixie).
#   ... start    install, then the primary in .services/postgres (scripts/lib/pg.sh; reused when
#       running) with the roles temperature (owner) and temperature_api (serving), the databases
#       temperature (with TimescaleDB) and temperature_plain (without), and its streaming replica in
#       .services/postgres-replica; writes .services/timescaledb.env (POSTGRES_URL, ...).
#   ... stop     stop both clusters and delete them and the env file
#   ... primary stop|start   the primary alone, its data kept (tests of a primary outage)
# Runs as root (apt-get, runuser), through sudo -n if need be. Optional environment: PG_MAJOR
# (default: the newest installed), TIMESCALEDB_PORT (first port tried, 55432).
set -Eeuo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=scripts/lib/pg.sh
. "$ROOT/scripts/lib/pg.sh"

SERVICES_DIR="$ROOT/.services"
ENV_FILE="$SERVICES_DIR/timescaledb.env"
# The data dir is in the repo unless the postgres user cannot traverse its parents (a clone under
# /root, 0700): then under /tmp, keyed by the repo's path so that clones do not collide.
PRIMARY_DATA="$SERVICES_DIR/postgres"
FALLBACK_BASE="/tmp/temperature-api-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
FALLBACK_DATA="$FALLBACK_BASE/postgres"
TRIXIE_SRC_LIST=/etc/apt/sources.list.d/temperature-api-trixie-src.list
# Production's roles (docs/adr/0011-least-privilege.md): the owner migrates
# (POSTGRES_MIGRATIONS_USER), the service serves as a role that may only read and write the tables
# (POSTGRES_USER); `postgres` has a password for the tests that create and drop whole databases.
DB_USER=temperature
DB_SERVING_USER=temperature_api
DB_NAME=temperature
DB_PLAIN_NAME=temperature_plain
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

SHOW_LOG="" # the log whose tail die prints: the cluster's or the build's
trap 'die "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR
BUILD_WORK=""
trap '[[ -z "$BUILD_WORK" ]] || rm -rf "$BUILD_WORK"' EXIT

if [[ $EUID -ne 0 ]]; then
  sudo -n true 2> /dev/null || die "must run as root (apt-get, runuser); sudo -n is not available"
  exec sudo -n -E bash "${BASH_SOURCE[0]}" "$@"
fi

# --- PostgreSQL and TimescaleDB ------------------------------------------------------------------
ensure_postgres() {
  PG_MAJOR=$(pg_major)
  if [[ -z "$PG_MAJOR" ]]; then
    log "no PostgreSQL server found; installing the distribution's default"
    apt_install postgresql
    PG_MAJOR=$(pg_major)
    [[ -n "$PG_MAJOR" ]] || die "PostgreSQL server installation not found after apt-get install"
  fi
  export PG_MAJOR
  PG_CONFIG="$(pg_bin)/pg_config"
  [[ -x "$PG_CONFIG" ]] || apt_install "postgresql-client-$PG_MAJOR"
  PKGLIBDIR=$("$PG_CONFIG" --pkglibdir)
  EXTDIR="$("$PG_CONFIG" --sharedir)/extension"
}

# The version the installed control file declares, if its library and script are there too.
installed_ts_version() {
  local v
  v=$(sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" "$EXTDIR/timescaledb.control" 2> /dev/null | head -n1 || true)
  [[ -n "$v" && -f "$PKGLIBDIR/timescaledb.so" && -f "$PKGLIBDIR/timescaledb-$v.so" \
    && -f "$EXTDIR/timescaledb--$v.sql" ]] && printf '%s' "$v"
}

install_from_cache() {
  log "installing TimescaleDB from cache $1 into $PKGLIBDIR and $EXTDIR"
  mkdir -p "$PKGLIBDIR" "$EXTDIR"
  install -m 0644 "$1"/lib/*.so "$PKGLIBDIR"/
  install -m 0644 "$1"/extension/* "$EXTDIR"/
}

ensure_trixie_sources() {
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg mirror
  [[ -f "$keyring" ]] || apt_install debian-archive-keyring # e.g. Ubuntu
  mirror="$(debian_mirror)"
  [[ -n "$mirror" ]] || die "cannot tell which Debian mirror apt uses"
  local want="deb-src [signed-by=$keyring] $mirror trixie main"
  if ! grep -qxF "$want" "$TRIXIE_SRC_LIST" 2> /dev/null; then
    log "adding a deb-src (source only) entry for Debian trixie: $TRIXIE_SRC_LIST"
    printf '# Added by temperature-api scripts/services/timescaledb.sh: source packages only.\n%s\n' \
      "$want" > "$TRIXIE_SRC_LIST"
  fi
  if [[ -z "$(apt-cache showsrc timescaledb 2> /dev/null)" ]]; then
    log "apt-get update (the trixie source index only)"
    apt-get -q update -o Dir::Etc::sourcelist="$TRIXIE_SRC_LIST" -o Dir::Etc::sourceparts=- \
      -o APT::Get::List-Cleanup=0 >&2 || die "apt-get update of $TRIXIE_SRC_LIST failed"
  fi
  [[ -n "$(apt-cache showsrc timescaledb 2> /dev/null)" ]] || die "no source package timescaledb in trixie"
}

build_timescaledb() {
  log "building TimescaleDB from Debian trixie's source package for PostgreSQL $PG_MAJOR"
  # The server's headers at the installed server's version where the archive still has it, so
  # that installing them does not upgrade the server.
  local dev="postgresql-server-dev-$PG_MAJOR" server
  server=$(dpkg-query -W -f='${Version}' "postgresql-$PG_MAJOR" 2> /dev/null || true)
  apt_install build-essential cmake dpkg-dev xz-utils libssl-dev
  pkg_installed "$dev" || { [[ -n "$server" ]] && apt_install "$dev=$server"; } || apt_install "$dev"
  ensure_trixie_sources

  BUILD_WORK=$(mktemp -d /tmp/temperature-api-tsbuild.XXXXXX)
  chmod 0755 "$BUILD_WORK" # apt downloads as the unprivileged _apt user
  ! id _apt > /dev/null 2>&1 || chown _apt "$BUILD_WORK"
  mkdir -p "$CACHE"
  SHOW_LOG="$CACHE/timescaledb-build.log"
  log "apt-get source timescaledb (into $BUILD_WORK; log: $SHOW_LOG)"
  (cd "$BUILD_WORK" && apt-get -q source timescaledb) > "$SHOW_LOG" 2>&1 || die "apt-get source timescaledb failed"
  local src version
  src=$(find "$BUILD_WORK" -mindepth 1 -maxdepth 1 -type d -name 'timescaledb-*' | head -n1)
  version=$(sed -n 's/^version *= *\([^ ]*\).*/\1/p' "$src/version.config" 2> /dev/null | head -n1)
  [[ -n "$version" ]] || die "no unpacked timescaledb source (version.config) in $BUILD_WORK"
  log "TimescaleDB $version: configuring and compiling (make -j$(nproc))"
  (cd "$src" && BUILD_FORCE_REMOVE=true ./bootstrap -DPG_CONFIG="$PG_CONFIG" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DAPACHE_ONLY=ON -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF -DWARNINGS_AS_ERRORS=OFF -DSEND_TELEMETRY_DEFAULT=OFF \
    && make -C build -j"$(nproc)" && make -C build install DESTDIR="$BUILD_WORK/stage") \
    < /dev/null >> "$SHOW_LOG" 2>&1 || die "TimescaleDB build failed"

  # The cache holds exactly what is installed: the libraries and the extension's files.
  local cache="$CACHE/timescaledb-$version-pg$PG_MAJOR" tmp="$CACHE/timescaledb.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/lib" "$tmp/extension"
  cp -a "$BUILD_WORK/stage$PKGLIBDIR"/timescaledb*.so "$tmp/lib/"
  cp -a "$BUILD_WORK/stage$EXTDIR"/timescaledb* "$tmp/extension/"
  printf 'timescaledb_version=%s\npg_config_version=%s\nbuilt_at=%s\n' "$version" \
    "$("$PG_CONFIG" --version)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$tmp/BUILD-INFO"
  touch "$tmp/.complete"
  rm -rf "$cache"
  mv "$tmp" "$cache"
  SHOW_LOG=""
  log "TimescaleDB $version built and cached in $cache"
  install_from_cache "$cache"
}

cmd_install() {
  ensure_postgres
  local version cache
  if ! version=$(installed_ts_version); then
    cache=$(for d in "$CACHE"/timescaledb-*-pg"$PG_MAJOR"; do
      [[ ! -f "$d/.complete" ]] || printf '%s\n' "$d"
    done | sort -V | tail -n1)
    if [[ -n "$cache" ]]; then
      install_from_cache "$cache"
    elif [[ "$(apt-cache policy "postgresql-$PG_MAJOR-timescaledb" 2> /dev/null \
      | awk '/Candidate:/ {print $2}')" =~ ^[0-9] ]]; then
      apt_install "postgresql-$PG_MAJOR-timescaledb"
    else
      build_timescaledb
    fi
    version=$(installed_ts_version) || die "TimescaleDB files missing in $PKGLIBDIR / $EXTDIR after install"
  fi
  log "TimescaleDB $version installed for PostgreSQL $PG_MAJOR"
}

# --- Clusters (scripts/lib/pg.sh) ----------------------------------------------------------------
choose_data_dir() {
  mkdir -p "$SERVICES_DIR"
  chmod go+x "$SERVICES_DIR" 2> /dev/null || true
  # shellcheck disable=SC2016 # $1 is expanded by the inner sh
  if [[ -f "$FALLBACK_DATA/PG_VERSION" ]] || ! as_pg sh -c 'cd "$1"' _ "$SERVICES_DIR" 2> /dev/null; then
    printf '%s' "$FALLBACK_DATA"
  else
    printf '%s' "$PRIMARY_DATA"
  fi
}

# role_password DATA FILE: the password kept in DATA/FILE (root and postgres only), made on first use.
role_password() {
  local file="$1/$2"
  [[ -s "$file" ]] || { (umask 077 && random_hex 18 > "$file") && chown postgres: "$file"; }
  [[ "$(cat "$file")" =~ ^[0-9a-f]{16,}$ ]] || die "bad password file $file"
  cat "$file"
}

create_roles_and_databases() {
  local data=$1 pw serving_pw superuser_pw
  pw=$(role_password "$data" temperature-api.password)
  serving_pw=$(role_password "$data" serving.password)
  superuser_pw=$(role_password "$data" superuser.password)
  log "creating roles $DB_USER (owner), $DB_SERVING_USER (serving) and databases $DB_NAME, $DB_PLAIN_NAME"
  pg_psql "$data" postgres << SQL
\\set pw '$pw'
\\set serving_pw '$serving_pw'
\\set superuser_pw '$superuser_pw'
SELECT format('CREATE ROLE %I LOGIN', r) FROM unnest(ARRAY['$DB_USER', '$DB_SERVING_USER']) r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \\gexec
ALTER ROLE $DB_USER WITH LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
ALTER ROLE $DB_SERVING_USER WITH LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD :'serving_pw';
ALTER ROLE postgres PASSWORD :'superuser_pw';
SELECT format('CREATE DATABASE %I OWNER %I', '$DB_NAME', '$DB_USER')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB_NAME') \\gexec
SELECT format('CREATE DATABASE %I', '$DB_PLAIN_NAME')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB_PLAIN_NAME') \\gexec
-- Only the service's roles connect; the serving role may create nothing in the database.
REVOKE ALL ON DATABASE $DB_NAME FROM PUBLIC;
GRANT CONNECT ON DATABASE $DB_NAME TO $DB_SERVING_USER;
SQL
  # The plain database stands for a server where the service may not install extensions:
  # TimescaleDB 2.x is a trusted extension, which a database owner (or anyone with CREATE on the
  # database) could install. Here the owner role may only connect and create tables in public.
  pg_psql "$data" "$DB_PLAIN_NAME" >&2 << SQL
ALTER DATABASE $DB_PLAIN_NAME OWNER TO postgres;
REVOKE ALL ON DATABASE $DB_PLAIN_NAME FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $DB_PLAIN_NAME TO $DB_USER;
GRANT CONNECT ON DATABASE $DB_PLAIN_NAME TO $DB_SERVING_USER;
GRANT USAGE, CREATE ON SCHEMA public TO $DB_USER;
SQL
  # The replica tests hold the replica's replay to show what a lagging reader sees; the grant on
  # the primary reaches the replica like any other catalog change.
  pg_psql "$data" "$DB_NAME" >&2 -c "SET client_min_messages = warning" \
    -c "CREATE EXTENSION IF NOT EXISTS timescaledb" \
    -c "GRANT EXECUTE ON FUNCTION pg_wal_replay_pause(), pg_wal_replay_resume() TO $DB_USER, $DB_SERVING_USER" \
    || die "CREATE EXTENSION timescaledb failed in database $DB_NAME"
}

# start_replica PRIMARY_DATA FRESH: a hot standby of the primary in PRIMARY_DATA-replica, made by
# pg_basebackup -R (primary_conninfo and standby.signal) over the primary's socket, on the next free
# port; a running one is reused unless the primary is new (FRESH=1). Prints the replica's port.
start_replica() {
  local primary=$1 replica="$1-replica" port
  if [[ "$2" == 1 ]] || ! pg_running "$replica"; then
    pg_drop "$replica" || die "could not stop the replica in $replica"
    chown postgres: "$primary"/*.password # pg_basebackup copies every file, as postgres
    log "pg_basebackup -R from 127.0.0.1:$(pg_port "$primary") into $replica"
    install -d -o postgres -g postgres -m 0700 "$replica"
    as_pg "$(pg_bin)/pg_basebackup" -D "$replica" -R -X stream -c fast --no-sync \
      -h "$(pg_sockdir "$primary")" -p "$(pg_port "$primary")" -U postgres >&2 || die "pg_basebackup failed"
    SHOW_LOG="$replica/postgres.log"
    pg_start_on "$replica" "$(($(pg_port "$primary") + 1))" || die "the replica did not start"
  fi
  port=$(pg_port "$replica")
  pg_ready "$port" 30 || die "the replica on 127.0.0.1:$port (data: $replica) does not accept connections"
  [[ "$(pg_psql "$replica" postgres -At -c 'SELECT pg_is_in_recovery()')" == t ]] \
    || die "the cluster in $replica is not a standby"
  printf '%s' "$port"
}

cmd_start() {
  mkdir -p "$SERVICES_DIR"
  exec 9> "$SERVICES_DIR/.timescaledb.lock"
  flock -w 900 9 || die "another start/stop is running"
  cmd_install
  local data fresh=0 port replica_port
  data=$(choose_data_dir)
  mkdir -p "$(dirname "$data")"
  chmod go+x "$(dirname "$data")" 2> /dev/null || true
  SHOW_LOG="$data/postgres.log"
  if pg_running "$data"; then
    log "reusing the running cluster in $data"
  else
    if [[ "$(cat "$data/PG_VERSION" 2> /dev/null)" == "$PG_MAJOR" && -f "$data/temperature-api.password" ]]; then
      log "restarting the cluster in $data"
    else
      log "initdb $data (PostgreSQL $PG_MAJOR)"
      pg_init "$data" || die "initdb failed"
      fresh=1
    fi
    pg_start_on "$data" "${TIMESCALEDB_PORT:-55432}" || die "PostgreSQL failed to start"
  fi
  port=$(pg_port "$data")
  pg_ready "$port" 30 || die "PostgreSQL on 127.0.0.1:$port (data: $data) does not accept connections"
  create_roles_and_databases "$data"
  replica_port=$(start_replica "$data" "$fresh")
  write_private "$ENV_FILE" << ENV
# Written by scripts/services/timescaledb.sh start; removed by stop.
export POSTGRES_HOST=127.0.0.1
export POSTGRES_PORT=$port
export POSTGRES_DB=$DB_NAME
export POSTGRES_USER=$DB_SERVING_USER
export POSTGRES_PASSWORD=$(cat "$data/serving.password")
export POSTGRES_MIGRATIONS_USER=$DB_USER
export POSTGRES_MIGRATIONS_PASSWORD=$(cat "$data/temperature-api.password")
export POSTGRES_SUPERUSER=postgres
export POSTGRES_SUPERUSER_PASSWORD=$(cat "$data/superuser.password")
export POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/$DB_NAME
export POSTGRES_PLAIN_URL=jdbc:postgresql://127.0.0.1:$port/$DB_PLAIN_NAME
export POSTGRES_REPLICA_PORT=$replica_port
export POSTGRES_REPLICA_URL=jdbc:postgresql://127.0.0.1:$replica_port/$DB_NAME
ENV
  log "ready: PostgreSQL $PG_MAJOR + TimescaleDB on 127.0.0.1:$port, its replica on 127.0.0.1:$replica_port"
}

cmd_stop() {
  local data
  if [[ -d "$SERVICES_DIR" ]]; then
    exec 9> "$SERVICES_DIR/.timescaledb.lock"
    flock -w 300 9 || die "another start/stop is running"
  fi
  for data in "$PRIMARY_DATA-replica" "$FALLBACK_DATA-replica" "$PRIMARY_DATA" "$FALLBACK_DATA"; do
    SHOW_LOG="$data/postgres.log"
    pg_drop "$data" || die "could not stop PostgreSQL in $data"
  done
  rmdir "$FALLBACK_BASE" 2> /dev/null || true
  rm -f "$ENV_FILE"
  log "stopped"
}

case "${1:-}" in
install) cmd_install ;;
start) cmd_start ;;
stop) cmd_stop ;;
primary)
  # The existing primary's data dir, the fallback first, as choose_data_dir keeps it.
  data=$FALLBACK_DATA
  [[ -f "$data/PG_VERSION" ]] || data=$PRIMARY_DATA
  [[ -f "$data/PG_VERSION" ]] || die "no cluster; run '$0 start' first"
  PG_MAJOR=$(cat "$data/PG_VERSION") SHOW_LOG="$data/postgres.log"
  case "${2:-}" in
  stop) ! pg_running "$data" || { log "stopping the primary in $data (the replica keeps running)" && pg_stop "$data"; } ;;
  start) pg_running "$data" || { log "starting the primary in $data again" && pg_start "$data"; } || die "the primary did not start" ;;
  *) die "usage: $0 primary stop|start" ;;
  esac
  ;;
*) die "usage: $0 install|start|stop|primary stop|start" ;;
esac
