package dev.temperature.domain;

import java.util.Optional;

/**
 * The mean temperature of a room over a window, or no value when the window holds no reading.
 *
 * <p>The mean is rounded as {@link Aggregate#mean()} says.
 */
public record Average(Window window, long count, Optional<Temperature> value) {
  public Average {
    if (window == null || value == null) {
      throw new IllegalArgumentException("an average needs a window and an optional value");
    }
    if ((count == 0) != value.isEmpty()) {
      throw new IllegalArgumentException("an average has a value exactly when it has readings");
    }
  }

  public static Average of(Window window, Aggregate aggregate) {
    return new Average(window, aggregate.count(), aggregate.mean());
  }
}
