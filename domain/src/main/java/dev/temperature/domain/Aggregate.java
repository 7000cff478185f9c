package dev.temperature.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What storage computes over a window: how many readings, their sum, lowest and highest value. Each
 * engine can produce it in one query, so the work stays in the database, and the rules for turning
 * it into an answer stay here.
 *
 * <p>For an empty window {@code sum} is 0 and {@code min}/{@code max} are NaN; use {@link #EMPTY}.
 */
public record Aggregate(long count, double sum, double min, double max) {
  public static final int MEAN_DECIMALS = 3;

  public static final Aggregate EMPTY = new Aggregate(0, 0.0, Double.NaN, Double.NaN);

  public Aggregate {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    if (count == 0 && (sum != 0.0 || !Double.isNaN(min) || !Double.isNaN(max))) {
      throw new IllegalArgumentException("an empty aggregate has sum 0 and no min or max");
    }
    if (count > 0
        && !(Double.isFinite(sum) && Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
      throw new IllegalArgumentException(
          "a non-empty aggregate needs a finite sum and min <= max, got "
              + sum
              + ", "
              + min
              + ", "
              + max);
    }
  }

  /**
   * The aggregate a store read back, whatever it reported as sum, min and max for no readings (0,
   * 0.0 or a SQL NULL read as 0): with a count of 0 it is {@link #EMPTY}.
   */
  public static Aggregate of(long count, double sum, double min, double max) {
    return count == 0 ? EMPTY : new Aggregate(count, sum, min, max);
  }

  /**
   * The aggregate of the readings of both: counts and sums added, the lower minimum, the higher
   * maximum. How hourly and daily rollups and raw edges make up a window's answer.
   */
  public Aggregate plus(Aggregate other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    return new Aggregate(
        count + other.count, sum + other.sum, Math.min(min, other.min), Math.max(max, other.max));
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * The mean temperature, rounded half-up to {@value #MEAN_DECIMALS} decimals (a thousandth of a
   * degree): finer than any room sensor resolves, and coarse enough that engines which sum in a
   * different order give the same answer. Empty when there are no readings.
   */
  public Optional<Temperature> mean() {
    if (isEmpty()) {
      return Optional.empty();
    }
    // The true mean lies within [min, max]; summation error can nudge it just outside (every
    // reading at absolute zero), so clamp before rounding to keep the result a valid Temperature.
    double mean = Math.max(min, Math.min(max, sum / count));
    double rounded =
        BigDecimal.valueOf(mean).setScale(MEAN_DECIMALS, RoundingMode.HALF_UP).doubleValue();
    return Optional.of(Temperature.celsius(rounded));
  }
}
