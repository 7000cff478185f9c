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
    try {
      return JSON.readTree(response.readEntity(String.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
