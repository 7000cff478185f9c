package dev.temperature.domain.alerting;

import java.util.regex.Pattern;

/**
 * The name of an alert rule, sent to Alertmanager as the {@code alertname} label. Restricted to
 * what Prometheus allows for a metric name, so that it reads the same in Alertmanager's routes, in
 * PromQL-minded heads and in URLs.
 */
public record AlertName(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  public AlertName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new InvalidAlertRuleException(
          "alert",
          "an alert name is 1-128 letters, digits and '_', not starting with a digit (as a"
              + " Prometheus alert name), got '"
              + value
              + "'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
