package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.application.port.out.InMemoryReadingStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/v1/readings}: all or nothing, every bad item named. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BatchTest {
  static final InMemoryReadingStore STORE = new InMemoryReadingStore();
  static final ResourceExtension API = TestApi.open(STORE);

  @AfterEach
  void storeIsUp() {
    STORE.failWith(false);
  }

  @Test
  void aValidBatchIsStoredAndCounted() {
    int before = STORE.size();
    Response response =
        post(
            "[{\"building_id\":\"b\",\"room_id\":\"r1\",\"temperature\":20.5,\"recorded_at\":\"2024-12-10T16:00:00Z\"},"
                + "{\"building_id\":\"b\",\"room_id\":\"r2\",\"temperature\":21}]");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(Http.json(response).get("stored").asInt()).isEqualTo(2);
    assertThat(STORE.size()).isEqualTo(before + 2);
  }

  @Test
  void oneBadItemStoresNothingAndEveryBadFieldIsNamedByPosition() {
    int before = STORE.size();
    Response response =
        post(
            "[{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":20},"
                + "{\"building_id\":\"-x\",\"room_id\":\"r\",\"temperature\":\"warm\"},"
                + "{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":20,\"extra\":1},"
                + "{\"building_id\":\"b\",\"temperature\":20}]");

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(fields(Http.json(response)))
        .containsExactly("[1].building_id", "[1].temperature", "[2].extra", "[3].room_id");
    assertThat(STORE.size()).isEqualTo(before);
  }

  @Test
  void rulesCheckedByTheServiceAreNamedByPositionToo() {
    int before = STORE.size();
    Response response =
        post(
            "[{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":20},"
                + "{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":500},"
                + "{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":20,\"recorded_at\":\"2030-01-01T00:00:00Z\"}]");

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(fields(Http.json(response))).containsExactly("[1].temperature", "[2].recorded_at");
    assertThat(STORE.size()).isEqualTo(before);
  }

  @Test
  void moreThanTheMaximumIsRefusedWhole() {
    List<String> items = new ArrayList<>();
    for (int i = 0; i <= TestApi.MAX_BATCH; i++) {
      items.add("{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":" + i + "}");
    }
    Response response = post("[" + String.join(",", items) + "]");

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(Http.json(response).get("detail").asText()).contains("at most " + TestApi.MAX_BATCH);
  }

  @Test
  void theOneReadingTooManyIsRefusedBeforeTheRestOfTheBodyIsRead() {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < TestApi.MAX_BATCH; i++) {
      items.add("{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":" + i + "}");
    }
    // Read whole, the cut-off end would make this malformed JSON; read as a stream, it is never
    // reached.
    Response response = post("[" + String.join(",", items) + ", {\"building_id\": \"b\", ");

    assertThat(response.getStatus()).isEqualTo(400);
    JsonNode problem = Http.json(response);
    assertThat(problem.get("type").asText())
        .isEqualTo("urn:temperature-api:problem:invalid-request");
    assertThat(problem.get("detail").asText()).contains("at most " + TestApi.MAX_BATCH);
  }

  @Test
  void anythingAfterTheArrayIsRefused() {
    Response response = post("[{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":20}] []");

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(fields(Http.json(response))).containsExactly("body");
  }

  @Test
  void aFieldGivenTwiceInAnItemIsMalformed() {
    Response response =
        post("[{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":20,\"temperature\":21}]");

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(Http.json(response).get("type").asText())
        .isEqualTo("urn:temperature-api:problem:malformed-json");
  }

  @Test
  void anObjectInsteadOfAnArrayIsRefused() {
    Response response = post("{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":20}");

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(fields(Http.json(response))).containsExactly("body");
  }

  @Test
  void aStoreThatIsDownIs503AndNothingIsAcknowledged() {
    int before = STORE.size();
    STORE.failWith(true);
    Response response = post("[{\"building_id\":\"b\",\"room_id\":\"r\",\"temperature\":20}]");

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    JsonNode problem = Http.json(response);
    assertThat(problem.get("type").asText())
        .isEqualTo("urn:temperature-api:problem:storage-unavailable");
    assertThat(problem.has("stored")).as("no count of stored readings").isFalse();
    STORE.failWith(false);
    assertThat(STORE.size()).isEqualTo(before);
  }

  private static Response post(String body) {
    return API.target("/api/v1/readings").request().post(Entity.json(body));
  }

  private static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
    return fields;
  }
}
