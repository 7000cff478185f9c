package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What this deployment accepts as a reading: a plausible temperature, and a time that is not
 * further in the future than clocks can reasonably disagree.
 */
public record ReadingPolicy(PlausibleRange plausibleRange, Duration maxFutureSkew) {
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);
  public static final ReadingPolicy DEFAULT =
      new ReadingPolicy(PlausibleRange.DEFAULT, DEFAULT_MAX_FUTURE_SKEW);

  public ReadingPolicy {
    Objects.requireNonNull(plausibleRange, "plausibleRange");
    if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("the future skew must be zero or positive");
    }
  }

  /** Returns the reading if it is acceptable at {@code now}, otherwise says which rule it broke. */
  public Reading check(Reading reading, Instant now) {
    if (!plausibleRange.contains(reading.temperature())) {
      throw new InvalidValueException(
          Subject.TEMPERATURE,
          "temperature "
              + reading.temperature().celsius()
              + " °C is outside the plausible range ["
              + plausibleRange.lowest().celsius()
              + ", "
              + plausibleRange.highest().celsius()
              + "] °C");
    }
    Instant latest = now.plus(maxFutureSkew);
    if (reading.recordedAt().isAfter(latest)) {
      throw new InvalidValueException(
          Subject.RECORDED_AT,
          "recorded_at "
              + reading.recordedAt()
              + " is in the future; at most "
              + maxFutureSkew.toSeconds()
              + " s ahead of the server clock ("
              + now
              + ") is accepted");
    }
    return reading;
  }

  /**
   * Refuses a reading that a store keeping readings for {@code retention} would drop. The store's
   * clock may run ahead of ours by as much as the future skew allows, so the edge is moved that
   * much closer: a reading the store would refuse is never acknowledged.
   */
  public Reading checkRetained(Reading reading, Instant now, Duration retention) {
    Instant oldest = now.minus(retention).plus(maxFutureSkew);
    if (reading.recordedAt().isBefore(oldest)) {
      throw new InvalidValueException(
          Subject.RECORDED_AT,
          "recorded_at "
              + reading.recordedAt()
              + " is older than readings are kept (retention "
              + retention.toSeconds()
              + " s less "
              + maxFutureSkew.toSeconds()
              + " s for clock skew, so nothing before "
              + oldest
              + ")");
    }
    return reading;
  }
}
