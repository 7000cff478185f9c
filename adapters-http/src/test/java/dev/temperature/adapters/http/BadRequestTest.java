package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.application.port.in.AverageTemperatureUseCase;
import dev.temperature.application.port.out.InMemoryReadingStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input gets a 4xx in problem+json that says what is wrong, never a 5xx. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BadRequestTest {
  static final String ROOM = "/api/v1/buildings/main/rooms/kitchen/temperatures";
  static final InMemoryReadingStore STORE = new InMemoryReadingStore();

  static final ResourceExtension API =
      TestApi.builder(
              STORE, dev.temperature.adapters.http.auth.AccessPolicy.OPEN, Duration.ofSeconds(5))
          .addResource(new Crashing())
          .build();

  /** A resource with a bug, to see what the client gets for an unexpected failure. */
  @jakarta.ws.rs.Path("/crash")
  public static final class Crashing {
    @jakarta.ws.rs.GET
    public String crash() {
      AverageTemperatureUseCase broken =
          query -> {
            throw new IllegalStateException("secret internal detail");
          };
      return broken.average(null).toString();
    }
  }

  private final ObjectMapper json = new ObjectMapper();

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("malformed JSON", "{\"temperature\": 10.5", "malformed-json", null),
        Arguments.of("not JSON at all", "temperature=10.5", "malformed-json", null),
        Arguments.of("NaN literal", "{\"temperature\": NaN}", "malformed-json", null),
        Arguments.of("an array", "[10.5]", "invalid-request", "body"),
        Arguments.of("a bare number", "10.5", "invalid-request", "body"),
        Arguments.of(
            "a string temperature",
            "{\"temperature\": \"10.5\"}",
            "invalid-request",
            "temperature"),
        Arguments.of(
            "the string NaN", "{\"temperature\": \"NaN\"}", "invalid-request", "temperature"),
        Arguments.of("a boolean", "{\"temperature\": true}", "invalid-request", "temperature"),
        Arguments.of(
            "an object", "{\"temperature\": {\"c\": 1}}", "invalid-request", "temperature"),
        Arguments.of(
            "missing temperature",
            "{\"recorded_at\": \"2024-12-10T16:45:00\"}",
            "invalid-request",
            "temperature"),
        Arguments.of(
            "null temperature", "{\"temperature\": null}", "invalid-request", "temperature"),
        Arguments.of("an empty object", "{}", "invalid-request", "temperature"),
        Arguments.of("infinite", "{\"temperature\": 1e400}", "invalid-request", "temperature"),
        Arguments.of(
            "below absolute zero", "{\"temperature\": -300}", "invalid-request", "temperature"),
        Arguments.of(
            "implausibly hot", "{\"temperature\": 150.5}", "invalid-request", "temperature"),
        Arguments.of(
            "a bad date",
            "{\"temperature\": 1, \"recorded_at\": \"10/12/2024\"}",
            "invalid-request",
            "recorded_at"),
        Arguments.of(
            "a date only",
            "{\"temperature\": 1, \"recorded_at\": \"2024-12-10\"}",
            "invalid-request",
            "recorded_at"),
        Arguments.of(
            "a numeric date",
            "{\"temperature\": 1, \"recorded_at\": 1733849100}",
            "invalid-request",
            "recorded_at"),
        Arguments.of(
            "the future",
            "{\"temperature\": 1, \"recorded_at\": \"2024-12-10T17:05:01Z\"}",
            "invalid-request",
            "recorded_at"),
        Arguments.of(
            "before 1900",
            "{\"temperature\": 1, \"recorded_at\": \"1899-12-31T23:59:59Z\"}",
            "invalid-request",
            "recorded_at"),
        Arguments.of(
            "an unknown field",
            "{\"temperature\": 1, \"recordedAt\": \"2024-12-10T16:45:00\"}",
            "invalid-request",
            "recordedAt"),
        Arguments.of(
            "a duplicate field",
            "{\"temperature\": 1, \"temperature\": 2}",
            "malformed-json",
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void badBodiesAre400(String why, String body, String type, String field) throws Exception {
    int before = STORE.size();
    Response response = post(ROOM, body);

    JsonNode problem = problem(response, 400);
    assertThat(problem.get("type").asText()).isEqualTo("urn:temperature-api:problem:" + type);
    if (field != null) {
      assertThat(fields(problem)).contains(field);
    }
    assertThat(STORE.size()).as("nothing stored").isEqualTo(before);
  }

  @Test
  void anEmptyBodyIs400() throws Exception {
    Response response = API.target(ROOM).request().post(Entity.json(""));
    JsonNode problem = problem(response, 400);
    assertThat(fields(problem)).contains("body");
  }

  @Test
  void everyBadFieldIsListedAtOnce() throws Exception {
    Response response =
        post(
            "/api/v1/buildings/-bad/rooms/has%20space/temperatures",
            "{\"temperature\": \"hot\", \"recorded_at\": \"yesterday\"}");

    JsonNode problem = problem(response, 400);
    assertThat(fields(problem))
        .containsExactly("buildingId", "roomId", "temperature", "recorded_at");
    assertThat(problem.get("errors").get(0).get("in").asText()).isEqualTo("path");
    assertThat(problem.get("errors").get(2).get("in").asText()).isEqualTo("body");
  }

  @ParameterizedTest(name = "id {0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "_x",
        "a%20b",
        "caf%C3%A9",
        "x%27%3B%20DROP",
        "a$b",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void badIdsAre400(String id) throws Exception {
    JsonNode problem =
        problem(
            API.target("/api/v1/buildings/" + id + "/rooms/r/temperatures/average")
                .queryParam("duration", "15m")
                .request()
                .get(),
            400);
    assertThat(fields(problem)).containsExactly("buildingId");
    problem =
        problem(
            post("/api/v1/buildings/b/rooms/" + id + "/temperatures", "{\"temperature\": 1}"), 400);
    assertThat(fields(problem)).containsExactly("roomId");
  }

  @ParameterizedTest(name = "duration={0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"", "15", "15x", "15M", "0m", "-5m", "P1M", "367d", "abc"})
  void badDurationsAre400(String duration) throws Exception {
    JsonNode problem =
        problem(
            API.target(ROOM + "/average").queryParam("duration", duration).request().get(), 400);
    assertThat(fields(problem)).containsExactly("duration");
  }

  @Test
  void aMissingDurationIs400() throws Exception {
    JsonNode problem = problem(API.target(ROOM + "/average").request().get(), 400);
    assertThat(problem.get("detail").asText()).contains("duration is required");
  }

  @Test
  void aWrongContentTypeIs415() throws Exception {
    Response response =
        API.target(ROOM)
            .request()
            .post(Entity.entity("temperature=1", MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    assertThat(problem(response, 415).get("detail").asText())
        .contains("Content-Type: application/json");
  }

  @Test
  void anUnknownPathIs404() throws Exception {
    JsonNode problem = problem(API.target("/api/v1/nothing/here").request().get(), 404);
    assertThat(problem.get("detail").asText()).contains("/api/v1/nothing/here").contains("/docs");
  }

  @Test
  void aWrongMethodIs405WithAllow() throws Exception {
    Response response = API.target(ROOM).request().delete();
    assertThat(response.getHeaderString("Allow")).contains("POST");
    assertThat(problem(response, 405).get("detail").asText()).contains("DELETE").contains("POST");
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    String padding = " ".repeat(2000);
    JsonNode problem = problem(post(ROOM, "{\"temperature\": 1" + padding + "}"), 413);
    assertThat(problem.get("detail").asText()).contains("1024 bytes");
  }

  @Test
  void anUnexpectedFailureIs500WithoutInternals() throws Exception {
    Response response = API.target("/crash").request().get();
    String body = response.readEntity(String.class);
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(body).contains("reference").doesNotContain("secret").doesNotContain("Exception");
  }

  private JsonNode problem(Response response, int status) throws Exception {
    String body = response.readEntity(String.class);
    assertThat(response.getStatus()).as(body).isEqualTo(status);
    assertThat(response.getMediaType()).as(body).isNotNull();
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    JsonNode problem = json.readTree(body);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("type").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(body).doesNotContain("dev.temperature").doesNotContain("at java.");
    return problem;
  }

  private static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(error -> fields.add(error.get("field").asText()));
    return fields;
  }

  private static Response post(String path, String body) {
    return API.target(path).request().post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
  }
}
