package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work one GET may ask of the database is capped, and a request past a cap is a 400 in
 * problem+json that names the figure, the limit and the configuration key, pointing at the
 * parameter to change; the dashboard's own requests stay within the defaults.
 */
class WorkCapTest {
  @TempDir static Path directory;
  private static RunningApi api;

  @BeforeAll
  static void start() throws Exception {
    api = new RunningApi(directory.resolve("caps.db"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void anOverviewOfMoreRoomDaysThanAllowedIsA400NamingTheKey() throws Exception {
    HttpResponse<String> answer =
        api.get("/api/v1/buildings/main/overview?duration=366d&limit=1000");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode field = RunningApi.json(answer).path("errors").path(0);
    assertThat(field.path("field").asText()).isEqualTo("duration");
    assertThat(field.path("message").asText())
        .contains("366000 room-days")
        .contains("at most 1000")
        .contains("queries.maxOverviewRoomDays");
  }

  @Test
  void anOverviewWindowPastTheCapPointsAtFrom() throws Exception {
    HttpResponse<String> answer =
        api.get(
            "/api/v1/buildings/main/overview?from=2024-01-01T00:00:00Z&to=2024-03-01T00:00:00Z"
                + "&limit=100");

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode field = RunningApi.json(answer).path("errors").path(0);
    assertThat(field.path("field").asText()).isEqualTo("from");
    assertThat(field.path("message").asText()).contains("6000 room-days");
  }

  @Test
  void aSeriesOfMoreBucketsThanAllowedIsA400NamingTheKey() throws Exception {
    HttpResponse<String> answer =
        api.get("/api/v1/buildings/main/rooms/kitchen/temperatures/series?duration=7d&interval=1m");

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode field = RunningApi.json(answer).path("errors").path(0);
    assertThat(field.path("field").asText()).isEqualTo("interval");
    assertThat(field.path("message").asText())
        .contains("10081 buckets")
        .contains("queries.maxBuckets");
  }

  @Test
  void theDashboardsRequestsAndTheDocumentedExamplesAreWithinTheCaps() throws Exception {
    for (String path :
        new String[] {
          "/api/v1/buildings/main/overview?duration=15m&limit=100",
          "/api/v1/buildings/main/overview?duration=15m&limit=1000",
          "/api/v1/buildings/main/overview?duration=10d&limit=100",
          "/api/v1/buildings/main/overview?duration=15m&limit=50",
          "/api/v1/buildings/main/rooms/kitchen/temperatures/series?duration=24h&interval=1h",
          "/api/v1/buildings/main/rooms/kitchen/temperatures/series?duration=1h&interval=1m",
          "/api/v1/buildings/main/rooms/kitchen/temperatures/series?duration=24h&interval=15m",
          "/api/v1/buildings/main/rooms/kitchen/temperatures/series?duration=7d&interval=1h"
        }) {
      assertThat(api.get(path).statusCode()).as(path).isEqualTo(200);
    }
  }
}
