#!/usr/bin/env bash
# Local InfluxDB 2.7 server for development, `make test` and CI (docs/development.md).
#   scripts/services/influxdb.sh install   build influxd once from its Go module (cached by version)
#   scripts/services/influxdb.sh start     install, start (or reuse) it on a free 127.0.0.1 port, set up
#       org and buckets, the operator's token and the API's (read and write on the two buckets only:
#       scripts/lib/influx.py), write .services/influxdb.env (INFLUX_TOKEN: the API's;
#       INFLUX_OPERATOR_TOKEN: for tests that administer the server)
#   scripts/services/influxdb.sh stop      stop the server, delete its data dir and env file
#   scripts/services/influxdb.sh run DIR PORT [LEVEL]   influxd itself on 127.0.0.1:PORT, its data in
#       DIR, in the foreground (the fault suite runs its own so, to kill it with SIGKILL)
# The binary is cached in ~/.cache/temperature-api/influxd-<version>/. A cold build compiles libflux
# (Rust, via cargo) and influxd (Go, cgo). Optional environment: INFLUXD_VERSION (default:
# scripts/versions.env), RUSTUP_TOOLCHAIN (for libflux, default stable: Flux pins Rust 1.72, which
# rustup cannot download offline).
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

INFLUXD_VERSION="v${INFLUXD_VERSION#v}"
INFLUXDB_MODULE="github.com/influxdata/influxdb/v2" FLUX_MODULE="github.com/influxdata/flux"
PKG_CONFIG_MODULE="github.com/influxdata/pkg-config"
# The org and bucket, and the hourly and daily rollups' bucket, kept forever: storage.rollupBucket's
# default, <bucket>_rollups.
INFLUX_ORG_NAME="temperature" INFLUX_BUCKET_NAME="temperature" INFLUX_ROLLUP_BUCKET_NAME="temperature_rollups"
INFLUXD_BIN="${CACHE}/influxd-${INFLUXD_VERSION}/influxd" BUILD_DIR="${CACHE}/build/influxdb-${INFLUXD_VERSION}"
SERVICES_DIR="${ROOT}/.services" DATA_DIR="${ROOT}/.services/influxdb" ENV_FILE="${ROOT}/.services/influxdb.env"
PID_FILE="${DATA_DIR}/influxd.pid" PORT_FILE="${DATA_DIR}/influxd.port" LOG_FILE="${DATA_DIR}/influxd.log"
TOKEN_FILE="${DATA_DIR}/operator-token" API_TOKEN_FILE="${DATA_DIR}/api-token"
SHOW_LOG=${LOG_FILE} # the server's, whose tail die prints

# Flux v0.19x marks its crates `#![cfg_attr(feature = "strict", deny(warnings))]` with "strict" on by
# default; lints added since Rust 1.72 (mismatched_lifetime_syntaxes, dead_code changes) turn into hard
# errors on a current toolchain. Drop "strict" from the default features (warnings stay warnings).
patch_libflux() {
    local libflux=$1
    sed -i -E 's/^default = \["strict"\]$/default = []/' "${libflux}/flux-core/Cargo.toml"
    sed -i -E 's/^default = \["strict", "cffi"\]$/default = ["cffi"]/' "${libflux}/flux/Cargo.toml"
    if grep -Eq '^default = .*"strict"' "${libflux}/flux-core/Cargo.toml" "${libflux}/flux/Cargo.toml"; then
        die "could not disable the libflux 'strict' feature; update patch_libflux in $0"
    fi
}

build_influxd() {
    local started=${SECONDS}
    for tool in go cargo cc; do
        command -v "${tool}" >/dev/null 2>&1 || die "'${tool}' is required to build influxd"
    done

    export GOTOOLCHAIN=local CGO_ENABLED=1 GOFLAGS="-mod=mod -buildvcs=false"
    # rust-toolchain.toml in flux pins Rust 1.72 (not downloadable here); use an installed toolchain.
    export RUSTUP_TOOLCHAIN="${RUSTUP_TOOLCHAIN:-stable}"
    local target # the host's, e.g. x86_64-unknown-linux-gnu
    target="$(rustc -vV | sed -n 's/^host: //p')"

    log "building influxd ${INFLUXD_VERSION} in ${BUILD_DIR} (cold build, takes several minutes)"
    log "go: $(go version | cut -d' ' -f3-); cargo: $(cargo --version) [RUSTUP_TOOLCHAIN=${RUSTUP_TOOLCHAIN}]"
    rm -rf "${BUILD_DIR}"
    mkdir -p "${BUILD_DIR}"
    local src="${BUILD_DIR}/influxdb"

    # 1. Writable copy of the influxdb module (go install refuses modules with replace directives).
    local influx_dir
    influx_dir="$(go_mod_dir "${INFLUXDB_MODULE}@${INFLUXD_VERSION}")"
    copy_writable "${influx_dir}" "${src}"

    local flux_version pkgconfig_version
    flux_version="$(cd "${src}" && go list -m -f '{{.Version}}' "${FLUX_MODULE}")"
    pkgconfig_version="$(cd "${src}" && go list -m -f '{{.Version}}' "${PKG_CONFIG_MODULE}")"
    log "flux ${flux_version}, pkg-config wrapper ${pkgconfig_version}, cargo target ${target}"

    # 2. Writable, patched copy of the flux module; the dir name keeps the `flux@vX.Y.Z` suffix from
    #    which InfluxData's pkg-config wrapper derives the library version.
    local flux_src="${BUILD_DIR}/mod/${FLUX_MODULE}@${flux_version}" flux_dir
    flux_dir="$(go_mod_dir "${FLUX_MODULE}@${flux_version}")"
    copy_writable "${flux_dir}" "${flux_src}"
    patch_libflux "${flux_src}/libflux"
    (cd "${src}" && go mod edit -replace "${FLUX_MODULE}=${flux_src}")

    # 3. InfluxData's pkg-config wrapper: answers `pkg-config flux` by running cargo in libflux.
    GOBIN="${BUILD_DIR}/bin" GOFLAGS=-buildvcs=false go install "${PKG_CONFIG_MODULE}@${pkgconfig_version}"
    export PKG_CONFIG="${BUILD_DIR}/bin/pkg-config"

    # 4. Build libflux up front so cargo's output is visible (the wrapper swallows it); the wrapper's
    #    own `cargo build` with the same settings is then a no-op.
    log "building libflux (cargo build --release --target ${target})"
    (cd "${flux_src}/libflux" && cargo build --release --locked --target "${target}") ||
        die "libflux build failed"

    # 5. influxd without UI assets (no -tags assets: the UI is not needed and would be fetched from GitHub).
    local tags="sqlite_foreign_keys,sqlite_json"
    [[ "$(go env GOARCH)" == amd64 ]] || tags="${tags},noasm"
    local build_date info_file
    info_file="$(go mod download -json "${INFLUXDB_MODULE}@${INFLUXD_VERSION}" |
        sed -n 's/^[[:space:]]*"Info": "\(.*\)",\{0,1\}$/\1/p')"
    build_date="$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "${info_file}" 2>/dev/null || true)"
    [[ -n "${build_date}" ]] || build_date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    log "building influxd (go build ./cmd/influxd, tags ${tags})"
    (cd "${src}" && go build -trimpath -tags "${tags}" \
        -ldflags "-s -w -X main.version=${INFLUXD_VERSION#v} -X main.commit=gomod -X main.date=${build_date}" \
        -o "${BUILD_DIR}/influxd" ./cmd/influxd) || die "go build ./cmd/influxd failed"

    # influxd reads config.{yml,toml,json} from its working dir (or INFLUXD_CONFIG_PATH): isolate it.
    (cd "${BUILD_DIR}" && INFLUXD_CONFIG_PATH="${BUILD_DIR}" ./influxd version >&2) || die "built influxd does not run"
    # The build dir holds ~0.6 GB of source copies and Rust intermediates; only the binary is kept, and
    # a rebuild (new version) still reuses the Go module/build caches and the cargo registry.
    install_binary "${BUILD_DIR}/influxd" "${INFLUXD_BIN}" "${started}"
}

cmd_install() { cached_build "${INFLUXD_BIN}" "influxd ${INFLUXD_VERSION}" build_influxd; }

running_pid() { # prints the pid of our influxd if it is alive
    local pid
    pid="$(cat "${PID_FILE}" 2>/dev/null)" && [[ "${pid}" =~ ^[0-9]+$ ]] && kill -0 "${pid}" 2>/dev/null || return 1
    # Guard against pid reuse: the process must be an influxd using our data dir.
    tr '\0' ' ' <"/proc/${pid}/cmdline" | grep -q -- "${DATA_DIR}/" || return 1
    echo "${pid}"
}

run() { # DIR PORT [LEVEL]: execs influxd; the same paths every time, so that after a crash it replays its WAL
    [[ -x "${INFLUXD_BIN}" ]] || die "no ${INFLUXD_BIN}: run $0 install"
    # influxd loads config.{yml,toml,json} from its working directory unless INFLUXD_CONFIG_PATH is
    # set; the repo root has an unrelated config.yml, so run it from (and point it at) the data dir.
    cd "$1" && INFLUXD_CONFIG_PATH="$1" exec "${INFLUXD_BIN}" --http-bind-address "127.0.0.1:$2" \
        --bolt-path "$1/influxd.bolt" --sqlite-path "$1/influxd.sqlite" --engine-path "$1/engine" \
        --reporting-disabled --ui-disabled --log-level "${3:-info}"
}

launch() { # port -> starts influxd, waits for /health; returns 1 if it died (e.g. port taken)
    local port=$1 url="http://127.0.0.1:$1"
    echo "${port}" >"${PORT_FILE}"
    log "starting influxd on ${url} (data ${DATA_DIR}, log ${LOG_FILE})"
    # fd 9 = lock; must not outlive this call. HUP ignored, as nohup would.
    (trap '' HUP && run "${DATA_DIR}" "${port}" </dev/null >>"${LOG_FILE}" 2>&1 9>&-) 9>&- &
    local pid=$!
    echo "${pid}" >"${PID_FILE}"
    wait_for "${url}/health" 60 "${pid}" && return 0
    rm -f "${PID_FILE}"
    kill -0 "${pid}" 2>/dev/null || { wait "${pid}" 2>/dev/null || true; return 1; }
    kill "${pid}" 2>/dev/null || true
    die "influxd did not become healthy on ${url} within 60s"
}

start_locked() {
    mkdir -p "${DATA_DIR}"
    local pid port url attempt
    if pid="$(running_pid)" && port="$(cat "${PORT_FILE}" 2>/dev/null)" && wait_for "http://127.0.0.1:${port}/health" 0; then
        log "influxd already running (pid ${pid}) on port ${port}; reusing it"
    else
        if [[ -f "${PID_FILE}" ]]; then # stale (a crash, a reboot): start over with a clean data dir
            log "removing stale state in ${DATA_DIR}"
            stop_locked
            mkdir -p "${DATA_DIR}"
        fi
        for attempt in 1 2 3; do
            port="$(free_port)"
            ! launch "${port}" || break
            if ((attempt == 3)) || ! grep -q 'address already in use' "${LOG_FILE}" 2>/dev/null; then
                die "influxd exited during startup"
            fi
            log "port ${port} was taken, retrying"
        done
    fi
    url="http://127.0.0.1:${port}"
    # The set-up, the rollups' bucket, the operator's token and the API's: read and write on the
    # readings' and the rollups' buckets, nothing else, as production's (docs/adr/0011-least-privilege.md).
    "${PYTHON}" "${ROOT}/scripts/lib/influx.py" prepare "${url}" "${DATA_DIR}" "${INFLUX_ORG_NAME}" \
        "${INFLUX_BUCKET_NAME}" "${INFLUX_ROLLUP_BUCKET_NAME}" || die "cannot set up InfluxDB at ${url}"
    write_private "${ENV_FILE}" <<EOF
export INFLUX_URL=${url}
export INFLUX_TOKEN=$(cat "${API_TOKEN_FILE}")
export INFLUX_OPERATOR_TOKEN=$(cat "${TOKEN_FILE}")
export INFLUX_ORG=${INFLUX_ORG_NAME}
export INFLUX_BUCKET=${INFLUX_BUCKET_NAME}
export INFLUXD_VERSION=${INFLUXD_VERSION}
EOF
    log "influxd ${INFLUXD_VERSION} ready on ${url} (pid $(cat "${PID_FILE}")); env in ${ENV_FILE}"
}

stop_locked() {
    local pid
    if pid="$(running_pid)"; then
        log "stopping influxd (pid ${pid})"
        stop_pid "${pid}" 30
    else
        log "influxd is not running"
    fi
    rm -rf "${DATA_DIR}"
    rm -f "${ENV_FILE}"
}

case "${1:-}" in
    install) cmd_install ;;
    start) cmd_install && locked "${SERVICES_DIR}/.influxdb.lock" start_locked ;;
    stop) [[ ! -d "${SERVICES_DIR}" ]] || locked "${SERVICES_DIR}/.influxdb.lock" stop_locked ;;
    run) run "${@:2}" ;;
    *) die "usage: $0 install|start|stop|run DIR PORT [LEVEL]" ;;
esac
