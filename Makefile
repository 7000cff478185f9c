# Thin task runner; the real work is in Maven and in scripts/.
#   make run            build if needed, start the API on the embedded SQLite store (config.yml)
#   make test           provision the test databases, then run every test (what CI runs)
#   make chaos          the fault-injection suite on every storage (scripts/chaos.sh), after make build
#   make services       start PostgreSQL+TimescaleDB and InfluxDB for local work; writes .services.env
#   make services-stop  stop them
#   make format         apply the code format (checked by the build)

MVN ?= ./mvnw
JAR := bootstrap/target/temperature-api.jar
SOURCES := $(shell find . -path ./.git -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -type f -not -path '*/target/*' -print)

.PHONY: run test build format services services-stop clean chaos

run: $(JAR)
	java -jar $(JAR) server config.yml

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -B -q -DskipTests install

test:
	scripts/test.sh

chaos: $(JAR)
	scripts/chaos.sh

format:
	$(MVN) -B -q spotless:apply

services:
	scripts/services.sh start

services-stop:
	scripts/services.sh stop

clean:
	$(MVN) -B -q clean
