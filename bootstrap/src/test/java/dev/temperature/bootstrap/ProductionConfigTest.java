package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.adapters.http.auth.TokenHash;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped production configuration, end to end on PostgreSQL: tokens required for writes and
 * reads, roles enforced, and conditional GETs.
 */
@RequiresService(Service.POSTGRES)
class ProductionConfigTest {
  private static final String WRITER = TokenHash.newToken();
  private static final String READER = TokenHash.newToken();
  private static final Path REQUEST_LOG = Path.of("target", "production-requests.log");
  private static RunningApi api;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String room =
      "/api/v1/buildings/prod-"
          + UUID.randomUUID().toString().substring(0, 8)
          + "/rooms/r/temperatures";

  @BeforeAll
  static void start() throws Exception {
    // The file takes the hashes from the environment; -D properties stand in for it here.
    System.setProperty("WRITER_TOKEN_SHA256", TokenHash.hex(WRITER));
    System.setProperty("READER_TOKEN_SHA256", TokenHash.hex(READER));
    // The shipped request log format, written to a file instead of the console to be read here.
    Files.deleteIfExists(REQUEST_LOG);
    api =
        new RunningApi(
            ConfigurationTest.repositoryRoot().resolve("config-production.yml").toString(),
            ConfigOverride.config("server.requestLog.appenders[0].type", "file"),
            ConfigOverride.config(
                "server.requestLog.appenders[0].currentLogFilename", REQUEST_LOG.toString()),
            ConfigOverride.config("server.requestLog.appenders[0].archive", "false"));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
    System.clearProperty("WRITER_TOKEN_SHA256");
    System.clearProperty("READER_TOKEN_SHA256");
  }

  @Test
  void writesNeedAWriterTokenAndReadsAReaderTokenAndRepeatsAre304() throws Exception {
    String body =
        "{\"temperature\": 21.5, \"recorded_at\": \""
            + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS)
            + "\"}";

    HttpResponse<String> anonymous = send(post(body));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    assertThat(send(post(body).header("Authorization", "Bearer " + READER)).statusCode())
        .isEqualTo(403);
    assertThat(send(post(body).header("Authorization", "Bearer " + WRITER)).statusCode())
        .isEqualTo(201);

    HttpResponse<String> read = send(get().header("Authorization", "Bearer " + READER));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"count\":1");
    String etag = read.headers().firstValue("ETag").orElseThrow();
    assertThat(read.headers().firstValue("Cache-Control")).hasValue("private, max-age=5");

    HttpResponse<String> repeat =
        send(get().header("Authorization", "Bearer " + READER).header("If-None-Match", etag));
    assertThat(repeat.statusCode()).isEqualTo(304);
    assertThat(repeat.body()).isEmpty();

    assertThat(send(get()).statusCode()).isEqualTo(401);
    assertThat(send(get().header("Authorization", "Bearer " + WRITER)).statusCode()).isEqualTo(403);
  }

  @Test
  void aTokenSentInTheQueryIsRefusedAndKeptOutOfTheRequestLog() throws Exception {
    String marker = "marker-" + UUID.randomUUID();

    HttpResponse<String> refused =
        send(HttpRequest.newBuilder(api.uri(room + "/average?duration=1h&access_token=" + marker)));

    assertThat(refused.statusCode()).isEqualTo(400);
    // The log is written asynchronously: wait for the line, then look at what it holds.
    String line = "";
    for (int attempt = 0; attempt < 100 && !line.contains(room); attempt++) {
      Thread.sleep(100);
      line =
          Files.exists(REQUEST_LOG)
              ? Files.readAllLines(REQUEST_LOG).stream()
                  .filter(logged -> logged.contains(room + "/average"))
                  .findFirst()
                  .orElse("")
              : "";
    }
    assertThat(line).contains("\"GET " + room + "/average HTTP/1.1\" 400");
    assertThat(Files.readString(REQUEST_LOG)).doesNotContain(marker);
  }

  private HttpRequest.Builder post(String body) {
    return HttpRequest.newBuilder(api.uri(room))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** A fixed window, so that the answer (and its ETag) does not move with the clock. */
  private HttpRequest.Builder get() {
    Instant to = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.HOURS);
    return HttpRequest.newBuilder(
            api.uri(room + "/stats?from=" + to.minusSeconds(7200) + "&to=" + to))
        .GET();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
