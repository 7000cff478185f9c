package dev.temperature.adapters.http.problem;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One bad part of a request: which field, where it was ({@code path}, {@code query} or {@code
 * body}), and what is wrong with it.
 */
public record FieldError(
    @JsonProperty("field") String field,
    @JsonProperty("in") String in,
    @JsonProperty("message") String message) {

  public static FieldError inPath(String field, String message) {
    return new FieldError(field, "path", message);
  }

  public static FieldError inQuery(String field, String message) {
    return new FieldError(field, "query", message);
  }

  public static FieldError inBody(String field, String message) {
    return new FieldError(field, "body", message);
  }
}
