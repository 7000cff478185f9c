package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Instant;
import java.util.Objects;

/**
 * A closed time interval: both {@code from} and {@code to} belong to it. Both ends are whole
 * milliseconds, the precision of a {@link Reading}, so that every store decides membership the same
 * way.
 */
public record Window(Instant from, Instant to) {
  public Window {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.getNano() % 1_000_000 != 0 || to.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("window ends must be whole milliseconds");
    }
    if (from.isAfter(to)) {
      throw new InvalidValueException(
          Subject.WINDOW, "window starts (" + from + ") after it ends (" + to + ")");
    }
  }

  public boolean contains(Instant moment) {
    return !moment.isBefore(from) && !moment.isAfter(to);
  }
}
