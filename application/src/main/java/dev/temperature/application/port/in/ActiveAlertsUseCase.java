package dev.temperature.application.port.in;

/**
 * Which alerts are pending or firing. Never asks the store: it answers from the last evaluation.
 */
public interface ActiveAlertsUseCase {
  /** When no rules file is configured. */
  ActiveAlertsUseCase NONE = () -> ActiveAlerts.NONE;

  ActiveAlerts active();
}
