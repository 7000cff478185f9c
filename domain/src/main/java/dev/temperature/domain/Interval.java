package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Duration;
import java.time.Instant;

/**
 * A fixed width of the buckets of a {@link Series}, as the client wrote it ({@code 1h}, {@code
 * PT15M}, {@code 7d}).
 *
 * <p>Buckets are aligned to whole multiples of the width since 1970-01-01T00:00:00Z: with {@code
 * 1h} they start on the hour (UTC), with {@code 2d} at midnight UTC, with {@code 7d} on Thursdays
 * (the epoch's weekday). Every storage engine is asked for exactly this alignment. A client's
 * {@code 1d}, {@code 1w} and {@code 1M} are calendar buckets instead ({@link CalendarInterval}).
 */
public record Interval(String text, Duration length) implements Bucketing {
  /**
   * A year and a day. Wider buckets would start far before the window they cover (alignment is to
   * the epoch), beyond what some engines can represent, and a chart needs none.
   */
  public static final Duration LONGEST = Duration.ofDays(366);

  public Interval {
    if (text == null || length == null) {
      throw new InvalidValueException(Subject.INTERVAL, "interval is required");
    }
    if (length.compareTo(LONGEST) > 0) {
      throw new InvalidValueException(
          Subject.INTERVAL,
          "interval '"
              + text
              + "' is longer than the maximum of "
              + DurationText.describe(LONGEST));
    }
    DurationText.requireValid(text, length, Subject.INTERVAL, "interval");
  }

  public static Interval parse(String text) {
    return new Interval(text, DurationText.parse(text, Subject.INTERVAL, "interval"));
  }

  public long millis() {
    return length.toMillis();
  }

  /**
   * The start of the bucket that holds {@code moment}. Works before 1970 too (floor, not truncate).
   */
  @Override
  public Instant bucketStart(Instant moment) {
    return Instant.ofEpochMilli(Math.floorDiv(moment.toEpochMilli(), millis()) * millis());
  }

  @Override
  public Instant nextStart(Instant start) {
    return start.plus(length);
  }

  @Override
  public Instant startAfter(Instant start, int count) {
    return start.plus(length.multipliedBy(count));
  }

  @Override
  public long bucketCount(Window window) {
    long first = bucketStart(window.from()).toEpochMilli();
    long last = bucketStart(window.to()).toEpochMilli();
    return (last - first) / millis() + 1;
  }
}
