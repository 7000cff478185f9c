# Thin task runner; the real work is in Maven and in scripts/.
#   make run            build if needed, start the API on the embedded SQLite store (config.yml)
#   make check          the fast tier: no root, no services; compile, format check, unit, architecture
#                       and docs tests, the contract suite on SQLite and in memory, shellcheck and ruff
#                       over the scripts (scripts/lint.sh; docs/development.md)
#   make test           the full tier, what CI runs: provision the test databases and tools, then run
#                       every test, Schemathesis, the fault suite, make k8s-check and make container-check
#   make k8s-check      render and validate the Kubernetes manifests (scripts/k8s/check.sh)
#   make chaos          the fault-injection suite on every storage (scripts/chaos.sh), after make build
#   make mutation       PIT mutation testing of domain, application, adapters-jdbc and adapters-http
#                       against each module's threshold, incremental (scripts/mutation.sh; make test runs it)
#   make services       start PostgreSQL+TimescaleDB and InfluxDB for local work; writes .services.env
#   make services-stop  stop them
#   make format         apply the code format (checked by the build)
#   make bench          the API beside the raw engines; report in target/bench/, table in docs/performance.md
#                       (make bench SCALE=1 for the scale test, PROFILE=1 for flame graphs; see scripts/bench/bench.py)
#   make image          build the container image from the jar (podman/buildah; docs/deployment.md)
#   make image-check    run the image: prototype's calls, non-root, /metrics, SIGTERM without loss
#   make compose-check  validate every Compose file
#   make compose-run    run the Compose stacks for real through podman
#   make lint           hadolint the Dockerfile, actionlint the workflow
#   make container-check  all of the above, as `make test` runs them

MVN ?= ./mvnw
JAR := bootstrap/target/temperature-api.jar
SOURCES := $(shell find . -path ./.git -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -type f -not -path '*/target/*' -print)

.PHONY: run check test build format services services-stop clean chaos mutation bench image \
	image-check compose-check compose-run lint container-check k8s-check

run: $(JAR)
	java -jar $(JAR) server config.yml

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -B -q -DskipTests install

# Surefire only, up to the test phase: the tests that need a service (@RequiresService, tagged
# "integration") are failsafe's, in the integration-test phase, and no jar is packed.
check:
	$(MVN) -B spotless:check test
	scripts/lint.sh

test:
	scripts/test.sh

chaos: $(JAR)
	scripts/chaos.sh

mutation:
	scripts/mutation.sh

format:
	$(MVN) -B -q spotless:apply

services:
	scripts/services.sh start

bench: $(JAR)
	scripts/bench/bench.py

services-stop:
	scripts/services.sh stop

clean:
	$(MVN) -B -q clean

image:
	scripts/container/image.sh

image-check:
	scripts/container/smoke.sh

compose-check:
	scripts/container/compose-check.sh

compose-run:
	scripts/container/stand-ins.sh
	scripts/container/compose-run.sh

lint:
	scripts/container/lint.sh

container-check:
	scripts/container/check.sh

k8s-check:
	scripts/k8s/check.sh
