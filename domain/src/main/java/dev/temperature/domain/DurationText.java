package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way the API writes a length of time ({@code duration=15m}, {@code interval=PT1H}).
 *
 * <p>Accepted forms: a positive whole number with one lower-case unit ({@code s}, {@code m}, {@code
 * h}, {@code d}, {@code w}), or the same as an ISO-8601 duration of one unit ({@code PT90S}, {@code
 * PT15M}, {@code PT2H}, {@code P7D}, {@code P2W}), written exactly so: no spaces, signs, fractions
 * or several units. Each accepted text is then one regular expression away from the rule, so the
 * API document can state it exactly (adapters-http's DurationPattern, checked against this class).
 * Upper-case short units are refused because {@code 15M} reads as months to many people; ISO years
 * and months are refused because their length depends on the calendar.
 */
final class DurationText {
  private static final Pattern FORM =
      Pattern.compile("([0-9]+)([smhdw])|P([0-9]+)([WD])|PT([0-9]+)([HMS])");
  private static final String FORMS =
      "use a positive whole number with one unit s, m, h, d or w (90s, 15m, 2h, 7d, 1w), or the"
          + " same as an ISO-8601 duration of one unit (PT90S, PT15M, PT2H, P7D, P1W)";

  /**
   * The span every window lies in; nothing longer can be asked, which also keeps arithmetic on
   * lengths far from overflow.
   */
  static final Duration LONGEST = Duration.between(Window.EARLIEST, Window.LATEST);

  private DurationText() {}

  /** Parses what a client wrote for the parameter {@code name}. */
  static Duration parse(String text, Subject subject, String name) {
    if (text == null || text.isEmpty()) {
      throw new InvalidValueException(subject, name + " is required; " + FORMS);
    }
    Matcher form = FORM.matcher(text);
    if (!form.matches()) {
      throw new InvalidValueException(
          subject, name + " '" + text + "' is not understood; " + FORMS);
    }
    int group = form.group(1) != null ? 1 : form.group(3) != null ? 3 : 5;
    ChronoUnit unit =
        switch (form.group(group + 1)) {
          case "s", "S" -> ChronoUnit.SECONDS;
          case "m", "M" -> ChronoUnit.MINUTES;
          case "h", "H" -> ChronoUnit.HOURS;
          case "d", "D" -> ChronoUnit.DAYS;
          default -> ChronoUnit.WEEKS;
        };
    // The value's constructor checks the length (positive, not too long).
    return multiply(unit.getDuration(), form.group(group), text, subject, name);
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

  private static Duration multiply(
      Duration unit, String amount, String text, Subject subject, String name) {
    try {
      return unit.multipliedBy(Long.parseLong(amount));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidValueException(subject, name + " '" + text + "' is too long", e);
    }
  }
}
