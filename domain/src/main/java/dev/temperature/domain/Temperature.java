package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;

/** A temperature in degrees Celsius: finite and never below absolute zero. */
public record Temperature(double celsius) {
  public static final double ABSOLUTE_ZERO_CELSIUS = -273.15;

  public Temperature {
    if (!Double.isFinite(celsius)) {
      throw new InvalidValueException(
          Subject.TEMPERATURE, "temperature must be a finite number, got " + celsius);
    }
    if (celsius < ABSOLUTE_ZERO_CELSIUS) {
      throw new InvalidValueException(
          Subject.TEMPERATURE,
          "temperature must not be below absolute zero ("
              + ABSOLUTE_ZERO_CELSIUS
              + " °C), got "
              + celsius);
    }
  }

  public static Temperature celsius(double celsius) {
    return new Temperature(celsius);
  }
}
