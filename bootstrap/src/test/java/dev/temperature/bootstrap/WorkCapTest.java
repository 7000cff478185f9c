package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work one GET may ask of the database is capped, without refusing a question the API document
 * allows: an overview over a long period holds fewer rooms a page (queries.maxOverviewRoomDays), a
 * series over many buckets comes a page of buckets at a time (queries.maxBuckets), and the rest
 * follows through {@code next}. The dashboard's own requests stay whole pages.
 */
class WorkCapTest {
  @TempDir static Path directory;
  private static RunningApi api;

  @BeforeAll
  static void start() throws Exception {
    api = new RunningApi(directory.resolve("caps.db"));
    String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).toString();
    for (int room = 1; room <= 5; room++) {
      assertThat(
              api.post(
                      "/api/v1/buildings/caps/rooms/r" + room + "/temperatures",
                      "{\"temperature\": 20.5, \"recorded_at\": \"" + at + "\"}")
                  .statusCode())
          .isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void anOverviewOverALongPeriodHoldsFewerRoomsAPageAndTheRestFollow() throws Exception {
    // 366 days at 1000 room-days: two rooms a page, whatever limit asks.
    List<String> rooms = new ArrayList<>();
    String path = "/api/v1/buildings/caps/overview?duration=366d&limit=1000";
    int pages = 0;
    while (path != null) {
      HttpResponse<String> answer = api.get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      JsonNode page = RunningApi.json(answer);
      assertThat(page.path("rooms").size()).isBetween(1, 2);
      page.path("rooms").forEach(room -> rooms.add(room.path("room_id").asText()));
      path = page.path("next").isTextual() ? page.path("next").asText() : null;
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(rooms).containsExactly("r1", "r2", "r3", "r4", "r5");
  }

  @Test
  void aShortPeriodKeepsTheWholePageAsked() throws Exception {
    JsonNode page =
        RunningApi.json(api.get("/api/v1/buildings/caps/overview?duration=1d&limit=1000"));

    assertThat(page.path("rooms").size()).isEqualTo(5);
    assertThat(page.path("next").isTextual()).isFalse();
  }

  @Test
  void aSeriesOfMoreBucketsThanAllowedComesAPageAtATime() throws Exception {
    // 7 days in minutes: 10,081 buckets, 2000 a page at the default.
    HttpResponse<String> answer =
        api.get("/api/v1/buildings/caps/rooms/r1/temperatures/series?duration=7d&interval=1m");

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode page = RunningApi.json(answer);
    assertThat(page.path("buckets").size()).isEqualTo(2000);
    assertThat(page.path("next").asText()).contains("from=").contains("interval=1m");
    assertThat(answer.headers().firstValue("Link")).isPresent();
  }

  @Test
  void theDashboardsRequestsAndTheDocumentedExamplesAreWholePages() throws Exception {
    for (String path :
        new String[] {
          "/api/v1/buildings/caps/overview?duration=15m&limit=100",
          "/api/v1/buildings/caps/overview?duration=15m&limit=1000",
          "/api/v1/buildings/caps/overview?duration=10d&limit=100",
          "/api/v1/buildings/caps/rooms/r1/temperatures/series?duration=24h&interval=1h",
          "/api/v1/buildings/caps/rooms/r1/temperatures/series?duration=1h&interval=1m",
          "/api/v1/buildings/caps/rooms/r1/temperatures/series?duration=24h&interval=15m",
          "/api/v1/buildings/caps/rooms/r1/temperatures/series?duration=7d&interval=1h"
        }) {
      HttpResponse<String> answer = api.get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
      assertThat(RunningApi.json(answer).path("next").isTextual()).as(path).isFalse();
    }
  }
}
