package dev.temperature.domain;

import java.util.Objects;

/**
 * The temperatures this deployment accepts, on top of the physical limit that {@link Temperature}
 * enforces. A sensor that reports 3000 °C is broken; storing its value would poison every average
 * that includes it.
 */
public record PlausibleRange(Temperature lowest, Temperature highest) {
  /**
   * Covers every air temperature measured on Earth and a sauna, and rejects typical sensor faults.
   */
  public static final PlausibleRange DEFAULT =
      new PlausibleRange(Temperature.celsius(-90.0), Temperature.celsius(150.0));

  public PlausibleRange {
    Objects.requireNonNull(lowest, "lowest");
    Objects.requireNonNull(highest, "highest");
    if (lowest.celsius() > highest.celsius()) {
      throw new IllegalArgumentException(
          "plausible range is empty: lowest "
              + lowest.celsius()
              + " is above highest "
              + highest.celsius());
    }
  }

  public boolean contains(Temperature temperature) {
    return temperature.celsius() >= lowest.celsius() && temperature.celsius() <= highest.celsius();
  }
}
