# syntax=docker/dockerfile:1
# The temperature API as a container image. Two ways to build it (docs/deployment.md):
#   docker build -t temperature-api .                      Maven builds the jar inside (default)
#   docker build --target prebuilt -t temperature-api .     packs bootstrap/target/temperature-api.jar
#                                                           built (and tested) beforehand, as CI does
# Settings come from the environment: the shipped configs read ${VAR:-default}. Pick a storage by
# the command, e.g. `server /app/config-timescale.yml`.

ARG JRE_IMAGE=eclipse-temurin:17-jre
ARG JDK_IMAGE=eclipse-temurin:17-jdk

FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY . .
# Tests need the databases: CI runs them (make test) before building the image.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
 && cp bootstrap/target/temperature-api.jar /temperature-api.jar

FROM ${JRE_IMAGE} AS runtime
# A fixed, unprivileged id, so that Kubernetes' runAsNonRoot can check it and volume permissions
# can be set by number. 10001 stays clear of the ubuntu user (1000) in Temurin's image.
RUN groupadd --system --gid 10001 temperature \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin temperature \
 && mkdir -p /app /data \
 && chown 10001:10001 /data
WORKDIR /app
COPY config*.yml /app/
# The admin port listens on every interface of the container so that probes and scrapers reach
# it; all of it but the probes and /metrics answers loopback callers only, and Compose publishes
# it on the host's loopback only. The heap follows the container's memory limit.
ENV PORT=5000 \
    ADMIN_PORT=5001 \
    ADMIN_HOST=0.0.0.0 \
    SQLITE_PATH=/data/temperature.db \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
EXPOSE 5000 5001
USER 10001:10001
# Liveness, not readiness: a database outage must not get the container restarted. A shell reads
# ADMIN_PORT; exec hands the process over to curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["sh", "-c", "exec curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:${ADMIN_PORT}/health/live"]
# Exec form: java is PID 1 and gets SIGTERM itself, so Dropwizard drains requests and closes the
# store before the container stops.
ENTRYPOINT ["java", "-jar", "/app/temperature-api.jar"]
CMD ["server", "/app/config.yml"]

# Packs a jar built outside (CI's tested jar, or this machine without a registry to pull Maven's
# base from).
FROM runtime AS prebuilt
COPY bootstrap/target/temperature-api.jar /app/temperature-api.jar

# The default target: the jar built above, so `docker compose up --build` needs only Docker.
FROM runtime AS image
COPY --from=build /temperature-api.jar /app/temperature-api.jar
