package dev.temperature.adapters.http.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST .../temperatures}: {@code {"temperature": 10.5, "recorded_at":
 * "2024-12-10T16:45:00"}}.
 *
 * <p>Fields are kept as raw JSON so that the resource, not Jackson's coercions, decides what is a
 * number (Jackson would turn the string {@code "NaN"} into a double) and can name every bad field
 * at once. Unknown fields are reported, not dropped: a misspelt {@code recordedAt} would otherwise
 * be ignored and the reading stored at the wrong time.
 */
public record ReadingRequest(
    JsonNode temperature, JsonNode recordedAt, List<String> unknownFields) {
  public static final Set<String> FIELDS = Set.of("temperature", "recorded_at");

  /** Reads a JSON object; anything else is not a reading request and yields {@code null}. */
  public static ReadingRequest of(JsonNode body) {
    if (body == null || !body.isObject()) {
      return null;
    }
    List<String> unknown = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                unknown.add(name);
              }
            });
    return new ReadingRequest(
        body.get("temperature"), body.get("recorded_at"), List.copyOf(unknown));
  }
}
