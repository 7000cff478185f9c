package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.auth.AccessPolicy.Requirement;
import dev.temperature.adapters.http.auth.ApiToken;
import dev.temperature.adapters.http.auth.TokenHash;
import dev.temperature.adapters.http.influxwrite.ReadingLayout;
import dev.temperature.application.port.out.InMemoryReadingStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/v2/write} and {@code /write} as InfluxDB's clients see them: 204 or InfluxDB's
 * JSON error, the status each client acts on, never a 5xx for bad or old data.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InfluxWriteTest {
  static final String WRITER = "writer-secret-token";
  static final String READER = "reader-secret-token";
  static final long NOW_S = TestApi.NOW.getEpochSecond();
  static final InMemoryReadingStore STORE = new InMemoryReadingStore();
  static final AtomicLongArray COUNTED = new AtomicLongArray(3);
  static final ResourceExtension API =
      TestApi.builder(
              TestApi.restApi(
                      STORE,
                      new AccessPolicy(
                          Requirement.REQUIRED,
                          Requirement.OFF,
                          List.of(
                              new ApiToken("gateway", TokenHash.hex(WRITER), Set.of("writer")),
                              new ApiToken("dashboard", TokenHash.hex(READER), Set.of("reader")))),
                      Duration.ofSeconds(5))
                  .withLineProtocol(
                      ReadingLayout.DEFAULT,
                      (stored, ignored, rejected) -> {
                        COUNTED.addAndGet(0, stored);
                        COUNTED.addAndGet(1, ignored);
                        COUNTED.addAndGet(2, rejected);
                      }))
          .build();
  static final String V2 = "/api/v2/write";

  @AfterEach
  void storeIsUp() {
    STORE.failWith(false);
    STORE.busy(false);
  }

  @Test
  void linesOfTheDefaultLayoutAreStoredAnd204IsTheAnswer() {
    String body =
        "temperature,building_id=v2,room_id=kitchen temperature=21.5 "
            + NOW_S
            + "\n"
            + "temperature,building_id=v2,room_id=lab,host=gw1 temperature=19i,battery=80i "
            + (NOW_S - 60)
            + "\n";

    Response response = write(V2 + "?org=any&bucket=any&precision=s", WRITER).post(text(body));

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(Http.ok(API, "/api/v1/buildings/v2/rooms").get("rooms").toString())
        .isEqualTo("[\"kitchen\",\"lab\"]");
    JsonNode latest = Http.ok(API, "/api/v1/buildings/v2/rooms/lab/temperatures/latest");
    assertThat(latest.get("temperature").asDouble()).isEqualTo(19.0);
    assertThat(latest.get("recorded_at").asText()).isEqualTo("2024-12-10T16:59:00Z");
  }

  @Test
  void theVersion1EndpointTakesTheSameLinesWithItsOwnPrecisions() {
    long minutes = NOW_S / 60;
    String body = "temperature,building_id=v1,room_id=r temperature=18.25 " + minutes;

    Response response = write("/write?db=anything&rp=autogen&precision=m", WRITER).post(text(body));

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(
            Http.ok(API, "/api/v1/buildings/v1/rooms/r/temperatures/latest")
                .get("recorded_at")
                .asText())
        .isEqualTo("2024-12-10T17:00:00Z");
  }

  @Test
  void aMissingTimestampIsTheServersClock() {
    Response response =
        write(V2, WRITER).post(text("temperature,building_id=clock,room_id=r temperature=20"));

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(
            Http.ok(API, "/api/v1/buildings/clock/rooms/r/temperatures/latest")
                .get("recorded_at")
                .asText())
        .isEqualTo("2024-12-10T17:00:00Z");
  }

  @Test
  void theTokenSchemeOfInfluxClientsIsAcceptedAsWellAsBearer() {
    String line = "temperature,building_id=auth,room_id=r temperature=20 " + NOW_S;

    assertThat(
            write(V2 + "?precision=s", null)
                .header("Authorization", "Token " + WRITER)
                .post(text(line))
                .getStatus())
        .isEqualTo(204);
    assertThat(
            write(V2 + "?precision=s", null)
                .header("Authorization", "Bearer " + WRITER)
                .post(text(line))
                .getStatus())
        .isEqualTo(204);
  }

  @Test
  void aMissingOrWrongTokenIs401AndAReaderTokenIs403InInfluxDbsShape() {
    String line = "temperature,building_id=auth,room_id=r temperature=20";

    Response missing = API.target(V2).request().post(text(line));
    Response wrong = write(V2, "guessed").post(text(line));
    Response reader = write(V2, READER).post(text(line));

    assertThat(missing.getStatus()).isEqualTo(401);
    assertThat(missing.getHeaderString("WWW-Authenticate")).startsWith("Bearer realm=");
    assertThat(influxError(missing).get("code").asText()).isEqualTo("unauthorized");
    assertThat(wrong.getStatus()).isEqualTo(401);
    assertThat(reader.getStatus()).isEqualTo(403);
    JsonNode forbidden = influxError(reader);
    assertThat(forbidden.get("code").asText()).isEqualTo("forbidden");
    assertThat(forbidden.get("message").asText()).contains("dashboard", "writer");
  }

  @Test
  void aMalformedLineIs400NamingItsLineAndTheValidLinesAreStored() {
    int before = STORE.size();
    String body =
        "temperature,building_id=partial,room_id=a temperature=20 "
            + NOW_S
            + "\n"
            + "temperature,building_id=partial,room_id=b temperature= "
            + NOW_S
            + "\n"
            + "temperature,building_id=partial,room_id=c temperature=21 "
            + NOW_S
            + "\n";

    Response response = write(V2 + "?precision=s", WRITER).post(text(body));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getHeaderString("X-Platform-Error-Code")).isEqualTo("invalid");
    JsonNode error = influxError(response);
    assertThat(error.get("code").asText()).isEqualTo("invalid");
    assertThat(error.get("line").asInt()).isEqualTo(2);
    assertThat(error.get("message").asText())
        .startsWith("partial write: 1 of 3 lines rejected, 2 readings stored; line 2: ");
    assertThat(STORE.size()).isEqualTo(before + 2);
  }

  @Test
  void implausibleFutureTooOldAndBadIdsAre400NeverA5xx() {
    String body =
        "temperature,building_id=rules,room_id=hot temperature=151 "
            + NOW_S
            + "\n"
            + "temperature,building_id=rules,room_id=future temperature=20 "
            + (NOW_S + 3600)
            + "\n"
            + "temperature,building_id=rules,room_id=old temperature=20 -2208988801\n"
            + "temperature,building_id=rules,room_id=../etc temperature=20 "
            + NOW_S
            + "\n";

    Response response = write(V2 + "?precision=s", WRITER).post(text(body));

    assertThat(response.getStatus()).isEqualTo(400);
    JsonNode error = influxError(response);
    assertThat(error.get("line").asInt()).isEqualTo(1);
    assertThat(error.get("message").asText())
        .contains(
            "4 of 4 lines rejected", "plausible range", "in the future", "before 1900", "room id");
  }

  @Test
  void pointsOfOtherMeasurementsAreIgnoredAndCountedNotRefused() {
    long ignoredBefore = COUNTED.get(1);
    String body =
        "cpu,host=gw1 usage_idle=99.5\n"
            + "mem,host=gw1 used=1i\n"
            + "temperature,building_id=mixed,room_id=r temperature=20\n";

    Response response = write(V2, WRITER).post(text(body));

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(COUNTED.get(1) - ignoredBefore).isEqualTo(2);
  }

  /** InfluxDB 2.7 answers both endpoints 204 for a body without points; its clients rely on it. */
  @Test
  void aBodyWithoutPointsWritesNothingAndIs204OnBothEndpoints() {
    long storedBefore = COUNTED.get(0);
    long rejectedBefore = COUNTED.get(2);

    for (String path : List.of(V2, "/write?db=any&rp=any")) {
      for (String body : List.of("", "\n\n", "# a comment\n  \n")) {
        Response response = write(path, WRITER).post(text(body));

        assertThat(response.getStatus()).as("%s with %s", path, body).isEqualTo(204);
      }
    }
    assertThat(COUNTED.get(0)).isEqualTo(storedBefore);
    assertThat(COUNTED.get(2)).isEqualTo(rejectedBefore);
  }

  @Test
  void aGzipBodyIsInflatedAsItIsRead() throws IOException {
    String body = "temperature,building_id=gzip,room_id=r temperature=20.5 " + NOW_S + "\n";

    Response response =
        write(V2 + "?precision=s", WRITER).post(encoded(gzip(body.getBytes()), "gzip"));

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(Http.ok(API, "/api/v1/buildings/gzip/rooms").get("rooms").size()).isEqualTo(1);
  }

  @Test
  void aGzipBombIs413WithTheLimitAsMaxLength() throws IOException {
    // A few hundred bytes that inflate far past the body limit.
    byte[] bomb = gzip(new byte[100 * (int) TestApi.MAX_BODY_BYTES]);

    Response response = write(V2, WRITER).post(encoded(bomb, "gzip"));

    assertThat(bomb.length).isLessThan((int) TestApi.MAX_BODY_BYTES);
    assertThat(response.getStatus()).isEqualTo(413);
    JsonNode error = influxError(response);
    assertThat(error.get("code").asText()).isEqualTo("request too large");
    assertThat(error.get("maxLength").asLong()).isEqualTo(TestApi.MAX_BODY_BYTES);
  }

  @Test
  void aBodyOverTheLimitIs413SoTelegrafSplitsTheBatch() {
    String line = "temperature,building_id=big,room_id=r temperature=20\n";
    String body = line.repeat((int) (TestApi.MAX_BODY_BYTES / line.length()) + 1);

    Response response = write(V2, WRITER).post(text(body));

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(influxError(response).get("maxLength").asLong()).isEqualTo(TestApi.MAX_BODY_BYTES);
  }

  @Test
  void aBodyThatIsNotTheGzipItClaimsIs400() {
    Response response = write(V2, WRITER).post(encoded("temperature v=1".getBytes(), "gzip"));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(influxError(response).get("message").asText()).contains("not valid gzip");
  }

  @Test
  void anEmptyContentEncodingIs415NotIdentity() {
    Response response =
        write(V2, WRITER)
            .post(encoded("temperature,building_id=b,room_id=r temperature=1".getBytes(), ""));

    assertThat(response.getStatus()).isEqualTo(415);
  }

  @Test
  void anUnknownContentEncodingIs415() {
    Response response = write(V2, WRITER).post(encoded("temperature v=1".getBytes(), "br"));

    assertThat(response.getStatus()).isEqualTo(415);
    assertThat(influxError(response).get("message").asText()).contains("'br'");
  }

  @Test
  void aFullWriteQueueIs503WithRetryAfterAndStoresNothing() {
    STORE.busy(true);
    int before = STORE.size();

    Response response =
        write(V2, WRITER).post(text("temperature,building_id=busy,room_id=r temperature=20"));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(influxError(response).get("code").asText()).isEqualTo("unavailable");
    assertThat(STORE.size()).isEqualTo(before);
  }

  @Test
  void aStoreThatIsDownIs503WithRetryAfter() {
    STORE.failWith(true);

    Response response =
        write(V2, WRITER).post(text("temperature,building_id=down,room_id=r temperature=20"));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    assertThat(influxError(response).get("code").asText()).isEqualTo("unavailable");
  }

  @Test
  void aPasswordInTheUrlIsRefusedBeforeAuthentication() {
    Response response =
        API.target("/write")
            .queryParam("db", "x")
            .queryParam("p", WRITER)
            .request()
            .post(text("a b=1"));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(influxError(response).get("message").asText()).contains("not accepted in the URL");
  }

  @Test
  void anUnknownPrecisionIs400ListingTheKnownOnes() {
    Response response = write(V2 + "?precision=h", WRITER).post(text("a b=1"));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(influxError(response).get("message").asText()).endsWith("ns, us, ms, s");
  }

  @Test
  void theWrongMethodIs405InInfluxDbsShape() {
    Response response = API.target(V2).request().header("Authorization", "Token " + WRITER).get();

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(influxError(response).get("code").asText()).isEqualTo("method not allowed");
  }

  private static Invocation.Builder write(String pathAndQuery, String token) {
    Invocation.Builder request = Http.target(API, pathAndQuery).request();
    return token == null ? request : request.header("Authorization", "Token " + token);
  }

  private static Entity<String> text(String body) {
    return Entity.entity(body, "text/plain; charset=utf-8");
  }

  /** The client takes Content-Encoding from the entity's variant, not from a header. */
  private static Entity<byte[]> encoded(byte[] body, String encoding) {
    return Entity.entity(body, new Variant(MediaType.TEXT_PLAIN_TYPE, (String) null, encoding));
  }

  private static JsonNode influxError(Response response) {
    assertThat(response.getMediaType().toString()).startsWith("application/json");
    JsonNode error = Http.json(response);
    assertThat(error.has("code")).as("InfluxDB's error has a code: %s", error).isTrue();
    assertThat(error.has("message")).isTrue();
    return error;
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    }
    return out.toByteArray();
  }
}
