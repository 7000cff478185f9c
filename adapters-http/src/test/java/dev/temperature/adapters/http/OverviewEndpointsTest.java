package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.codec.Cursor;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A room's latest reading and a building's overview, over HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OverviewEndpointsTest {
  static final InMemoryReadingStore STORE = new InMemoryReadingStore();
  static final ResourceExtension API = TestApi.open(STORE);
  static final Instant NOW = TestApi.NOW;

  @BeforeAll
  static void readings() {
    List<Reading> readings = new ArrayList<>();
    // hq/lab: 20, 22 and 24 in the last 15 minutes, 10 an hour ago.
    readings.add(reading("hq", "lab", 10, NOW.minusSeconds(3600)));
    readings.add(reading("hq", "lab", 20, NOW.minusSeconds(600)));
    readings.add(reading("hq", "lab", 22, NOW.minusSeconds(300)));
    readings.add(reading("hq", "lab", 24.5, NOW.minusSeconds(60)));
    // hq/attic reported last two hours ago: stale.
    readings.add(reading("hq", "attic", 12, NOW.minusSeconds(7200)));
    for (int i = 0; i < 5; i++) {
      readings.add(reading("campus", "room-" + i, 20 + i, NOW.minusSeconds(30)));
    }
    STORE.append(readings);
  }

  @Test
  void theLatestReadingIsTheRoomsNewest() {
    JsonNode latest = get("/api/v1/buildings/hq/rooms/lab/temperatures/latest");

    assertThat(latest.get("building_id").asText()).isEqualTo("hq");
    assertThat(latest.get("room_id").asText()).isEqualTo("lab");
    assertThat(latest.get("temperature").asDouble()).isEqualTo(24.5);
    assertThat(latest.get("recorded_at").asText()).isEqualTo("2024-12-10T16:59:00Z");
  }

  @Test
  void aRoomWithoutReadingsHasNoLatestReading() {
    Response response =
        API.target("/api/v1/buildings/hq/rooms/cellar/temperatures/latest").request().get();

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(Http.json(response).get("detail").asText())
        .isEqualTo("room 'cellar' of building 'hq' has no readings yet");
  }

  @Test
  void theLatestReadingChecksBothIds() {
    Response response =
        API.target("/api/v1/buildings/-hq/rooms/la b/temperatures/latest").request().get();

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(Http.json(response).get("errors"))
        .extracting(error -> error.get("field").asText())
        .containsExactly("buildingId", "roomId");
  }

  @Test
  void theOverviewGivesEachRoomItsLatestReadingAndItsAverageOverTheLastFifteenMinutes() {
    JsonNode overview = get("/api/v1/buildings/hq/overview");

    assertThat(overview.get("building_id").asText()).isEqualTo("hq");
    assertThat(overview.get("duration").asText()).isEqualTo("15m");
    assertThat(overview.get("from").asText()).isEqualTo("2024-12-10T16:45:00Z");
    assertThat(overview.get("to").asText()).isEqualTo("2024-12-10T17:00:00Z");
    assertThat(overview.get("next").isNull()).isTrue();
    JsonNode rooms = overview.get("rooms");
    assertThat(rooms)
        .extracting(room -> room.get("room_id").asText())
        .containsExactly("attic", "lab");
    JsonNode attic = rooms.get(0);
    assertThat(attic.get("latest").get("temperature").asDouble()).isEqualTo(12.0);
    assertThat(attic.get("latest").get("recorded_at").asText()).isEqualTo("2024-12-10T15:00:00Z");
    assertThat(attic.get("average").isNull()).isTrue();
    assertThat(attic.get("count").asLong()).isZero();
    JsonNode lab = rooms.get(1);
    assertThat(lab.get("latest").get("temperature").asDouble()).isEqualTo(24.5);
    assertThat(lab.get("average").asDouble()).isEqualTo(22.167);
    assertThat(lab.get("count").asLong()).isEqualTo(3);
  }

  @Test
  void theOverviewTakesADurationOrAWindow() {
    assertThat(
            get("/api/v1/buildings/hq/overview?duration=2h")
                .get("rooms")
                .get(1)
                .get("count")
                .asLong())
        .isEqualTo(4);
    JsonNode window =
        get("/api/v1/buildings/hq/overview?from=2024-12-10T14:59:00Z&to=2024-12-10T15:01:00Z");
    assertThat(window.get("duration").isNull()).isTrue();
    assertThat(window.get("rooms").get(0).get("average").asDouble()).isEqualTo(12.0);
  }

  @Test
  void theOverviewPagesWithANextLinkThatKeepsItsWindow() {
    List<String> seen = new ArrayList<>();
    String next = "/api/v1/buildings/campus/overview?limit=2";
    int pages = 0;
    while (next != null) {
      Response response = target(next).request().get();
      assertThat(response.getStatus()).isEqualTo(200);
      JsonNode page = Http.json(response);
      page.get("rooms").forEach(room -> seen.add(room.get("room_id").asText()));
      next = page.get("next").isNull() ? null : page.get("next").asText();
      if (next != null) {
        assertThat(response.getHeaderString("Link")).isEqualTo("<" + next + ">; rel=\"next\"");
        assertThat(URLDecoder.decode(next, StandardCharsets.UTF_8))
            .contains("limit=2")
            .contains("from=2024-12-10T16:45:00Z")
            .contains("to=2024-12-10T17:00:00Z");
      }
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("room-0", "room-1", "room-2", "room-3", "room-4");
  }

  @Test
  void badOverviewParametersAreNamed() {
    assertThat(fieldsOf("/api/v1/buildings/hq/overview?duration=15m&from=2024-12-10T16:00:00Z"))
        .containsExactly("duration");
    assertThat(fieldsOf("/api/v1/buildings/h%20q/overview?duration=fortnight&limit=0"))
        .containsExactly("buildingId", "duration", "limit");
    assertThat(fieldsOf("/api/v1/buildings/hq/overview?limit=51")).containsExactly("limit");
    assertThat(fieldsOf("/api/v1/buildings/hq/overview?cursor=nonsense")).containsExactly("cursor");
    // A listing's cursor is not an overview's.
    assertThat(fieldsOf("/api/v1/buildings/hq/overview?cursor=" + Cursor.encode(NOW)))
        .containsExactly("cursor");
    assertThat(fieldsOf("/api/v1/buildings/hq/overview?duration=400d")).containsExactly("duration");
  }

  @Test
  void bothAnswersAreCacheableLikeEveryGet() {
    for (String path :
        List.of(
            "/api/v1/buildings/hq/overview",
            "/api/v1/buildings/hq/rooms/lab/temperatures/latest")) {
      Response first = API.target(path).request().get();
      assertThat(first.getHeaderString("Cache-Control")).as(path).isEqualTo("max-age=5");
      String tag = first.getHeaderString("ETag");
      assertThat(tag).as(path).isNotBlank();
      Response again = API.target(path).request().header("If-None-Match", tag).get();
      assertThat(again.getStatus()).as(path).isEqualTo(304);
    }
  }

  private static List<String> fieldsOf(String pathAndQuery) {
    Response response = target(pathAndQuery).request().get();
    assertThat(response.getStatus()).as(pathAndQuery).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    Http.json(response).get("errors").forEach(error -> fields.add(error.get("field").asText()));
    return fields;
  }

  private static JsonNode get(String pathAndQuery) {
    return Http.ok(API, pathAndQuery);
  }

  private static WebTarget target(String pathAndQuery) {
    return Http.target(API, pathAndQuery);
  }

  private static Reading reading(String building, String room, double celsius, Instant at) {
    return new Reading(
        new BuildingId(building), new RoomId(room), Temperature.celsius(celsius), at);
  }
}
