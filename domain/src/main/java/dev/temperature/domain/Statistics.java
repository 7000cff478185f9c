package dev.temperature.domain;

import java.util.Objects;
import java.util.Optional;

/** Count, mean, lowest and highest temperature of a room over a window; no values when empty. */
public record Statistics(
    Window window,
    long count,
    Optional<Temperature> average,
    Optional<Temperature> min,
    Optional<Temperature> max) {
  public Statistics {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(average, "average");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
  }

  public static Statistics of(Window window, Aggregate aggregate) {
    if (aggregate.isEmpty()) {
      return new Statistics(window, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }
    return new Statistics(
        window,
        aggregate.count(),
        aggregate.mean(),
        Optional.of(Temperature.celsius(aggregate.min())),
        Optional.of(Temperature.celsius(aggregate.max())));
  }
}
