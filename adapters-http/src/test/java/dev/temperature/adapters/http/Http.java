package dev.temperature.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;

/** Reading answers in tests. */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  static JsonNode json(Response response) {
    return json(response.readEntity(String.class));
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
