package dev.temperature.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The aggregate of the readings in {@code [start, start + interval)}, clipped to the window asked
 * about.
 */
public record TimeBucket(Instant start, Aggregate aggregate) {
  public TimeBucket {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(aggregate, "aggregate");
  }
}
