package dev.temperature.adapters.http.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.InvalidValueException.Subject;
import dev.temperature.domain.Temperature;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON fields of a reading, read strictly: a temperature is a JSON number (not a string that
 * looks like one), a time is an ISO-8601 string, an id is a string. Shared by the single and the
 * batch endpoint so that both accept exactly the same readings.
 */
final class ReadingFields {
  private ReadingFields() {}

  static Temperature temperatureOf(JsonNode value) {
    if (value == null || value.isNull()) {
      throw new InvalidValueException(
          Subject.TEMPERATURE, "temperature is required (degrees Celsius)");
    }
    if (!value.isNumber()) {
      throw new InvalidValueException(
          Subject.TEMPERATURE,
          "temperature must be a JSON number (degrees Celsius), got " + describe(value));
    }
    return Temperature.celsius(value.doubleValue());
  }

  static Optional<Instant> recordedAtOf(JsonNode value) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new DateTimeException(
          "recorded_at must be an ISO-8601 date-time string, got " + describe(value));
    }
    return Optional.of(Timestamps.parse(value.textValue()));
  }

  /** The text of an id field; the domain then checks what the text may be. */
  static String idOf(JsonNode value, Subject subject, String field) {
    if (value == null || value.isNull()) {
      throw new InvalidValueException(subject, field + " is required");
    }
    if (!value.isTextual()) {
      throw new InvalidValueException(
          subject, field + " must be a JSON string, got " + describe(value));
    }
    return value.textValue();
  }

  static String describe(JsonNode value) {
    String kind =
        switch (value.getNodeType()) {
          case STRING -> "a string";
          case BOOLEAN -> "a boolean";
          case ARRAY -> "an array";
          case OBJECT -> "an object";
          default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    String shown = value.toString();
    return kind + " " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown);
  }
}
