package dev.temperature.application.port.in;

/**
 * Evaluates every rule once, moves each alert through its states and hands what Alertmanager must
 * hear to the notifier. Called by a scheduler on a thread of its own, never by a request.
 */
public interface EvaluateAlertsUseCase {
  void evaluate();
}
