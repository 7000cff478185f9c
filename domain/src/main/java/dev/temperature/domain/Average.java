package dev.temperature.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The mean temperature of a room over a window, or no value when the window holds no reading.
 *
 * <p>The mean is rounded half-up to {@value #DECIMALS} decimals (a thousandth of a degree): finer
 * than any room sensor resolves, and coarse enough that engines which sum in a different order
 * return the same answer.
 */
public record Average(Window window, long count, Optional<Temperature> value) {
  public static final int DECIMALS = 3;

  public Average {
    if (window == null || value == null) {
      throw new IllegalArgumentException("an average needs a window and an optional value");
    }
    if ((count == 0) != value.isEmpty()) {
      throw new IllegalArgumentException("an average has a value exactly when it has readings");
    }
  }

  public static Average of(Window window, Aggregate aggregate) {
    if (aggregate.isEmpty()) {
      return new Average(window, 0, Optional.empty());
    }
    // The true mean lies within [min, max]; summation error can nudge it just outside (every
    // reading at absolute zero), so clamp before rounding to keep the result a valid Temperature.
    double mean =
        Math.max(aggregate.min(), Math.min(aggregate.max(), aggregate.sum() / aggregate.count()));
    double result = BigDecimal.valueOf(mean).setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue();
    return new Average(window, aggregate.count(), Optional.of(Temperature.celsius(result)));
  }
}
