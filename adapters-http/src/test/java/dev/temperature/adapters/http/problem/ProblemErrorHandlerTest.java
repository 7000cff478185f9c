package dev.temperature.adapters.http.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

/**
 * The problem+json that Jetty's own errors are answered with, without a server: what a bad request
 * line or an ambiguous path gets before Jersey sees it.
 */
class ProblemErrorHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jettysMessageIsTheDetailUnderTheStatussTitle() throws Exception {
    JsonNode problem =
        JSON.readTree(ProblemErrorHandler.body(400, " Ambiguous URI empty segment "));

    assertThat(problem.get("type").asText()).isEqualTo("about:blank");
    assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asText()).isEqualTo("Ambiguous URI empty segment");
  }

  @Test
  void withoutAMessageTheDetailIsTheReason() throws Exception {
    assertThat(JSON.readTree(ProblemErrorHandler.body(431, null)).get("detail").asText())
        .isEqualTo("Request Header Fields Too Large");
    assertThat(JSON.readTree(ProblemErrorHandler.body(414, "  ")).get("detail").asText())
        .isEqualTo("Request-URI Too Long");
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() throws Exception {
    String message = "bad \"line\" \\ with\ta\nbreak\u001fend";

    byte[] body = ProblemErrorHandler.body(400, message);

    assertThat(JSON.readTree(body).get("detail").asText()).isEqualTo(message);
    assertThat(new String(body, StandardCharsets.UTF_8))
        .contains("\\\"line\\\" \\\\ with\\u0009a\\u000abreak\\u001fend");
  }

  @Test
  void aBadMessageIsAnsweredInProblemJsonWhateverTheMethod() throws Exception {
    ProblemErrorHandler handler = new ProblemErrorHandler();
    HttpFields.Mutable fields = HttpFields.build();

    ByteBuffer body = handler.badMessageError(400, "Bad Request Line", fields);

    assertThat(fields.get(HttpHeader.CONTENT_TYPE)).isEqualTo("application/problem+json");
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    assertThat(JSON.readTree(bytes).get("detail").asText()).isEqualTo("Bad Request Line");
    assertThat(handler.errorPageForMethod("PUT")).isTrue();
    assertThat(handler.errorPageForMethod("BREW")).isTrue();
  }
}
