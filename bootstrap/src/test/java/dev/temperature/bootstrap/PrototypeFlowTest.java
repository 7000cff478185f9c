package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prototype's two curl calls, and the error surface, against the real server. */
class PrototypeFlowTest {
  @TempDir static Path directory;
  static RunningApi api;

  @BeforeAll
  static void start() throws Exception {
    api = new RunningApi(directory.resolve("flow.db"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void thePrototypesPostIsAccepted() throws Exception {
    HttpResponse<String> response =
        api.post(
            "/api/v1/buildings/main/rooms/kitchen/temperatures",
            "{\"temperature\": 10.5, \"recorded_at\": \"2024-12-10T16:45:00\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(RunningApi.json(response).get("recorded_at").asText())
        .isEqualTo("2024-12-10T16:45:00Z");
  }

  @Test
  void aReadingFromAMinuteAgoIsInTheFifteenMinuteAverage() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String room = "/api/v1/buildings/hq/rooms/lab-2/temperatures";
    api.post(room, "{\"temperature\": 20.0, \"recorded_at\": \"" + now.minusSeconds(60) + "\"}");
    api.post(room, "{\"temperature\": 23.0, \"recorded_at\": \"" + now.minusSeconds(120) + "\"}");
    api.post(room, "{\"temperature\": 90.0, \"recorded_at\": \"" + now.minusSeconds(1200) + "\"}");

    HttpResponse<String> response = api.get(room + "/average?duration=15m");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = RunningApi.json(response);
    assertThat(body.get("average").asDouble()).isEqualTo(21.5);
    assertThat(body.get("count").asLong()).isEqualTo(2);
    assertThat(body.get("duration").asText()).isEqualTo("15m");
    Instant to = Instant.parse(body.get("to").asText());
    assertThat(Instant.parse(body.get("from").asText())).isEqualTo(to.minusSeconds(900));
  }

  @Test
  void malformedJsonIsProblemJsonNotDropwizardsFormat() throws Exception {
    HttpResponse<String> response =
        api.post("/api/v1/buildings/main/rooms/kitchen/temperatures", "{\"temperature\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(RunningApi.json(response).has("code")).isFalse();
    assertThat(RunningApi.json(response).get("type").asText())
        .isEqualTo("urn:temperature-api:problem:malformed-json");
  }

  @Test
  void aDuplicateFieldIsRefused() throws Exception {
    HttpResponse<String> response =
        api.post(
            "/api/v1/buildings/main/rooms/kitchen/temperatures",
            "{\"temperature\": 1, \"temperature\": 2}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RunningApi.json(response).get("detail").asText()).contains("temperature");
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    String body = "{\"temperature\": 1" + " ".repeat(5000) + "}";
    HttpResponse<String> response =
        api.post("/api/v1/buildings/main/rooms/kitchen/temperatures", body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    // The unread rest of the body ends the connection; a client told so opens a new one for the
    // next request instead of losing it on the closing one.
    assertThat(response.headers().firstValue("Connection")).hasValue("close");
    assertThat(api.get("/api/v1/buildings").statusCode()).isEqualTo(200);
  }

  @Test
  void errorsJettyRaisesBeforeJerseyAreProblemJsonToo() throws Exception {
    String encodedSlash =
        rawRequest("GET /api/v1/buildings/a%2Fb/rooms/r/temperatures/average HTTP/1.1");
    assertThat(encodedSlash).startsWith("HTTP/1.1 400").contains("application/problem+json");
    assertThat(encodedSlash).contains("\"status\":400").doesNotContain("<html");

    String hugeHeader = rawRequest("GET / HTTP/1.1\r\nX-Padding: " + "a".repeat(20_000));
    assertThat(hugeHeader).startsWith("HTTP/1.1 431").contains("application/problem+json");
  }

  @Test
  void errorsJettyRaisesAreProblemJsonWhateverTheMethod() throws Exception {
    for (String method : new String[] {"PUT", "DELETE", "PATCH", "OPTIONS"}) {
      String encodedSlash =
          rawRequest(method + " /api/v1/buildings/a%2Fb/rooms HTTP/1.1\r\nContent-Length: 0");
      assertThat(encodedSlash)
          .as(method)
          .startsWith("HTTP/1.1 400")
          .contains("application/problem+json")
          .contains("\"status\":400");
    }
  }

  @Test
  void traceIs405WithAllowInProblemJsonAndEchoesNothing() throws Exception {
    String trace =
        rawRequest(
            "TRACE /api/v1/buildings/main/rooms/kitchen/temperatures HTTP/1.1\r\n"
                + "X-Echo: do-not-echo-me");

    assertThat(trace).startsWith("HTTP/1.1 405").contains("application/problem+json");
    assertThat(header(trace, "Allow")).contains("GET", "POST").doesNotContain("TRACE");
    assertThat(trace).contains("\"status\":405").doesNotContain("do-not-echo-me");
  }

  @Test
  void anUnknownMethodIs405WithAllowAndAnUnknownPathIs404() throws Exception {
    String made = rawRequest("FROB /api/v1/readings HTTP/1.1");
    assertThat(made).startsWith("HTTP/1.1 405").contains("application/problem+json");
    assertThat(header(made, "Allow")).isEqualTo("POST, OPTIONS");

    String nowhere = rawRequest("TRACE /api/v1/nowhere HTTP/1.1");
    assertThat(nowhere).startsWith("HTTP/1.1 404").contains("application/problem+json");
  }

  @Test
  void anIfNoneMatchWithBytesOutsideAsciiIsIgnoredNot500() throws Exception {
    String answer = rawRequest("GET /api/v1/buildings HTTP/1.1\r\nIf-None-Match: 9\u00bb");

    assertThat(answer).startsWith("HTTP/1.1 200").contains("\"buildings\"");
  }

  @Test
  void theAdminPortReportsTheStorageHealthy() throws Exception {
    HttpResponse<String> health = api.admin("/healthcheck");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(RunningApi.json(health).get("sqlite").get("healthy").asBoolean()).isTrue();
  }

  private static String header(String rawResponse, String name) {
    return rawResponse
        .lines()
        .takeWhile(line -> !line.isEmpty())
        .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .map(line -> line.substring(name.length() + 1).strip())
        .findFirst()
        .orElse("");
  }

  private static String rawRequest(String requestLineAndHeaders) throws Exception {
    try (Socket socket = new Socket("localhost", api.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLineAndHeaders + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
