package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A closed time interval: both {@code from} and {@code to} belong to it. Both ends are whole
 * milliseconds, the precision of a {@link Reading}, so that every store decides membership the same
 * way, and both lie between {@link #EARLIEST} and {@link #LATEST}, so that every store can hold
 * them.
 */
public record Window(Instant from, Instant to) implements Period {
  /** No reading is older, so no window needs to start earlier. */
  public static final Instant EARLIEST = Reading.EARLIEST;

  /**
   * Far beyond any reading a clock can produce, and before the first moment an engine cannot
   * represent (InfluxDB's nanosecond timestamps end in April 2262).
   */
  public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  public Window {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.getNano() % 1_000_000 != 0 || to.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("window ends must be whole milliseconds");
    }
    requireInRange("from", from);
    requireInRange("to", to);
    if (from.isAfter(to)) {
      throw new InvalidValueException(
          Subject.WINDOW, "window starts (" + from + ") after it ends (" + to + ")");
    }
  }

  /**
   * The window a client asked for with {@code from} and {@code to}, both included. Every pair of
   * moments names a window, so that the API can state its rules one parameter at a time:
   *
   * <ul>
   *   <li>the ends are taken in time order, so {@code to} before {@code from} asks for the same
   *       window as the other way round;
   *   <li>an end before {@link #EARLIEST} or after {@link #LATEST} is moved there: no reading lies
   *       beyond, so the answer is the same;
   *   <li>both ends are truncated to the millisecond, as a reading's time is when it is recorded.
   * </ul>
   */
  public static Window between(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Instant first = from.isAfter(to) ? to : from;
    Instant last = from.isAfter(to) ? from : to;
    return new Window(clamped(first), clamped(last));
  }

  private static Instant clamped(Instant moment) {
    if (moment.isBefore(EARLIEST)) {
      return EARLIEST;
    }
    if (moment.isAfter(LATEST)) {
      return LATEST;
    }
    return moment.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Returns {@code moment} if a window may start or end there; {@code name} is how the client
   * called it.
   */
  public static Instant requireInRange(String name, Instant moment) {
    Objects.requireNonNull(moment, name);
    if (moment.isBefore(EARLIEST) || moment.isAfter(LATEST)) {
      throw new InvalidValueException(
          Subject.WINDOW,
          name + " must be between " + EARLIEST + " and " + LATEST + ", got " + moment);
    }
    return moment;
  }

  /**
   * Any window: its length relates two parameters, {@code from} and {@code to}, which no schema of
   * the API document can state, and it is bounded already by {@link #EARLIEST} and {@link #LATEST}.
   * The work of a long window is bounded by each store's query time budget instead.
   */
  @Override
  public Window requireAtMost(Duration maximum) {
    return this;
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
