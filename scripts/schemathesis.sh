#!/usr/bin/env bash
# Schemathesis (property-based API testing from the OpenAPI document) against the built jar on free
# local ports, twice:
#   quick-start  config.yml on a throwaway SQLite file, auth off (scripts/schemathesis/quick-start.toml)
#   production   config-production.yml on the PostgreSQL of scripts/services.sh, with a writer and a
#                reader token made by the jar's hash-token command (scripts/schemathesis/production.toml)
# Every check with its defaults and every phase (examples, coverage, fuzzing, stateful), and zero
# failures, or this script fails. scripts/schemathesis/hooks.py generates the bodies of the OpenAPI
# document's one custom format, line-protocol (the InfluxDB write API), and gzips a body sent as
# Content-Encoding: gzip. Each run twice: with the fixed seed below, which tests the same
# cases every time, and with a seed drawn at random, which tests new ones; both are printed. Run by
# scripts/test.sh after the Maven build; alone:
#   make build && scripts/services.sh start && . ./.services.env && scripts/schemathesis.sh
# and a failure of one seed replayed alone:
#   SCHEMATHESIS_SEED=<seed> SCHEMATHESIS_RUNS=production scripts/schemathesis.sh
#
# Schemathesis (SCHEMATHESIS_VERSION, scripts/versions.env) is installed from PyPI into
# ~/.cache/temperature-api/schemathesis-<version>-py<python>/. SCHEMATHESIS_RUNS: which runs,
# space-separated (default "quick-start production"); SCHEMATHESIS_SEED: this seed alone.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/lib/common.sh"

# The fewest cases a run may generate: fewer means a schema or tool change quietly tests less.
readonly MIN_CASES_PER_RUN=2500
readonly MIN_CASES_IN_ALL=5000
# The seed every make test repeats; a second one is drawn for each make test.
readonly FIXED_SEED=20261129

root="$ROOT"
jar="$root/bootstrap/target/temperature-api.jar"
runs="${SCHEMATHESIS_RUNS:-quick-start production}"
if [[ -n "${SCHEMATHESIS_SEED:-}" ]]; then
    [[ "$SCHEMATHESIS_SEED" =~ ^[0-9]+$ ]] || { echo "SCHEMATHESIS_SEED must be a number" >&2; exit 1; }
    seeds="$SCHEMATHESIS_SEED"
else
    # 1 to 2^31 - 1, from the kernel: a new one each run, printed so that it can be replayed.
    seeds="$FIXED_SEED $(( $(od -An -N4 -tu4 /dev/urandom) % 2147483647 + 1 ))"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/temperature-schemathesis.XXXXXX")"
server_pid=""
stop_server() {
    [[ -z "$server_pid" ]] || stop_pid "$server_pid"
    server_pid=""
}
trap 'stop_server; rm -rf "$work"' EXIT

# start_server NAME CONFIG: the jar on free ports, env as the caller set it; sets $base_url.
start_server() {
    local name=$1 config=$2 port admin
    port="$(free_port)"
    admin="$(free_port)"
    PORT="$port" ADMIN_PORT="$admin" java -jar "$jar" server "$root/$config" \
        >"$work/$name-server.log" 2>&1 &
    server_pid=$!
    base_url="http://127.0.0.1:$port"
    if ! wait_for "$base_url/openapi.json" 90 "$server_pid"; then
        tail -n 40 "$work/$name-server.log" >&2
        die "the $name server did not answer within 90 s, or exited"
    fi
    log "$name: server on $base_url ($config)"
}

# run_schemathesis NAME SEED: the run's .toml against $base_url; sets $cases and $seconds.
run_schemathesis() {
    local name=$1 seed=$2 run="$1-$2" started rc=0
    started=$SECONDS
    # The hooks teach Schemathesis the body format of the InfluxDB write API (line-protocol);
    # no bytecode is written beside them.
    SCHEMATHESIS_HOOKS="$root/scripts/schemathesis/hooks.py" PYTHONDONTWRITEBYTECODE=1 \
        "$schemathesis" --no-color --config-file "$root/scripts/schemathesis/$name.toml" \
        run "$base_url/openapi.json" --seed "$seed" \
        --report junit --report-dir "$work/$run-report" >"$work/$run.log" 2>&1 || rc=$?
    seconds=$((SECONDS - started))
    cases="$(sed -n 's/^ *\([0-9][0-9]*\) generated.*/\1/p' "$work/$run.log" | tail -n 1)"
    if ((rc != 0)); then
        cat "$work/$run.log" >&2
        log "$name: last lines of the server log:"
        tail -n 60 "$work/$name-server.log" >&2
        die "$name, seed $seed: schemathesis found failures (exit $rc); replay it with" \
            "SCHEMATHESIS_SEED=$seed SCHEMATHESIS_RUNS=$name scripts/schemathesis.sh"
    fi
    [[ -n "$cases" ]] || { cat "$work/$run.log" >&2; die "$name: cannot read the number of cases"; }
    sed -n '/^Test Phases:/,/^Seed:/p' "$work/$run.log" | grep -v '^ *$' >&2
    ((cases >= MIN_CASES_PER_RUN)) || die "$name: only $cases cases, fewer than $MIN_CASES_PER_RUN"
}

[[ -f "$jar" ]] || die "$jar is missing: build it first (make build, or ./mvnw verify)"
venv="$CACHE/schemathesis-$SCHEMATHESIS_VERSION-py$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
pip_tool "$venv" "schemathesis==$SCHEMATHESIS_VERSION"
schemathesis="$venv/bin/schemathesis"
"$schemathesis" --version >&2

log "seeds: $seeds (replay one: SCHEMATHESIS_SEED=<seed> scripts/schemathesis.sh)"
total=0
summary=()
for seed in $seeds; do
for name in $runs; do
    case "$name" in
    quick-start)
        rm -f "$work/quick-start.db"*
        SQLITE_PATH="$work/quick-start.db" start_server "$name" config.yml
        ;;
    production)
        if [[ -z "${POSTGRES_URL:-}" && -f "$root/.services.env" ]]; then
            # shellcheck disable=SC1091
            . "$root/.services.env"
        fi
        if [[ -z "${POSTGRES_URL:-}" ]]; then
            die "production needs PostgreSQL: run scripts/services.sh start and . ./.services.env"
        fi
        for who in WRITER READER; do
            token="$(java -jar "$jar" hash-token --generate)"
            export "${who}_TOKEN=$(sed -n 's/^token: *//p' <<<"$token")"
            export "${who}_TOKEN_SHA256=$(sed -n 's/^sha256: *//p' <<<"$token")"
        done
        start_server "$name" config-production.yml
        ;;
    *)
        die "unknown run '$name' (quick-start, production)"
        ;;
    esac
    log "$name: seed $seed"
    run_schemathesis "$name" "$seed"
    stop_server
    total=$((total + cases))
    summary+=("$name, seed $seed: $cases cases, 0 failures, ${seconds}s")
    log "$name, seed $seed: $cases cases, no failures, in ${seconds}s"
done
done

for line in "${summary[@]}"; do
    log "$line"
done
if [[ "$runs" == "quick-start production" && -z "${SCHEMATHESIS_SEED:-}" ]] &&
    ((total < 2 * MIN_CASES_IN_ALL)); then
    die "only $total cases in all, fewer than $((2 * MIN_CASES_IN_ALL))"
fi
log "schemathesis $SCHEMATHESIS_VERSION: $total cases, no failures"
