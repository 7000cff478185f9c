package dev.temperature.adapters.http.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** How the API writes and reads moments in time. */
public final class Timestamps {
  private Timestamps() {}

  /** UTC with a {@code Z}, milliseconds only when there are any: {@code 2024-12-10T16:45:00Z}. */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /**
   * An ISO-8601 date-time. With an offset ({@code Z}, {@code +01:00}) it is converted to UTC;
   * without one it is read as UTC, as the prototype did.
   *
   * @throws DateTimeException with a message for the client when the text is not such a date-time
   */
  public static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new DateTimeException(
            "'"
                + text
                + "' is not an ISO-8601 date-time such as 2024-12-10T16:45:00 (UTC) or"
                + " 2024-12-10T17:45:00+01:00");
      }
    }
  }
}
