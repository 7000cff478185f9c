package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.application.port.out.InMemoryReadingStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class RecordReadingTest {
  static final Instant NOW = Instant.parse("2024-12-10T17:00:00Z");
  static final String ROOM = "/api/v1/buildings/main/rooms/kitchen/temperatures";
  static final InMemoryReadingStore STORE = new InMemoryReadingStore();

  static final ResourceExtension API = TestApi.open(STORE);

  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void storeIsUp() {
    STORE.failWith(false);
    STORE.refuse(false);
    STORE.busy(false);
  }

  @Test
  void thePrototypesPostAnswers201WithTheStoredReadingInUtc() throws Exception {
    Response response =
        post(ROOM, "{\"temperature\": 10.5, \"recorded_at\": \"2024-12-10T16:45:00\"}");

    assertThat(response.getStatus()).isEqualTo(201);
    JsonNode body = json.readTree(response.readEntity(String.class));
    assertThat(body.get("building_id").asText()).isEqualTo("main");
    assertThat(body.get("room_id").asText()).isEqualTo("kitchen");
    assertThat(body.get("temperature").asDouble()).isEqualTo(10.5);
    assertThat(body.get("recorded_at").asText()).isEqualTo("2024-12-10T16:45:00Z");
  }

  @Test
  void anOffsetIsConvertedToUtcAndMillisecondsAreKept() throws Exception {
    Response response =
        post(
            "/api/v1/buildings/b-offset/rooms/r/temperatures",
            "{\"temperature\": 20, \"recorded_at\": \"2024-12-10T17:45:00.250+01:00\"}");

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(json.readTree(response.readEntity(String.class)).get("recorded_at").asText())
        .isEqualTo("2024-12-10T16:45:00.250Z");
  }

  @Test
  void aReadingWithoutTimeIsRecordedNow() throws Exception {
    Response response =
        post("/api/v1/buildings/b-now/rooms/r/temperatures", "{\"temperature\": 19}");

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(json.readTree(response.readEntity(String.class)).get("recorded_at").asText())
        .isEqualTo(NOW.toString());
  }

  @Test
  void theAverageCoversTheWindowAndTheLastWriteWins() throws Exception {
    String room = "/api/v1/buildings/b-avg/rooms/r.1/temperatures";
    post(room, "{\"temperature\": 30, \"recorded_at\": \"2024-12-10T16:50:00Z\"}");
    post(room, "{\"temperature\": 20, \"recorded_at\": \"2024-12-10T16:50:00Z\"}");
    post(room, "{\"temperature\": 23, \"recorded_at\": \"2024-12-10T16:59:00Z\"}");
    post(room, "{\"temperature\": 99, \"recorded_at\": \"2024-12-10T16:44:59.999Z\"}");

    Response response = API.target(room + "/average").queryParam("duration", "15m").request().get();

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode body = json.readTree(response.readEntity(String.class));
    assertThat(body.get("building_id").asText()).isEqualTo("b-avg");
    assertThat(body.get("room_id").asText()).isEqualTo("r.1");
    assertThat(body.get("duration").asText()).isEqualTo("15m");
    assertThat(body.get("from").asText()).isEqualTo("2024-12-10T16:45:00Z");
    assertThat(body.get("to").asText()).isEqualTo("2024-12-10T17:00:00Z");
    assertThat(body.get("average").asDouble()).isEqualTo(21.5);
    assertThat(body.get("count").asLong()).isEqualTo(2);
  }

  @Test
  void anEmptyWindowHasANullAverageAndCountZero() throws Exception {
    Response response =
        API.target("/api/v1/buildings/nobody/rooms/nowhere/temperatures/average")
            .queryParam("duration", "PT15M")
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode body = json.readTree(response.readEntity(String.class));
    assertThat(body.has("average")).isTrue();
    assertThat(body.get("average").isNull()).isTrue();
    assertThat(body.get("count").asLong()).isZero();
  }

  @Test
  void aStoreThatIsDownAnswers503WithRetryAfter() throws Exception {
    STORE.failWith(true);

    Response response = post(ROOM, "{\"temperature\": 10.5}");

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    JsonNode problem = json.readTree(response.readEntity(String.class));
    assertThat(problem.get("type").asText())
        .isEqualTo("urn:temperature-api:problem:storage-unavailable");
    // The write may have reached the database before the connection failed: no false promise.
    assertThat(problem.get("detail").asText())
        .contains("may or may not have been stored")
        .contains("recorded_at")
        .doesNotContain("nothing was stored");
  }

  @Test
  void aStoreThatIsDownWhileReadingAnswers503SayingNothingWasRead() throws Exception {
    STORE.failWith(true);

    Response response = API.target(ROOM + "/average").queryParam("duration", "15m").request().get();

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    JsonNode problem = json.readTree(response.readEntity(String.class));
    assertThat(problem.get("detail").asText())
        .contains("nothing was read")
        .doesNotContain("stored");
  }

  @Test
  void aFullWriteQueueAnswers503WithAShortRetryAfter() throws Exception {
    STORE.busy(true);

    Response response = post(ROOM, "{\"temperature\": 10.5}");

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    JsonNode problem = json.readTree(response.readEntity(String.class));
    assertThat(problem.get("title").asText()).isEqualTo("Storage busy");
    assertThat(problem.get("detail").asText()).contains("nothing of this request was stored");
  }

  @Test
  void aStoreThatRefusesAnswers500WithAReferenceAndNoInternals() throws Exception {
    STORE.refuse(true);

    Response response = post(ROOM, "{\"temperature\": 10.5}");

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getHeaderString("Retry-After")).isNull();
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    String body = response.readEntity(String.class);
    assertThat(json.readTree(body).get("detail").asText()).contains("quote reference");
    assertThat(body).doesNotContain("secret").doesNotContain("Exception");
  }

  private static Response post(String path, String body) {
    return API.target(path).request().post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
  }
}
