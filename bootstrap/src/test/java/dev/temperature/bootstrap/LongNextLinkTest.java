package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A next link repeats the request's query, so a request near Jetty's 8 KiB limit for request
 * headers makes a link that Jetty's equal limit for response headers would refuse, answering 500.
 * Through the real server: the page and its link in the body, and no header that cannot be sent.
 */
class LongNextLinkTest {
  /**
   * Long enough to make the link pass 8 KiB, short enough for the request to be taken: a page size
   * of 1 written with 7,000 leading zeros (a parameter given twice, or one the operation does not
   * take, is refused).
   */
  private static final String PADDING = "limit=" + "0".repeat(7_000) + "1";

  @TempDir static Path directory;
  private static RunningApi api;

  @BeforeAll
  static void start() throws Exception {
    api = new RunningApi(directory.resolve("links.db"));
    HttpResponse<String> seeded =
        api.post(
            "/api/v1/readings",
            """
            [{"building_id": "long", "room_id": "a", "temperature": 20},
             {"building_id": "long", "room_id": "b", "temperature": 21},
             {"building_id": "long", "room_id": "a", "temperature": 22,
              "recorded_at": "2024-12-10T16:45:00Z"}]""");
    assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/buildings/long/overview?duration=1h",
        "/api/v1/buildings/long/rooms/a/temperatures"
      })
  void aNextLinkTooLongForAHeaderIsInTheBodyOnly(String page) throws Exception {
    HttpResponse<String> answer = api.get(page + (page.contains("?") ? "&" : "?") + PADDING);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Link")).isEmpty();
    String next = RunningApi.json(answer).path("next").asText();
    assertThat(next).contains("cursor=").contains(PADDING).hasSizeGreaterThan(7_000);

    HttpResponse<String> followed = api.get(next);
    assertThat(followed.statusCode()).as(followed.body()).isEqualTo(200);
    JsonNode second = RunningApi.json(followed);
    assertThat(second.path("next").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/buildings/long/overview?duration=1h&limit=1",
        "/api/v1/buildings/long/rooms/a/temperatures?limit=1"
      })
  void anOrdinaryNextLinkIsInTheHeaderToo(String page) throws Exception {
    HttpResponse<String> answer = api.get(page);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    String next = RunningApi.json(answer).path("next").asText();
    assertThat(answer.headers().firstValue("Link")).hasValue("<" + next + ">; rel=\"next\"");
  }
}
