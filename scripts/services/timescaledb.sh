#!/usr/bin/env bash
# Throwaway PostgreSQL + TimescaleDB cluster for local development, tests and CI.
#
# Usage: scripts/services/timescaledb.sh {install|start|stop|status|primary stop|primary start}
#
#   install  Make sure a PostgreSQL server and the TimescaleDB extension for its major version are
#            installed (idempotent; fast when already done). Order of preference:
#              1. extension already installed in the server's directories;
#              2. a previous build cached in ~/.cache/temperature-api/timescaledb-<version>-pg<major>/;
#              3. the distribution's postgresql-<major>-timescaledb package (e.g. Debian 13);
#              4. a build of Debian 13 (trixie)'s *source* package `timescaledb` (Apache-2 part
#                 only) against postgresql-server-dev-<major>. Only a deb-src entry is added (in
#                 its own sources file), so no binary package from trixie is ever installed. The
#                 result is cached (step 2) so the build happens once per machine.
#   start    install, then initdb/start a throwaway cluster under <repo>/.services/postgres
#            (reused if already running) with scripts/lib/pg.sh, create the `temperature` (owner)
#            and `temperature_api` (serving) roles and the `temperature` (with timescaledb) and
#            `temperature_plain` (without) databases; then a second cluster,
#            <repo>/.services/postgres-replica, that follows the first by physical streaming
#            replication (pg_basebackup -R, hot standby); and write <repo>/.services/timescaledb.env
#            with export lines (POSTGRES_URL, POSTGRES_USER, ..., POSTGRES_REPLICA_URL).
#   stop     Stop both clusters if running, delete their data dirs and the env file.
#   status   Exit 0 if the cluster is running (prints its port), 3 otherwise.
#   primary stop|start
#            Stop the first cluster (keeping its data) or start it again on the same port,
#            leaving the replica running: for tests of a primary outage.
#
# Must run as root (apt-get, runuser); re-executes itself via `sudo -n` if not.
# Environment overrides (all optional):
#   PG_MAJOR                  PostgreSQL major to use (default: highest installed)
#   TIMESCALEDB_CACHE_DIR     build cache root (default ~/.cache/temperature-api)
#   TIMESCALEDB_PORT          first TCP port to try (default 55432)
#   TIMESCALEDB_DEBIAN_MIRROR Debian mirror for the trixie deb-src entry (default: the mirror
#                             this machine's apt already uses for its main Debian suite)
set -Eeuo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=scripts/lib/pg.sh
. "$ROOT/scripts/lib/pg.sh"

SERVICES_DIR="$ROOT/.services"
ENV_FILE="$SERVICES_DIR/timescaledb.env"
LOCK_FILE="$SERVICES_DIR/.timescaledb.lock"
# Data dir candidates: in the repo (preferred), and a fallback under /tmp for when the postgres
# user cannot traverse the repo's parent directories (e.g. a clone under /root, which is 0700),
# keyed by a hash of the repo path so that several clones do not collide.
PRIMARY_DATA="$SERVICES_DIR/postgres"
FALLBACK_BASE="/tmp/temperature-api-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
FALLBACK_DATA="$FALLBACK_BASE/postgres"

CACHE_ROOT="${TIMESCALEDB_CACHE_DIR:-$CACHE}"
TRIXIE_SRC_LIST=/etc/apt/sources.list.d/temperature-api-trixie-src.list
DEBIAN_MIRROR="${TIMESCALEDB_DEBIAN_MIRROR:-$(debian_mirror)}"
FIRST_PORT="${TIMESCALEDB_PORT:-55432}"

# The roles of the tests are production's (docs/adr/0011-least-privilege.md): DB_USER owns the
# database and runs the migrations (POSTGRES_MIGRATIONS_USER), DB_SERVING_USER is the role the
# service serves as (POSTGRES_USER), which may only read and write the tables, as the service,
# migrating as the owner, grants it. The superuser `postgres` has a password too
# (POSTGRES_SUPERUSER), for the tests that must create and drop whole databases.
DB_USER=temperature
DB_SERVING_USER=temperature_api
DB_NAME=temperature
DB_PLAIN_NAME=temperature_plain

export DEBIAN_FRONTEND=noninteractive
export LC_ALL=C

# The log printed on failure: the cluster's or the build's (set once known).
SHOW_LOG=""
die() {
    log "ERROR: $*"
    if [[ -n "$SHOW_LOG" && -f "$SHOW_LOG" ]]; then
        log "---- last 40 lines of $SHOW_LOG ----"
        tail -n 40 "$SHOW_LOG" >&2 || true
    fi
    exit 1
}
trap 'die "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR
# Temporary build dir, removed on exit (success or failure).
BUILD_WORK=""
trap '[[ -z "$BUILD_WORK" ]] || rm -rf "$BUILD_WORK"' EXIT

ensure_root() {
    if [[ $EUID -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            exec sudo -n -E bash "${BASH_SOURCE[0]}" "$@"
        fi
        die "must run as root (needs apt-get and runuser); sudo -n is not available"
    fi
}

# True if apt knows a candidate version for the given binary package (after a first
# apt-get update if the package lists are empty).
apt_has_candidate() {
    local cand
    compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || apt-get -q update >&2
    cand=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')
    [[ -n "$cand" && "$cand" != "(none)" ]]
}

# ---------------------------------------------------------------------------
# PostgreSQL and TimescaleDB installation
# ---------------------------------------------------------------------------
PG_BIN=""
PG_CONFIG=""
PKGLIBDIR=""
EXTDIR=""

ensure_postgres() {
    PG_MAJOR=$(pg_major)
    if [[ -z "$PG_MAJOR" || ! -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ]]; then
        log "no PostgreSQL server found; installing the distribution's default"
        apt_install "postgresql${PG_MAJOR:+-$PG_MAJOR}"
        PG_MAJOR=$(pg_major)
        [[ -n "$PG_MAJOR" ]] || die "PostgreSQL server installation not found after apt-get install"
    fi
    export PG_MAJOR
    PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
    PG_CONFIG="$PG_BIN/pg_config"
    [[ -x "$PG_CONFIG" ]] || apt_install "postgresql-client-$PG_MAJOR"
    [[ -x "$PG_CONFIG" ]] || die "$PG_CONFIG not found"
    PKGLIBDIR=$("$PG_CONFIG" --pkglibdir)
    EXTDIR="$("$PG_CONFIG" --sharedir)/extension"
}

# Version declared by the installed control file (empty if none).
installed_ts_version() {
    local ctl="$EXTDIR/timescaledb.control"
    [[ -f "$ctl" ]] || return 0
    sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" "$ctl" | head -n1
}

ts_installed() {
    local v
    v=$(installed_ts_version)
    [[ -n "$v" && -f "$PKGLIBDIR/timescaledb.so" && -f "$PKGLIBDIR/timescaledb-$v.so" \
        && -f "$EXTDIR/timescaledb--$v.sql" ]]
}

# Newest complete cache dir for this PostgreSQL major (empty if none).
newest_cache_dir() {
    local d
    for d in "$CACHE_ROOT"/timescaledb-*-pg"$PG_MAJOR"; do
        [[ -f "$d/.complete" ]] && printf '%s\n' "$d"
    done | sort -V | tail -n1
}

install_from_cache() {
    local cache=$1
    log "installing TimescaleDB from cache $cache into $PKGLIBDIR and $EXTDIR"
    mkdir -p "$PKGLIBDIR" "$EXTDIR"
    install -m 0644 "$cache"/lib/*.so "$PKGLIBDIR"/
    install -m 0644 "$cache"/extension/* "$EXTDIR"/
}

ensure_trixie_sources() {
    local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    if [[ ! -f "$keyring" ]]; then
        # e.g. Ubuntu: the Debian keyring is a separate package there.
        apt_install debian-archive-keyring
    fi
    [[ -n "$DEBIAN_MIRROR" ]] || die "cannot tell which Debian mirror apt uses; set TIMESCALEDB_DEBIAN_MIRROR"
    local want="deb-src [signed-by=$keyring] $DEBIAN_MIRROR trixie main"
    if [[ ! -f "$TRIXIE_SRC_LIST" ]] || ! grep -qxF "$want" "$TRIXIE_SRC_LIST"; then
        log "adding deb-src (source only) entry for Debian trixie: $TRIXIE_SRC_LIST"
        {
            echo "# Added by temperature-api scripts/services/timescaledb.sh: source packages only"
            echo "# (to build the timescaledb extension); no binary packages come from trixie."
            echo "$want"
        } >"$TRIXIE_SRC_LIST"
    fi
    if [[ -z "$(apt-cache showsrc timescaledb 2>/dev/null)" ]]; then
        # Refresh only this source list: fast, and leaves the other lists alone.
        log "apt-get update (trixie source index only)"
        apt-get -q update \
            -o Dir::Etc::sourcelist="$TRIXIE_SRC_LIST" \
            -o Dir::Etc::sourceparts=- \
            -o APT::Get::List-Cleanup=0 >&2 || die "apt-get update of $TRIXIE_SRC_LIST failed"
    fi
    [[ -n "$(apt-cache showsrc timescaledb 2>/dev/null)" ]] \
        || die "source package timescaledb not found in the trixie source index"
}

build_timescaledb() {
    log "building TimescaleDB from Debian trixie's source package for PostgreSQL $PG_MAJOR"
    # Build tools. postgresql-server-dev-<major> is pinned to the installed
    # server version when the archive still has it, so that installing the
    # headers does not upgrade the server itself.
    local srvver dev="postgresql-server-dev-$PG_MAJOR"
    srvver=$(dpkg-query -W -f='${Version}' "postgresql-$PG_MAJOR" 2>/dev/null || true)
    apt_install build-essential cmake dpkg-dev xz-utils libssl-dev
    if ! pkg_installed "$dev"; then
        if [[ -n "$srvver" ]] && apt_install "$dev=$srvver"; then
            :
        else
            apt_install "$dev"
        fi
    fi
    ensure_trixie_sources

    local work
    work=$(mktemp -d /tmp/temperature-api-tsbuild.XXXXXX)
    BUILD_WORK=$work
    # apt downloads as the unprivileged _apt user: let it write the work dir.
    chmod 0755 "$work"
    if id _apt >/dev/null 2>&1; then chown _apt "$work"; fi
    mkdir -p "$CACHE_ROOT"
    SHOW_LOG="$CACHE_ROOT/timescaledb-build.log"
    : >"$SHOW_LOG"
    log "apt-get source timescaledb (into $work; log: $SHOW_LOG)"
    (cd "$work" && apt-get -q source timescaledb) >>"$SHOW_LOG" 2>&1 \
        || die "apt-get source timescaledb failed"
    local src
    src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'timescaledb-*' | head -n1)
    [[ -n "$src" && -f "$src/version.config" ]] || die "unpacked timescaledb source not found in $work"
    local version
    version=$(sed -n 's/^version *= *\([^ ]*\).*/\1/p' "$src/version.config" | head -n1)
    [[ -n "$version" ]] || die "cannot read version from $src/version.config"
    log "TimescaleDB $version: configuring"
    (
        cd "$src"
        BUILD_FORCE_REMOVE=true ./bootstrap \
            -DPG_CONFIG="$PG_CONFIG" \
            -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DAPACHE_ONLY=ON \
            -DREGRESS_CHECKS=OFF \
            -DTAP_CHECKS=OFF \
            -DWARNINGS_AS_ERRORS=OFF \
            -DSEND_TELEMETRY_DEFAULT=OFF
    ) </dev/null >>"$SHOW_LOG" 2>&1 || die "TimescaleDB configure (bootstrap) failed"
    log "TimescaleDB $version: compiling (make -j$(nproc))"
    make -C "$src/build" -j"$(nproc)" >>"$SHOW_LOG" 2>&1 || die "TimescaleDB build failed"
    local stage="$work/stage"
    make -C "$src/build" install DESTDIR="$stage" >>"$SHOW_LOG" 2>&1 \
        || die "TimescaleDB make install (staged) failed"

    # Cache exactly the installed artefacts: *.so and extension files.
    local cache="$CACHE_ROOT/timescaledb-$version-pg$PG_MAJOR"
    local tmpcache="$cache.tmp.$$"
    rm -rf "$tmpcache"
    mkdir -p "$tmpcache/lib" "$tmpcache/extension"
    cp -a "$stage$PKGLIBDIR"/timescaledb*.so "$tmpcache/lib/"
    cp -a "$stage$EXTDIR"/timescaledb* "$tmpcache/extension/"
    {
        echo "timescaledb_version=$version"
        echo "source_package=$(basename "$(find "$work" -maxdepth 1 -name '*.dsc' | head -n1)")"
        echo "pg_major=$PG_MAJOR"
        echo "pg_config_version=$("$PG_CONFIG" --version)"
        echo "built_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    } >"$tmpcache/BUILD-INFO"
    touch "$tmpcache/.complete"
    rm -rf "$cache"
    mv "$tmpcache" "$cache"
    rm -rf "$work"
    SHOW_LOG=""
    log "TimescaleDB $version built and cached in $cache"
    install_from_cache "$cache"
}

cmd_install() {
    ensure_postgres
    if ts_installed; then
        log "TimescaleDB $(installed_ts_version) already installed for PostgreSQL $PG_MAJOR"
        return 0
    fi
    local cache
    cache=$(newest_cache_dir)
    if [[ -n "$cache" ]]; then
        install_from_cache "$cache"
    else
        local pkg="postgresql-$PG_MAJOR-timescaledb"
        if apt_has_candidate "$pkg"; then
            log "installing distribution package $pkg"
            apt_install "$pkg"
        else
            log "no $pkg package in this distribution"
            build_timescaledb
        fi
    fi
    ts_installed || die "TimescaleDB files missing in $PKGLIBDIR / $EXTDIR after install"
    log "TimescaleDB $(installed_ts_version) installed for PostgreSQL $PG_MAJOR"
}

# ---------------------------------------------------------------------------
# Clusters (scripts/lib/pg.sh)
# ---------------------------------------------------------------------------
# True if the postgres user can enter the given directory.
# shellcheck disable=SC2016 # $1 is expanded by the inner sh
pg_can_enter() { runuser -u postgres -- sh -c 'cd "$1"' _ "$1" 2>/dev/null; }

choose_data_dir() {
    mkdir -p "$SERVICES_DIR"
    chmod go+x "$SERVICES_DIR" 2>/dev/null || true
    if [[ -f "$FALLBACK_DATA/PG_VERSION" ]]; then
        printf '%s' "$FALLBACK_DATA" # keep using an existing fallback cluster
    elif pg_can_enter "$SERVICES_DIR"; then
        printf '%s' "$PRIMARY_DATA"
    else
        log "postgres cannot traverse $SERVICES_DIR; using $FALLBACK_DATA instead"
        printf '%s' "$FALLBACK_DATA"
    fi
}

# start_cluster DATA FIRST_PORT: starts the cluster on the first free port from FIRST_PORT, or the
# next one if another process takes that port first.
start_cluster() {
    local data=$1 port=$2 sockdir=$1 attempt
    # Unix socket paths are limited to ~107 bytes: fall back to /tmp if long.
    if ((${#data} > 80)); then sockdir=/tmp; fi
    SHOW_LOG="$data/postgres.log"
    for attempt in 1 2 3 4 5; do
        port=$(free_port_from "$port")
        pg_conf "$data" "$port" "$sockdir"
        log "starting PostgreSQL $PG_MAJOR on 127.0.0.1:$port (data: $data)"
        : >"$data/postgres.log"
        pg_start "$data" && return 0
        grep -qiE 'could not (bind|create lock file)|address already in use' "$data/postgres.log" \
            || die "PostgreSQL failed to start"
        log "port $port is taken, trying another one (attempt $attempt)"
        port=$((port + 1))
    done
    die "PostgreSQL failed to start (no usable port)"
}

# role_password DATA FILE: the password kept in DATA/FILE, made on first use. The files live in
# the data dir, readable by root and postgres only, and go when the cluster goes.
role_password() {
    local file="$1/$2" password
    if [[ ! -s "$file" ]]; then
        (umask 077 && random_hex 18 >"$file")
        chown postgres: "$file"
    fi
    password=$(cat "$file")
    [[ "$password" =~ ^[0-9a-f]{16,}$ ]] || die "bad password file $file"
    printf '%s' "$password"
}

cmd_start() {
    mkdir -p "$SERVICES_DIR"
    exec 9>"$LOCK_FILE"
    flock -w 900 9 || die "another start/stop is running (lock $LOCK_FILE)"
    cmd_install

    local data fresh=0
    data=$(choose_data_dir)
    mkdir -p "$(dirname "$data")"
    chmod go+x "$(dirname "$data")" 2>/dev/null || true
    SHOW_LOG="$data/postgres.log"
    if pg_running "$data"; then
        log "reusing running cluster in $data"
    else
        if [[ -f "$data/PG_VERSION" && "$(cat "$data/PG_VERSION")" == "$PG_MAJOR" \
            && -f "$data/temperature-api.password" && -f "$data/postgresql.conf" ]]; then
            log "restarting existing cluster in $data"
        else
            log "initdb $data (PostgreSQL $PG_MAJOR)"
            pg_init "$data" || die "initdb failed"
            fresh=1
        fi
        start_cluster "$data" "$FIRST_PORT"
    fi

    PORT=$(pg_port "$data")
    [[ -n "$PORT" ]] || die "cannot read the port from $data/postmaster.pid"
    pg_ready "$PORT" 30 \
        || die "PostgreSQL on 127.0.0.1:$PORT (data: $data) does not accept connections; run '$0 stop' and retry"

    local password serving_password superuser_password
    password=$(role_password "$data" temperature-api.password)
    serving_password=$(role_password "$data" serving.password)
    superuser_password=$(role_password "$data" superuser.password)

    log "creating roles $DB_USER (owner), $DB_SERVING_USER (serving) and databases $DB_NAME, $DB_PLAIN_NAME"
    pg_psql "$data" postgres <<SQL
\\set pw '$password'
\\set serving_pw '$serving_password'
\\set superuser_pw '$superuser_password'
SELECT format('CREATE ROLE %I LOGIN', '$DB_USER')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER') \\gexec
ALTER ROLE $DB_USER WITH LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
SELECT format('CREATE ROLE %I LOGIN', '$DB_SERVING_USER')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_SERVING_USER') \\gexec
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
    # TimescaleDB 2.x is a trusted extension, which a database owner (or anyone with CREATE on
    # the database) could install. Here the owner role may only connect and create tables in public.
    pg_psql "$data" "$DB_PLAIN_NAME" >&2 <<SQL
ALTER DATABASE $DB_PLAIN_NAME OWNER TO postgres;
REVOKE ALL ON DATABASE $DB_PLAIN_NAME FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $DB_PLAIN_NAME TO $DB_USER;
GRANT CONNECT ON DATABASE $DB_PLAIN_NAME TO $DB_SERVING_USER;
GRANT USAGE, CREATE ON SCHEMA public TO $DB_USER;
SQL
    pg_psql "$data" "$DB_NAME" -c "SET client_min_messages = warning" \
        -c "CREATE EXTENSION IF NOT EXISTS timescaledb" >&2 \
        || die "CREATE EXTENSION timescaledb failed in database $DB_NAME"
    local extv
    extv=$(pg_psql "$data" "$DB_NAME" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")
    [[ -n "$extv" ]] || die "CREATE EXTENSION timescaledb failed in database $DB_NAME"
    # The replica tests hold the replica's replay to show what a lagging reader sees. Granted on
    # the primary; the grant reaches the replica like any other catalog change.
    pg_psql "$data" "$DB_NAME" >&2 \
        -c "GRANT EXECUTE ON FUNCTION pg_wal_replay_pause(), pg_wal_replay_resume() TO $DB_USER, $DB_SERVING_USER"

    local replica_port
    replica_port=$(start_replica "$data" "$fresh")

    # The file holds the role's password: readable by its owner only, from its first byte. Run
    # through sudo, the owner is the user who asked, so that services.sh can read it back.
    local tmp="$ENV_FILE.tmp.$$"
    (umask 077 && : >"$tmp")
    cat >"$tmp" <<ENV
# Written by scripts/services/timescaledb.sh start; removed by stop.
export POSTGRES_HOST=127.0.0.1
export POSTGRES_PORT=$PORT
export POSTGRES_DB=$DB_NAME
export POSTGRES_USER=$DB_SERVING_USER
export POSTGRES_PASSWORD=$serving_password
export POSTGRES_MIGRATIONS_USER=$DB_USER
export POSTGRES_MIGRATIONS_PASSWORD=$password
export POSTGRES_SUPERUSER=postgres
export POSTGRES_SUPERUSER_PASSWORD=$superuser_password
export POSTGRES_URL=jdbc:postgresql://127.0.0.1:$PORT/$DB_NAME
export POSTGRES_PLAIN_URL=jdbc:postgresql://127.0.0.1:$PORT/$DB_PLAIN_NAME
export POSTGRES_REPLICA_PORT=$replica_port
export POSTGRES_REPLICA_URL=jdbc:postgresql://127.0.0.1:$replica_port/$DB_NAME
ENV
    chmod 0600 "$tmp"
    if [[ -n "${SUDO_UID:-}" ]]; then
        chown "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$tmp"
    fi
    mv "$tmp" "$ENV_FILE"
    SHOW_LOG=""
    log "ready: PostgreSQL $PG_MAJOR + TimescaleDB $extv on 127.0.0.1:$PORT, its streaming replica on 127.0.0.1:$replica_port; env file: $ENV_FILE"
}

# start_replica PRIMARY_DATA FRESH: a hot standby of the running primary in PRIMARY_DATA-replica,
# made by pg_basebackup -R (which writes primary_conninfo and standby.signal) over the primary's
# unix socket as postgres, and started on the next free port. A running replica is reused unless
# the primary is new (FRESH=1). Prints the replica's port.
start_replica() {
    local primary=$1 fresh=$2 replica="$1-replica" port
    if [[ "$fresh" == 0 ]] && pg_running "$replica"; then
        log "reusing running replica in $replica"
    else
        stop_one "$replica"
        # pg_basebackup copies every file of the data dir, as postgres: the password files too.
        chown postgres: "$primary"/*.password
        log "pg_basebackup -R from 127.0.0.1:$PORT into $replica"
        mkdir -p "$replica"
        chown postgres: "$replica"
        chmod 0700 "$replica"
        as_pg "$PG_BIN/pg_basebackup" -D "$replica" -R -X stream -c fast --no-sync \
            -h "$(pg_sockdir "$primary")" -p "$PORT" -U postgres >&2 || die "pg_basebackup failed"
        rm -f "$replica/postgres.log"
        start_cluster "$replica" "$((PORT + 1))"
    fi
    port=$(pg_port "$replica")
    pg_ready "$port" 30 || die "the replica on 127.0.0.1:$port (data: $replica) does not accept connections"
    [[ "$(pg_psql "$replica" postgres -At -c 'SELECT pg_is_in_recovery()')" == t ]] \
        || die "the cluster in $replica is not a standby"
    SHOW_LOG="$primary/postgres.log"
    printf '%s' "$port"
}

stop_one() {
    local data=$1
    [[ -d "$data" ]] || return 0
    if [[ -f "$data/PG_VERSION" ]] && PG_MAJOR=$(cat "$data/PG_VERSION") pg_running "$data"; then
        log "stopping cluster in $data"
        SHOW_LOG="$data/postgres.log"
        PG_MAJOR=$(cat "$data/PG_VERSION") pg_stop "$data" || die "could not stop PostgreSQL in $data"
        SHOW_LOG=""
    fi
    log "removing data dir $data"
    rm -rf "$data"
}

cmd_stop() {
    if [[ -d "$SERVICES_DIR" ]]; then
        exec 9>"$LOCK_FILE"
        flock -w 300 9 || die "another start/stop is running (lock $LOCK_FILE)"
    fi
    stop_one "$PRIMARY_DATA-replica"
    stop_one "$FALLBACK_DATA-replica"
    stop_one "$PRIMARY_DATA"
    stop_one "$FALLBACK_DATA"
    rmdir "$FALLBACK_BASE" 2>/dev/null || true
    rm -f "$ENV_FILE"
    log "stopped"
}

# The data dir of the existing primary (the fallback first, as choose_data_dir keeps it).
existing_primary() {
    local data
    for data in "$FALLBACK_DATA" "$PRIMARY_DATA"; do
        [[ -f "$data/PG_VERSION" ]] && { printf '%s' "$data"; return 0; }
    done
    return 1
}

cmd_status() {
    local data
    if data=$(existing_primary) && PG_MAJOR=$(cat "$data/PG_VERSION") pg_running "$data"; then
        echo "running: 127.0.0.1:$(pg_port "$data") (data: $data)"
        return 0
    fi
    echo "not running"
    return 3
}

# primary stop|start: the primary alone, its data kept, on the port it had.
cmd_primary() {
    local data
    data=$(existing_primary) || die "no cluster to $1; run '$0 start' first"
    PG_MAJOR=$(cat "$data/PG_VERSION")
    SHOW_LOG="$data/postgres.log"
    case "$1" in
    stop)
        if pg_running "$data"; then
            log "stopping the primary in $data (the replica keeps running)"
            as_pg "$(pg_bin)/pg_ctl" stop -D "$data" -m fast -w -t 60 -s >&2
        fi
        ;;
    start)
        if ! pg_running "$data"; then
            log "starting the primary in $data again"
            pg_start "$data" || die "the primary did not start again"
        fi
        ;;
    *) die "usage: $0 primary stop|start" ;;
    esac
    SHOW_LOG=""
}

case "${1:-}" in
primary) ensure_root "$@"; cmd_primary "${2:-}" ;;
install) ensure_root "$@"; cmd_install ;;
start) ensure_root "$@"; cmd_start ;;
stop) ensure_root "$@"; cmd_stop ;;
status)
    ensure_root "$@"
    rc=0
    cmd_status || rc=$?
    exit "$rc"
    ;;
*)
    echo "usage: $0 {install|start|stop|status|primary stop|start}" >&2
    exit 2
    ;;
esac
