package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reading answers in tests, and following the links in them. */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  static JsonNode json(Response response) {
    return json(response.readEntity(String.class));
  }

  /**
   * The target of a path with its query, as a link in an answer has them. The test client wants
   * path and query apart, and values arrive URL-encoded, as in a link.
   */
  static WebTarget target(ResourceExtension api, String pathAndQuery) {
    URI uri = URI.create(pathAndQuery);
    WebTarget target = api.target(URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8));
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] parts = pair.split("=", 2);
        target =
            target.queryParam(
                URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
      }
    }
    return target;
  }

  /** The body of a GET of {@code pathAndQuery}, which must answer 200. */
  static JsonNode ok(ResourceExtension api, String pathAndQuery) {
    Response response = target(api, pathAndQuery).request().get();
    assertThat(response.getStatus()).as(pathAndQuery).isEqualTo(200);
    return json(response);
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
