package dev.temperature.domain;

import java.util.Optional;

/**
 * The mean temperature of a room over a window, or no value when the window holds no reading.
 *
 * <p>The mean is rounded as {@link Aggregate#mean()} says; {@code resolution} says how fine the
 * answer is ({@link QueryPlan}).
 */
public record Average(
    Window window, long count, Optional<Temperature> value, Resolution resolution) {
  public Average {
    if (window == null || value == null || resolution == null) {
      throw new IllegalArgumentException(
          "an average needs a window, an optional value and a resolution");
    }
    if ((count == 0) != value.isEmpty()) {
      throw new IllegalArgumentException("an average has a value exactly when it has readings");
    }
  }

  /** The average of the readings themselves. */
  public static Average of(Window window, Aggregate aggregate) {
    return of(window, aggregate, Resolution.RAW);
  }

  public static Average of(Window window, Aggregate aggregate, Resolution resolution) {
    return new Average(window, aggregate.count(), aggregate.mean(), resolution);
  }
}
