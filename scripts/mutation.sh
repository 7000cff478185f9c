#!/usr/bin/env bash
# `make mutation`: PIT mutation testing of domain, application, adapters-jdbc and adapters-http, each
# against its threshold (pit.threshold in the module's pom; the build fails below it). Run by
# scripts/test.sh after `./mvnw verify`, so the classes are built and the databases are up.
#
# Incremental: each module's results are kept in ~/.cache/temperature-api/pit/<module>.history, so a
# run re-analyses only the mutants whose class or covering tests changed. PIT_FRESH=1 starts from
# nothing. Reports: <module>/target/pit-reports/.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

modules=domain,application,adapters-jdbc,adapters-http
history="$CACHE/pit"
mkdir -p "$history"
[[ "${PIT_FRESH:-}" != 1 ]] || rm -f "$history"/*.history

started=$SECONDS
# test-compile, not verify: PIT runs the tests itself; -am builds what the four depend on. Modules
# other than the four skip PIT (pit.skip in the parent pom).
./mvnw -B -q test-compile org.pitest:pitest-maven:mutationCoverage \
    -pl "$modules" -am -fae -Dpit.history.dir="$history"
for module in ${modules//,/ }; do
    report="$module/target/pit-reports/mutations.xml"
    if [[ -f "$report" ]]; then
        killed=$(grep -c "status='KILLED'\|status='TIMED_OUT'\|status='MEMORY_ERROR'" "$report" || true)
        log "$module: $killed of $(grep -c "<mutation " "$report" || true) mutants killed"
    fi
done
log "done in $((SECONDS - started))s"
