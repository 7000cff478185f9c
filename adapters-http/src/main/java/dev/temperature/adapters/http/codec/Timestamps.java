package dev.temperature.adapters.http.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * How the API writes and reads moments in time.
 *
 * <p>A time is read only when it matches {@link #PATTERN}, the grammar the API document states for
 * every time a client sends: {@code yyyy-MM-ddTHH:mm}, optionally {@code :ss} and 1 to 9 digits of
 * fraction, optionally an offset ({@code Z} or {@code ±HH:mm} up to 18:00). {@code T} and {@code Z}
 * may be lower-case (RFC 3339 allows it). Java's parser would take a few more spellings ({@code
 * +01}, a fraction point without digits, years of more than 4 digits); refusing them keeps the
 * document and the server in agreement on every text.
 */
public final class Timestamps {
  /** Years whose February has a 29th, among 0000 to 9999 (Gregorian). */
  public static final String LEAP_YEAR =
      "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)";

  /** Month and day of a date in any year, but for February 29th. */
  public static final String MONTH_DAY =
      "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
          + "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
          + "|02-(?:0[1-9]|1[0-9]|2[0-8]))";

  /** What follows the date: the time of day and the optional offset. */
  public static final String TIME_OF_DAY_AND_OFFSET =
      "[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,9})?)?"
          + "(?:[Zz]|[+-](?:0[0-9]|1[0-7]):[0-5][0-9]|[+-]18:00)?";

  /** Every time the API reads, as an ECMA-262 regular expression (the API document's dialect). */
  public static final String PATTERN =
      "^(?:[0-9]{4}-" + MONTH_DAY + "|" + LEAP_YEAR + "-02-29)" + TIME_OF_DAY_AND_OFFSET + "$";

  private static final Pattern GRAMMAR = Pattern.compile(PATTERN);

  private Timestamps() {}

  /** UTC with a {@code Z}, milliseconds only when there are any: {@code 2024-12-10T16:45:00Z}. */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /**
   * A time as {@link #PATTERN} writes it. With an offset ({@code Z}, {@code +01:00}) it is
   * converted to UTC; without one it is read as UTC, as the prototype did.
   *
   * @throws DateTimeException with a message for the client when the text is not such a time
   */
  public static Instant parse(String text) {
    if (text == null || !GRAMMAR.matcher(text).matches()) {
      throw new DateTimeException(
          "'"
              + text
              + "' is not an ISO-8601 date-time such as 2024-12-10T16:45:00 (UTC) or"
              + " 2024-12-10T17:45:00+01:00");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      // The pattern has checked the date and the time: only the offset can be missing.
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }
  }
}
