package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way the API writes a length of time ({@code duration=15m}, {@code interval=PT1H}).
 *
 * <p>Accepted forms: a positive whole number with one lower-case unit ({@code s}, {@code m}, {@code
 * h}, {@code d}, {@code w}), or an ISO-8601 duration of days and time ({@code PT90S}, {@code P1D},
 * {@code P1DT12H}) or weeks ({@code P2W}). Upper-case short units are refused because {@code 15M}
 * reads as months to many people; ISO years and months are refused because their length depends on
 * the calendar. The result is positive and a whole number of milliseconds.
 */
final class DurationText {
  private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)([smhdw])");
  private static final Pattern ISO_WEEKS = Pattern.compile("P(\\d+)W");
  private static final String FORMS =
      "use a positive whole number with a unit s, m, h, d or w (90s, 15m, 2h, 7d, 1w), or an"
          + " ISO-8601 duration (PT15M, P1D)";

  /**
   * The span every window lies in; nothing longer can be asked, which also keeps arithmetic on
   * lengths far from overflow.
   */
  private static final Duration LONGEST = Duration.between(Window.EARLIEST, Window.LATEST);

  private DurationText() {}

  /** Parses what a client wrote for the parameter {@code name}. */
  static Duration parse(String text, Subject subject, String name) {
    if (text == null || text.isBlank()) {
      throw new InvalidValueException(subject, name + " is required; " + FORMS);
    }
    // The value's constructor checks the length (positive, whole milliseconds, not too long).
    return lengthOf(text.strip(), subject, name);
  }

  static void requireValid(String text, Duration length, Subject subject, String name) {
    if (length.isNegative() || length.isZero()) {
      throw new InvalidValueException(subject, name + " must be positive, got '" + text + "'");
    }
    if (length.compareTo(LONGEST) > 0) {
      throw new InvalidValueException(
          subject,
          name + " '" + text + "' is too long: no period can be longer than " + describe(LONGEST));
    }
    if (length.getNano() % 1_000_000 != 0) {
      throw new InvalidValueException(
          subject, name + " '" + text + "' is finer than a millisecond");
    }
  }

  static String describe(Duration length) {
    if (length.toSeconds() % 86_400 == 0 && length.getNano() == 0) {
      return length.toDays() + "d";
    }
    return length.toString();
  }

  private static Duration lengthOf(String text, Subject subject, String name) {
    Matcher shortForm = SHORT_FORM.matcher(text);
    if (shortForm.matches()) {
      ChronoUnit unit =
          switch (shortForm.group(2)) {
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default -> ChronoUnit.WEEKS;
          };
      return multiply(unit.getDuration(), shortForm.group(1), text, subject, name);
    }
    Matcher weeks = ISO_WEEKS.matcher(text);
    if (weeks.matches()) {
      return multiply(ChronoUnit.WEEKS.getDuration(), weeks.group(1), text, subject, name);
    }
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new InvalidValueException(
            subject,
            name + " '" + text + "' is not a valid ISO-8601 duration of days and time; " + FORMS,
            e);
      }
    }
    throw new InvalidValueException(subject, name + " '" + text + "' is not understood; " + FORMS);
  }

  private static Duration multiply(
      Duration unit, String amount, String text, Subject subject, String name) {
    try {
      return unit.multipliedBy(Long.parseLong(amount));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidValueException(subject, name + " '" + text + "' is too long", e);
    }
  }
}
