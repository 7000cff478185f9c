package dev.temperature.domain.alerting;

import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Window;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** What makes a rule's alert hold for a room, judged from the room's overview at a moment. */
public sealed interface Condition {
  /**
   * The window of readings the condition looks at, ending at the moment of evaluation; empty when
   * it needs only the room's newest reading (a silence).
   */
  Optional<Duration> span();

  /** The verdict for a room, from its overview over {@link #span()} ending at {@code at}. */
  Verdict judge(RoomOverview room, Instant at);

  /** How a value is written in a summary: as few decimals as it has, never an exponent. */
  static String format(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** How a length is written in a summary: {@code 90s}, {@code 15m}, {@code 2h}. */
  static String describe(Duration length) {
    long millis = length.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }

  /** Which way a threshold is crossed. */
  enum Direction {
    ABOVE,
    BELOW
  }

  /**
   * A statistic of the room's readings over {@code window} is above (or below) {@code threshold}.
   * Once firing, the alert stays firing until the statistic is back at or past {@code clear}, so a
   * value wandering around the threshold does not flap; {@code clear} equal to the threshold means
   * no such band.
   */
  record Threshold(
      Statistic statistic, Duration window, Direction direction, double threshold, double clear)
      implements Condition {
    public Threshold {
      Objects.requireNonNull(statistic, "statistic");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(window, "window");
      if (window.isNegative() || window.isZero()) {
        throw new InvalidAlertRuleException("threshold.window", "window must be positive");
      }
      if (window.getNano() % 1_000_000 != 0) {
        throw new InvalidAlertRuleException(
            "threshold.window", "window must be a whole number of milliseconds");
      }
      if (window.compareTo(Duration.between(Window.EARLIEST, Window.LATEST)) > 0) {
        throw new InvalidAlertRuleException("threshold.window", "window is too long");
      }
      String side = direction == Direction.ABOVE ? "above" : "below";
      if (!Double.isFinite(threshold)) {
        throw new InvalidAlertRuleException("threshold." + side, side + " must be a number");
      }
      if (!Double.isFinite(clear)) {
        throw new InvalidAlertRuleException("threshold.clear", "clear must be a number");
      }
      if (direction == Direction.ABOVE && clear > threshold) {
        throw new InvalidAlertRuleException(
            "threshold.clear",
            "clear ("
                + format(clear)
                + ") must not be above the threshold it clears (above: "
                + format(threshold)
                + "): an alert that fires above a value resolves at or below a lower one");
      }
      if (direction == Direction.BELOW && clear < threshold) {
        throw new InvalidAlertRuleException(
            "threshold.clear",
            "clear ("
                + format(clear)
                + ") must not be below the threshold it clears (below: "
                + format(threshold)
                + "): an alert that fires below a value resolves at or above a higher one");
      }
    }

    @Override
    public Optional<Duration> span() {
      return Optional.of(window);
    }

    /** Whether a firing alert can hold between the threshold and the clear value. */
    public boolean hasBand() {
      return clear != threshold;
    }

    @Override
    public Verdict judge(RoomOverview room, Instant at) {
      OptionalDouble found = statistic.of(room.recent());
      if (found.isEmpty()) {
        return new Verdict.NoData();
      }
      double value = found.getAsDouble();
      boolean breaching = direction == Direction.ABOVE ? value > threshold : value < threshold;
      if (breaching) {
        return new Verdict.Breaching(value, at);
      }
      boolean cleared = direction == Direction.ABOVE ? value <= clear : value >= clear;
      return cleared ? new Verdict.Clear(value) : new Verdict.Holding(value);
    }

    @Override
    public String toString() {
      return statistic.text()
          + " over "
          + describe(window)
          + (direction == Direction.ABOVE ? " above " : " below ")
          + format(threshold)
          + (hasBand() ? " (clear at " + format(clear) + ")" : "");
    }
  }

  /**
   * The room's newest reading is older than {@code after}. The value is the age of that reading in
   * seconds. A room that never reported has no overview, so it is never silent.
   */
  record Silence(Duration after) implements Condition {
    public Silence {
      Objects.requireNonNull(after, "after");
      if (after.isNegative() || after.isZero()) {
        throw new InvalidAlertRuleException("silence.after", "after must be positive");
      }
      if (after.getNano() % 1_000_000 != 0) {
        throw new InvalidAlertRuleException(
            "silence.after", "after must be a whole number of milliseconds");
      }
    }

    @Override
    public Optional<Duration> span() {
      return Optional.empty();
    }

    @Override
    public Verdict judge(RoomOverview room, Instant at) {
      Instant newest = room.latest().recordedAt();
      double age = Math.max(0, Duration.between(newest, at).toMillis() / 1000.0);
      // Silent from the first millisecond past `after` with no newer reading: known exactly from
      // the data, so a restarted process finds the same moment.
      Instant silentFrom = newest.plus(after).plusMillis(1);
      return at.isBefore(silentFrom)
          ? new Verdict.Clear(age)
          : new Verdict.Breaching(age, silentFrom);
    }

    @Override
    public String toString() {
      return "no reading for " + describe(after);
    }
  }
}
