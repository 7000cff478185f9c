package dev.temperature.domain.alerting;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules in force. Names are unique, so that an alert's {@code alertname} tells which rule
 * raised it and a reload can tell a changed rule (its alerts keep their state) from a removed one
 * (its alerts are resolved).
 */
public record AlertRules(List<AlertRule> rules) {
  public static final AlertRules NONE = new AlertRules(List.of());

  public AlertRules {
    rules = List.copyOf(rules);
    Set<AlertName> seen = new HashSet<>();
    for (AlertRule rule : rules) {
      if (!seen.add(rule.name())) {
        throw new InvalidAlertRuleException(
            "alert",
            "alert name '"
                + rule.name()
                + "' is used by more than one rule; each rule needs a name of its own");
      }
    }
  }

  public int size() {
    return rules.size();
  }
}
