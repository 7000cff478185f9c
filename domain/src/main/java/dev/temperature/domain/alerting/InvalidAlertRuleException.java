package dev.temperature.domain.alerting;

/**
 * An alert rule broke a rule of its own: a window that is not positive, a clear value on the wrong
 * side of its threshold, a label name Alertmanager would refuse. {@link #field()} names the field
 * of the rule as the rule file spells it ({@code threshold.clear}), so that whoever reads the rules
 * can say which file and rule it came from and point at the field.
 */
public final class InvalidAlertRuleException extends RuntimeException {
  private final String field;

  public InvalidAlertRuleException(String field, String message) {
    super(message);
    this.field = field;
  }

  public InvalidAlertRuleException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
