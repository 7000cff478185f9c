package dev.temperature.domain.alerting;

import java.util.Locale;

/**
 * Where an alert is in its life: pending while its condition holds for less than the rule's {@code
 * for}, firing once it has held that long, resolved once the value is back past the clear value. An
 * inactive alert is no alert at all.
 */
public enum AlertState {
  PENDING,
  FIRING,
  RESOLVED;

  /** As Prometheus and the API write it. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
