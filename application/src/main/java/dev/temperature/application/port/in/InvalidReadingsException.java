package dev.temperature.application.port.in;

import dev.temperature.domain.InvalidValueException;
import java.util.List;

/** Some readings of a batch broke a rule; nothing was stored. */
public final class InvalidReadingsException extends RuntimeException {
  /** The reading at {@code index} (0-based, as sent) broke the rule in {@code violation}. */
  public record Violation(int index, InvalidValueException violation) {}

  private final transient List<Violation> violations;

  public InvalidReadingsException(List<Violation> violations) {
    super(violations.size() + " of the readings are invalid; nothing was stored");
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
