package dev.temperature.adapters.http.resources;

/**
 * The text of an optional query parameter as the resources read it: an empty value ({@code from=})
 * is no value. HTML forms, Swagger UI and many link builders send every field, filled in or not;
 * refusing {@code duration=15m&from=&to=} as "duration and from/to together" would blame the client
 * for fields it left blank. A value of spaces is still a value, and is judged as one.
 */
final class QueryText {
  private QueryText() {}

  /** The value, or null when the parameter is absent or empty. */
  static String given(String raw) {
    return raw == null || raw.isEmpty() ? null : raw;
  }
}
