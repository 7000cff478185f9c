package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Duration;
import java.time.Instant;

/**
 * The time a question covers: either the last so-long ({@link Lookback}, resolved against the clock
 * when the question is answered) or a fixed {@link Window} the client named.
 */
public sealed interface Period permits Lookback, Window {
  /** The window this period covers when asked at {@code now}. */
  Window resolve(Instant now);

  /** How long the period is. */
  Duration length();

  /**
   * Refuses a period longer than {@code maximum}, so that no question can be made arbitrarily big.
   */
  default Period requireAtMost(Duration maximum) {
    if (length().compareTo(maximum) > 0) {
      Subject subject = this instanceof Lookback ? Subject.DURATION : Subject.WINDOW;
      throw new InvalidValueException(
          subject,
          (this instanceof Lookback lookback
                  ? "duration '" + lookback.text() + "'"
                  : "the window from " + ((Window) this).from() + " to " + ((Window) this).to())
              + " is longer than the maximum of "
              + DurationText.describe(maximum));
    }
    return this;
  }
}
