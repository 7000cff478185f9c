package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Liveness and readiness on the admin port, against the real PostgreSQL and InfluxDB of {@code make
 * services} taken away through a {@link Tunnel}: readiness follows the database within 2 s and
 * recovers by itself; liveness never asks it.
 */
class ProbesTest {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path directory;

  @Test
  void bothProbesAnswerOnTheAdminPortAndReadinessNamesTheStore() throws Exception {
    try (RunningApi api = new RunningApi(directory.resolve("probes.db"))) {
      HttpResponse<String> live = api.admin("/health/live");
      HttpResponse<String> ready = api.admin("/health/ready");

      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(RunningApi.json(live).path("status").asText()).isEqualTo("alive");
      assertThat(live.body()).doesNotContain("sqlite");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(RunningApi.json(ready).path("checks").path("sqlite").path("healthy").asBoolean())
          .isTrue();
      assertThat(ready.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"timescale", "influx"})
  @RequiresService({Service.POSTGRES, Service.INFLUXDB})
  void readinessFollowsAStoppedDatabaseWithinTwoSecondsAndLivenessDoesNot(String storage)
      throws Exception {
    String variable = storage.equals("timescale") ? "POSTGRES_URL" : "INFLUX_URL";
    URI database = URI.create(System.getenv(variable).replaceFirst("^jdbc:", ""));
    try (Tunnel tunnel = new Tunnel(database.getHost(), database.getPort());
        RunningApi api =
            new RunningApi(
                ConfigurationTest.repositoryRoot().resolve("config-" + storage + ".yml").toString(),
                storage.equals("timescale")
                    ? ConfigOverride.config(
                        "storage.database.url",
                        "jdbc:postgresql://127.0.0.1:" + tunnel.port() + database.getPath())
                    : ConfigOverride.config("storage.url", "http://127.0.0.1:" + tunnel.port()))) {
      assertThat(probe(api, "/health/ready").statusCode()).isEqualTo(200);

      tunnel.stop();
      assertThat(secondsUntil(api, 503)).isLessThan(2.0);
      assertThat(probe(api, "/health/live").statusCode()).isEqualTo(200);
      assertThat(
              RunningApi.json(probe(api, "/health/ready"))
                  .path("checks")
                  .path(storage)
                  .path("healthy")
                  .asBoolean())
          .isFalse();

      tunnel.start();
      assertThat(secondsUntil(api, 200)).isLessThan(10.0);

      // A host that accepts but never answers: the database's own timeouts are 5 to 30 s.
      tunnel.freeze();
      assertThat(secondsUntil(api, 503)).isLessThan(2.0);
      assertThat(probe(api, "/health/live").statusCode()).isEqualTo(200);
      tunnel.thaw();
      assertThat(secondsUntil(api, 200)).isLessThan(10.0);
    }
  }

  /**
   * With a read database, readiness counts its check too: without it every query is a 503. Writes
   * go on meanwhile, to the primary.
   */
  @Test
  @RequiresService({Service.POSTGRES, Service.POSTGRES_REPLICA})
  void readinessCountsTheReadDatabaseWhoseLossFailsQueriesButNotWrites() throws Exception {
    URI replica = URI.create(System.getenv("POSTGRES_REPLICA_URL").replaceFirst("^jdbc:", ""));
    String room = "/api/v1/buildings/probes/rooms/replica-" + System.nanoTime() + "/temperatures";
    try (Tunnel tunnel = new Tunnel(replica.getHost(), replica.getPort());
        RunningApi api =
            new RunningApi(
                ConfigurationTest.repositoryRoot().resolve("config-timescale.yml").toString(),
                ConfigOverride.config(
                    "storage.readDatabase.url",
                    "jdbc:postgresql://127.0.0.1:" + tunnel.port() + replica.getPath()))) {
      assertThat(probe(api, "/health/ready").statusCode()).isEqualTo(200);

      tunnel.stop();
      assertThat(secondsUntil(api, 503)).isLessThan(2.0);
      var checks = RunningApi.json(probe(api, "/health/ready")).path("checks");
      assertThat(checks.path("timescale-read").path("healthy").asBoolean()).isFalse();
      assertThat(checks.path("timescale").path("healthy").asBoolean()).isTrue();
      assertThat(probe(api, "/health/live").statusCode()).isEqualTo(200);
      assertThat(api.post(room, "{\"temperature\": 20.5}").statusCode()).isEqualTo(201);
      assertThat(api.get(room + "/average?duration=15m").statusCode()).isEqualTo(503);

      tunnel.start();
      assertThat(secondsUntil(api, 200)).isLessThan(10.0);
      assertThat(api.get(room + "/average?duration=15m").statusCode()).isEqualTo(200);
    }
  }

  @Test
  @RequiresService({Service.POSTGRES, Service.POSTGRES_REPLICA})
  void aReadDatabaseThatIsDownAtStartUpDoesNotStopTheServiceFromStarting() throws Exception {
    URI replica = URI.create(System.getenv("POSTGRES_REPLICA_URL").replaceFirst("^jdbc:", ""));
    try (Tunnel tunnel = new Tunnel(replica.getHost(), replica.getPort())) {
      tunnel.stop();
      try (RunningApi api =
          new RunningApi(
              ConfigurationTest.repositoryRoot().resolve("config-timescale.yml").toString(),
              ConfigOverride.config(
                  "storage.readDatabase.url",
                  "jdbc:postgresql://127.0.0.1:" + tunnel.port() + replica.getPath()))) {
        assertThat(secondsUntil(api, 503)).isLessThan(2.0);
        assertThat(
                RunningApi.json(probe(api, "/health/ready"))
                    .path("checks")
                    .path("timescale-read")
                    .path("healthy")
                    .asBoolean())
            .isFalse();

        tunnel.start();
        assertThat(secondsUntil(api, 200)).isLessThan(10.0);
      }
    }
  }

  /** Polls readiness until it answers {@code status}; every answer must come within 2 s. */
  private static double secondsUntil(RunningApi api, int status) throws Exception {
    long start = System.nanoTime();
    while (true) {
      HttpResponse<String> answer = probe(api, "/health/ready");
      if (answer.statusCode() == status) {
        return (System.nanoTime() - start) / 1e9;
      }
      assertThat((System.nanoTime() - start) / 1e9)
          .as("readiness never answered %d; last: %s", status, answer.body())
          .isLessThan(30.0);
      Thread.sleep(100);
    }
  }

  private static HttpResponse<String> probe(RunningApi api, String path) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> answer = api.admin(path);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("%s answered after the probe's timeout", path)
        .isLessThan(PROBE_TIMEOUT);
    return answer;
  }
}
