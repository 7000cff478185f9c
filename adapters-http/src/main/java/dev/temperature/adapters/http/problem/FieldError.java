package dev.temperature.adapters.http.problem;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One bad part of a request: which field, where it was ({@code path}, {@code query} or {@code
 * body}), and what is wrong with it. Field names and messages can quote what the client sent (an
 * unknown field's name, a date that does not parse), so both are cut short: an answer is never much
 * larger than the mistakes it lists.
 */
public record FieldError(
    @JsonProperty("field") String field,
    @JsonProperty("in") String in,
    @JsonProperty("message") String message) {
  static final int MAX_FIELD_LENGTH = 120;
  static final int MAX_MESSAGE_LENGTH = 500;

  public FieldError {
    field = shortened(field, MAX_FIELD_LENGTH);
    message = shortened(message, MAX_MESSAGE_LENGTH);
  }

  private static String shortened(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }

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
