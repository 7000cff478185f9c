package dev.temperature.adapters.http.docs;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The pattern of the lengths of time a client may write ({@code 15m}, {@code PT15M}, {@code P2W}),
 * up to a maximum: exactly the texts the domain's {@code Lookback.parse} and {@code Interval.parse}
 * accept with a length of at most that maximum (DurationPatternTest checks it, text by text). One
 * unit per text makes the bound a bound on one number.
 */
final class DurationPattern {
  private record Unit(String shortForm, String isoForm, ChronoUnit unit) {}

  private static final List<Unit> UNITS =
      List.of(
          new Unit("s", "PT%sS", ChronoUnit.SECONDS),
          new Unit("m", "PT%sM", ChronoUnit.MINUTES),
          new Unit("h", "PT%sH", ChronoUnit.HOURS),
          new Unit("d", "P%sD", ChronoUnit.DAYS),
          new Unit("w", "P%sW", ChronoUnit.WEEKS));

  private DurationPattern() {}

  /** The texts of a length from one unit up to {@code longest}, both included. */
  static String upTo(Duration longest) {
    return upTo(longest, List.of());
  }

  /**
   * The texts of {@link #upTo(Duration)} and, besides them, each text of {@code exactly} (plain
   * letters and digits, such as the calendar units {@code 1M} and {@code P1M}).
   */
  static String upTo(Duration longest, Collection<String> exactly) {
    List<String> forms = new ArrayList<>();
    for (Unit unit : UNITS) {
      long most = longest.dividedBy(unit.unit().getDuration());
      if (most >= 1) {
        String amount = Digits.upTo(most);
        forms.add(amount + unit.shortForm());
        forms.add(String.format(unit.isoForm(), amount));
      }
    }
    if (forms.isEmpty()) {
      throw new IllegalArgumentException("no length of a whole second is at most " + longest);
    }
    for (String text : new TreeSet<>(exactly)) {
      if (!text.matches("[A-Za-z0-9]+")) {
        throw new IllegalArgumentException("not plain letters and digits: " + text);
      }
      forms.add(text);
    }
    return "^(?:" + String.join("|", forms) + ")$";
  }
}
