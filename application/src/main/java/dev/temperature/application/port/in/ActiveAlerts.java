package dev.temperature.application.port.in;

import dev.temperature.domain.alerting.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The alerts that are pending or firing now, as of the last evaluation ({@code evaluatedAt}, empty
 * before the first one or when alerting is off), and how many rules are in force.
 */
public record ActiveAlerts(Optional<Instant> evaluatedAt, int rules, List<Alert> alerts) {
  /** What there is when alerting is off: no rules, no alerts. */
  public static final ActiveAlerts NONE = new ActiveAlerts(Optional.empty(), 0, List.of());

  public ActiveAlerts {
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    alerts = List.copyOf(alerts);
  }
}
