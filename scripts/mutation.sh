#!/usr/bin/env bash
# `make mutation`: PIT mutation testing of domain, application, adapters-jdbc and adapters-http, each
# against its threshold (pit.threshold in the module's pom; the build fails below it). Run by
# scripts/test.sh after `./mvnw verify`, so the classes are built and the databases are up.
#
# Incremental: each module's results are kept in ~/.cache/temperature-api/pit/<module>.history
# (TEMPERATURE_API_CACHE moves the root), so a run re-analyses only the mutants whose class or
# covering tests changed. PIT_FRESH=1 starts from nothing. Reports: <module>/target/pit-reports/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# PIT_MODULES narrows the run (e.g. PIT_MODULES=adapters-http); make test runs all four.
readonly modules="${PIT_MODULES:-domain,application,adapters-jdbc,adapters-http}"
history="${TEMPERATURE_API_CACHE:-$HOME/.cache/temperature-api}/pit"
mkdir -p "$history"
if [[ "${PIT_FRESH:-}" == 1 ]]; then
    rm -f "$history"/*.history
fi

started=$SECONDS
# test-compile, not verify: PIT runs the tests itself; -am builds what the four depend on. Modules
# other than the four skip PIT (pit.skip in the parent pom).
./mvnw -B -q test-compile org.pitest:pitest-maven:mutationCoverage \
    -pl "$modules" -am -fae -Dpit.history.dir="$history"
for module in ${modules//,/ }; do
    report="$module/target/pit-reports/mutations.xml"
    if [[ -f "$report" ]]; then
        killed=$(grep -c "status='KILLED'\|status='TIMED_OUT'\|status='MEMORY_ERROR'" "$report" || true)
        total=$(grep -c "<mutation " "$report" || true)
        printf '[mutation] %s: %s of %s mutants killed\n' "$module" "$killed" "$total" >&2
    fi
done
printf '[mutation] done in %ss\n' "$((SECONDS - started))" >&2
