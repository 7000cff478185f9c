package dev.temperature.domain.alerting;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.Temperature;
import java.util.Locale;
import java.util.OptionalDouble;

/** Which number of a room's window a threshold rule compares. */
public enum Statistic {
  /** The mean, rounded as the API rounds it ({@link Aggregate#mean()}). */
  AVERAGE,
  MIN,
  MAX;

  public OptionalDouble of(Aggregate aggregate) {
    if (aggregate.isEmpty()) {
      return OptionalDouble.empty();
    }
    return switch (this) {
      case AVERAGE -> OptionalDouble.of(aggregate.mean().map(Temperature::celsius).orElseThrow());
      case MIN -> OptionalDouble.of(aggregate.min());
      case MAX -> OptionalDouble.of(aggregate.max());
    };
  }

  /** As the rule file writes it: {@code average}, {@code min}, {@code max}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Statistic parse(String text) {
    for (Statistic statistic : values()) {
      if (statistic.text().equals(text)) {
        return statistic;
      }
    }
    throw new InvalidAlertRuleException(
        "threshold.aggregate", "aggregate must be one of average, min, max, got '" + text + "'");
  }
}
