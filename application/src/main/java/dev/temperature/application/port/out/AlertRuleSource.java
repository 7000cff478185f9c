package dev.temperature.application.port.out;

import dev.temperature.domain.alerting.AlertRules;

/** Where the alert rules come from: a file written by operators, read anew on each call. */
public interface AlertRuleSource {
  /**
   * The rules as they are now.
   *
   * @throws InvalidAlertRulesException when they cannot be read or are invalid.
   */
  AlertRules load();

  /** Where the rules are read from, for messages: a file's path. */
  String describe();
}
