package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How far back from now a question looks, as the client wrote it ({@code 15m}, {@code PT15M}); see
 * {@link DurationText} for the accepted forms.
 */
public record Lookback(String text, Duration length) implements Period {
  public Lookback {
    if (text == null || length == null) {
      throw new InvalidValueException(Subject.DURATION, "duration is required");
    }
    DurationText.requireValid(text, length, Subject.DURATION, "duration");
  }

  /** Parses what a client wrote. */
  public static Lookback parse(String text) {
    return new Lookback(text, DurationText.parse(text, Subject.DURATION, "duration"));
  }

  /** Returns this lookback if it reaches back no further than {@code maximum}. */
  @Override
  public Lookback requireAtMost(Duration maximum) {
    if (length.compareTo(maximum) > 0) {
      throw new InvalidValueException(
          Subject.DURATION,
          "duration '"
              + text
              + "' is longer than the maximum of "
              + DurationText.describe(maximum));
    }
    return this;
  }

  /**
   * The window that ends at {@code now} and reaches back by this length, both ends included.
   * Readings are kept to the millisecond, so the window is too. A lookback past {@link
   * Window#EARLIEST} starts there: no reading is older, so the answer is the same.
   */
  public Window endingAt(Instant now) {
    Instant to = now.truncatedTo(ChronoUnit.MILLIS);
    Instant from = to.minus(length);
    return new Window(from.isBefore(Window.EARLIEST) ? Window.EARLIEST : from, to);
  }

  @Override
  public Window resolve(Instant now) {
    return endingAt(now);
  }
}
