package dev.temperature.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Count, mean, lowest and highest temperature of a room over a window; no values when empty. {@code
 * resolution} says how fine the answer is ({@link QueryPlan}).
 */
public record Statistics(
    Window window,
    long count,
    Optional<Temperature> average,
    Optional<Temperature> min,
    Optional<Temperature> max,
    Resolution resolution) {
  public Statistics {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(average, "average");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
  }

  /** The statistics of the readings themselves. */
  public static Statistics of(Window window, Aggregate aggregate) {
    return of(window, aggregate, Resolution.RAW);
  }

  public static Statistics of(Window window, Aggregate aggregate, Resolution resolution) {
    if (aggregate.isEmpty()) {
      return new Statistics(
          window, 0, Optional.empty(), Optional.empty(), Optional.empty(), resolution);
    }
    return new Statistics(
        window,
        aggregate.count(),
        aggregate.mean(),
        Optional.of(Temperature.celsius(aggregate.min())),
        Optional.of(Temperature.celsius(aggregate.max())),
        resolution);
  }
}
