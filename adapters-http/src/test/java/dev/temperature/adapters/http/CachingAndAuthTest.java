package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.auth.AccessPolicy.Requirement;
import dev.temperature.adapters.http.auth.ApiToken;
import dev.temperature.adapters.http.auth.TokenHash;
import dev.temperature.application.port.out.InMemoryReadingStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tokens, roles and conditional GETs, with both operation classes requiring a token. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CachingAndAuthTest {
  static final String WRITER = "writer-secret-token";
  static final String READER = "reader-secret-token";
  static final InMemoryReadingStore STORE = new InMemoryReadingStore();
  static final ResourceExtension API =
      TestApi.builder(
              STORE,
              new AccessPolicy(
                  Requirement.REQUIRED,
                  Requirement.REQUIRED,
                  List.of(
                      new ApiToken("gateway", TokenHash.hex(WRITER), Set.of("writer")),
                      new ApiToken("dashboard", TokenHash.hex(READER), Set.of("reader")))),
              Duration.ofSeconds(7))
          .build();
  static final String ROOM = "/api/v1/buildings/b/rooms/r/temperatures";
  static final String BODY = "{\"temperature\": 21.5, \"recorded_at\": \"2024-12-10T16:59:00Z\"}";

  @Test
  void aWriteWithoutATokenIs401WithAChallenge() {
    Response response = API.target(ROOM).request().post(Entity.json(BODY));

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getHeaderString("WWW-Authenticate")).startsWith("Bearer realm=");
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
  }

  @Test
  void aWrongTokenIs401() {
    Response response =
        API.target(ROOM)
            .request()
            .header("Authorization", "Bearer guessed")
            .post(Entity.json(BODY));

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.readEntity(String.class)).doesNotContain("guessed");
  }

  @Test
  void aReaderTokenCannotWrite() {
    Response response =
        API.target(ROOM)
            .request()
            .header("Authorization", "Bearer " + READER)
            .post(Entity.json(BODY));

    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(Http.json(response).get("detail").asText())
        .contains("dashboard")
        .contains("writer")
        .doesNotContain(READER);
  }

  @Test
  void aWriterTokenWritesAndAReaderTokenReads() {
    Response write =
        API.target(ROOM)
            .request()
            .header("Authorization", "Bearer " + WRITER)
            .post(Entity.json(BODY));
    assertThat(write.getStatus()).isEqualTo(201);

    Response read =
        API.target(ROOM + "/stats")
            .queryParam("duration", "1h")
            .request()
            .header("Authorization", "Bearer " + READER)
            .get();
    assertThat(read.getStatus()).isEqualTo(200);
    assertThat(API.target(ROOM + "/stats").queryParam("duration", "1h").request().get().getStatus())
        .isEqualTo(401);
  }

  @Test
  void aTokenInTheUrlIsRefusedEvenIfValid() {
    Response response =
        API.target(ROOM + "/stats")
            .queryParam("duration", "1h")
            .queryParam("access_token", READER)
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.readEntity(String.class)).contains("Authorization").doesNotContain(READER);
  }

  @Test
  void readsCarryAStrongETagAndAnswerIfNoneMatchWith304() {
    Response first =
        API.target(ROOM + "/stats")
            .queryParam("from", "2024-12-10T16:00:00Z")
            .queryParam("to", "2024-12-10T17:00:00Z")
            .request()
            .header("Authorization", "Bearer " + READER)
            .get();
    String etag = first.getHeaderString("ETag");
    assertThat(first.getStatus()).isEqualTo(200);
    assertThat(etag).startsWith("\"").doesNotStartWith("W/");
    assertThat(first.getHeaderString("Cache-Control")).isEqualTo("private, max-age=7");
    assertThat(first.getHeaderString("Vary")).contains("Authorization");
    first.readEntity(String.class);

    Response again =
        API.target(ROOM + "/stats")
            .queryParam("from", "2024-12-10T16:00:00Z")
            .queryParam("to", "2024-12-10T17:00:00Z")
            .request()
            .header("Authorization", "Bearer " + READER)
            .header("If-None-Match", etag)
            .get();
    assertThat(again.getStatus()).isEqualTo(304);
    assertThat(again.readEntity(String.class)).isEmpty();
    assertThat(again.getHeaderString("ETag")).isEqualTo(etag);

    Response other =
        API.target(ROOM + "/stats")
            .queryParam("from", "2024-12-10T16:00:00Z")
            .queryParam("to", "2024-12-10T17:00:00Z")
            .request()
            .header("Authorization", "Bearer " + READER)
            .header("If-None-Match", "\"something-else\"")
            .get();
    assertThat(other.getStatus()).isEqualTo(200);
  }

  @Test
  void theETagChangesWhenTheAnswerDoes() {
    String before = statsTag("2024-12-10T10:00:00Z", "2024-12-10T11:00:00Z");
    API.target(ROOM)
        .request()
        .header("Authorization", "Bearer " + WRITER)
        .post(Entity.json("{\"temperature\": 19, \"recorded_at\": \"2024-12-10T10:30:00Z\"}"));

    assertThat(statsTag("2024-12-10T10:00:00Z", "2024-12-10T11:00:00Z")).isNotEqualTo(before);
  }

  private static String statsTag(String from, String to) {
    Response response =
        API.target(ROOM + "/stats")
            .queryParam("from", from)
            .queryParam("to", to)
            .request()
            .header("Authorization", "Bearer " + READER)
            .get();
    response.readEntity(String.class);
    return response.getHeaderString("ETag");
  }
}
