package dev.temperature.domain;

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
   * Refuses a lookback longer than {@code maximum}, so that no question can be made arbitrarily
   * big. A window named by {@code from} and {@code to} is bounded by the range every window lies in
   * alone (see {@link Window#requireAtMost}).
   */
  Period requireAtMost(Duration maximum);
}
