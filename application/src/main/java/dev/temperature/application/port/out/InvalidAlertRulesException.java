package dev.temperature.application.port.out;

/**
 * The rules could not be read, or broke a rule: the message says where (the file, the rule, the
 * field) and why, for the operator who wrote them.
 */
public class InvalidAlertRulesException extends RuntimeException {
  public InvalidAlertRulesException(String message, Throwable cause) {
    super(message, cause);
  }
}
