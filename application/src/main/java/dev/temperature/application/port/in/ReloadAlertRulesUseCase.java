package dev.temperature.application.port.in;

import dev.temperature.application.port.out.InvalidAlertRulesException;
import dev.temperature.domain.alerting.AlertRules;

/** Reads the rules again, without a restart. */
public interface ReloadAlertRulesUseCase {
  /**
   * The rules now in force. Alerts of a rule that keeps its name keep their state; those of a
   * removed rule are resolved at the next evaluation.
   *
   * @throws InvalidAlertRulesException when the rules cannot be read or are invalid; the rules
   *     loaded before stay in force.
   */
  AlertRules reload();
}
