package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far back from now a question looks, as the client wrote it ({@code 15m}, {@code PT15M}).
 *
 * <p>Accepted forms: a positive integer with one lower-case unit ({@code s}, {@code m}, {@code h},
 * {@code d}, {@code w}), or an ISO-8601 duration of days and time ({@code PT90S}, {@code P1D},
 * {@code P1DT12H}) or weeks ({@code P2W}). Upper-case short units are refused because {@code 15M}
 * reads as months to many people; ISO years and months are refused because their length depends on
 * the calendar.
 */
public record Lookback(String text, Duration length) {
  private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)([smhdw])");
  private static final Pattern ISO_WEEKS = Pattern.compile("P(\\d+)W");
  private static final String FORMS =
      "use a positive whole number with a unit s, m, h, d or w (90s, 15m, 2h, 7d, 1w), or an"
          + " ISO-8601 duration (PT15M, P1D)";

  public Lookback {
    if (text == null || length == null) {
      throw new InvalidValueException(Subject.DURATION, "duration is required; " + FORMS);
    }
    if (length.isNegative() || length.isZero()) {
      throw new InvalidValueException(
          Subject.DURATION, "duration must be positive, got '" + text + "'");
    }
    if (length.getNano() % 1_000_000 != 0) {
      throw new InvalidValueException(
          Subject.DURATION, "duration '" + text + "' is finer than a millisecond");
    }
  }

  /** Parses what a client wrote; see the class comment for the accepted forms. */
  public static Lookback parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidValueException(Subject.DURATION, "duration is required; " + FORMS);
    }
    return new Lookback(text, lengthOf(text.strip()));
  }

  /** Returns this lookback if it reaches back no further than {@code maximum}. */
  public Lookback requireAtMost(Duration maximum) {
    if (length.compareTo(maximum) > 0) {
      throw new InvalidValueException(
          Subject.DURATION,
          "duration '" + text + "' is longer than the maximum of " + describe(maximum));
    }
    return this;
  }

  /**
   * The window that ends at {@code now} and reaches back by this length, both ends included.
   * Readings are kept to the millisecond, so the window is too.
   */
  public Window endingAt(Instant now) {
    Instant to = now.truncatedTo(ChronoUnit.MILLIS);
    return new Window(to.minus(length), to);
  }

  private static Duration lengthOf(String text) {
    Matcher shortForm = SHORT_FORM.matcher(text);
    if (shortForm.matches()) {
      String amount = shortForm.group(1);
      ChronoUnit unit =
          switch (shortForm.group(2)) {
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default -> ChronoUnit.WEEKS;
          };
      return multiply(unit.getDuration(), amount, text);
    }
    Matcher weeks = ISO_WEEKS.matcher(text);
    if (weeks.matches()) {
      return multiply(ChronoUnit.WEEKS.getDuration(), weeks.group(1), text);
    }
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new InvalidValueException(
            Subject.DURATION,
            "duration '" + text + "' is not a valid ISO-8601 duration of days and time; " + FORMS,
            e);
      }
    }
    throw new InvalidValueException(
        Subject.DURATION, "duration '" + text + "' is not understood; " + FORMS);
  }

  private static Duration multiply(Duration unit, String amount, String text) {
    try {
      return unit.multipliedBy(Long.parseLong(amount));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidValueException(Subject.DURATION, "duration '" + text + "' is too long", e);
    }
  }

  private static String describe(Duration maximum) {
    if (maximum.toSeconds() % 86_400 == 0) {
      return maximum.toDays() + "d";
    }
    return maximum.toString();
  }
}
