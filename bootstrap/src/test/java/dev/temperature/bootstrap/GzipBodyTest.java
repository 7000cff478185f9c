package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Content-Encoding: gzip} through the real server, where Jetty inflates the body before the
 * API reads it (test-config.yml: a 4 KiB body limit): the limit holds for the inflated size, and a
 * body that is not the gzip it claims is a 400 on every endpoint, never a 500.
 */
class GzipBodyTest {
  @TempDir static Path directory;
  static RunningApi api;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    api = new RunningApi(directory.resolve("gzip.db"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aGzippedLineProtocolBodyIsStored() throws Exception {
    byte[] body = gzip("temperature,building_id=gzip,room_id=r temperature=21.5\n".getBytes());

    HttpResponse<String> response = post("/api/v2/write", "text/plain", body);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(RunningApi.json(api.get("/api/v1/buildings/gzip/rooms")).get("rooms").size())
        .isEqualTo(1);
  }

  @Test
  void aGzipBombIs413InInfluxDbsShape() throws Exception {
    byte[] bomb = gzip(new byte[3_000_000]);

    HttpResponse<String> response = post("/api/v2/write", "text/plain", bomb);

    assertThat(bomb.length).isLessThan(4096);
    assertThat(response.statusCode()).isEqualTo(413);
    JsonNode error = RunningApi.json(response);
    assertThat(error.get("code").asText()).isEqualTo("request too large");
    assertThat(error.get("maxLength").asLong()).isEqualTo(4096);
  }

  /** Short bodies fail in the gzip header, longer ones in the data: both are the client's fault. */
  @ParameterizedTest
  @ValueSource(ints = {7, 300})
  void aBodyThatIsNotGzipIs400OnTheJsonApiToo(int length) throws Exception {
    byte[] notGzip = "[".concat("x".repeat(length - 1)).getBytes(StandardCharsets.US_ASCII);

    HttpResponse<String> batch = post("/api/v1/readings", "application/json", notGzip);
    HttpResponse<String> lines = post("/api/v2/write", "text/plain", notGzip);

    assertThat(batch.statusCode()).isEqualTo(400);
    assertThat(batch.body()).contains("gzip");
    assertThat(lines.statusCode()).isEqualTo(400);
    assertThat(RunningApi.json(lines).get("message").asText()).contains("not valid gzip");
  }

  @Test
  void aWrongMethodIs405EvenWithABodyThatIsNotGzip() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(api.uri("/api/v2/write"))
                .header("Content-Encoding", "gzip")
                .PUT(HttpRequest.BodyPublishers.ofString("temperature v=1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
  }

  private static HttpResponse<String> post(String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(api.uri(path))
            .header("Content-Type", contentType)
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    }
    return out.toByteArray();
  }
}
