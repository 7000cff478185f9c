package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A closed time interval: both {@code from} and {@code to} belong to it. Both ends are whole
 * milliseconds, the precision of a {@link Reading}, so that every store decides membership the same
 * way.
 */
public record Window(Instant from, Instant to) implements Period {
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

  /**
   * The window a client asked for with {@code from} and {@code to}, both included, reduced to the
   * whole milliseconds between them (readings are kept to the millisecond).
   */
  public static Window between(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Instant start = from.truncatedTo(ChronoUnit.MILLIS);
    if (start.isBefore(from)) {
      start = start.plusMillis(1);
    }
    Instant end = to.truncatedTo(ChronoUnit.MILLIS);
    if (start.isAfter(end)) {
      throw new InvalidValueException(
          Subject.WINDOW, "from (" + from + ") must not be after to (" + to + ")");
    }
    return new Window(start, end);
  }

  @Override
  public Window resolve(Instant now) {
    return this;
  }

  @Override
  public Duration length() {
    return Duration.between(from, to);
  }

  public boolean contains(Instant moment) {
    return !moment.isBefore(from) && !moment.isAfter(to);
  }
}
