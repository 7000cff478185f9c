package dev.temperature.domain;

/**
 * A value broke a rule of the domain: a malformed identifier, an implausible temperature, an
 * unparseable duration. The message is written for the API client and names the rule, never the
 * internals; {@link #subject()} says which value it is about, so an adapter can point at the field
 * it came from.
 */
public final class InvalidValueException extends RuntimeException {
  /** The kinds of value the domain validates. */
  public enum Subject {
    BUILDING,
    ROOM,
    TEMPERATURE,
    RECORDED_AT,
    DURATION,
    INTERVAL,
    TIME_ZONE,
    WINDOW
  }

  private final Subject subject;

  public InvalidValueException(Subject subject, String message) {
    super(message);
    this.subject = subject;
  }

  public InvalidValueException(Subject subject, String message, Throwable cause) {
    super(message, cause);
    this.subject = subject;
  }

  public Subject subject() {
    return subject;
  }
}
