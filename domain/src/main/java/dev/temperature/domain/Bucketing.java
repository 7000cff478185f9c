package dev.temperature.domain;

import java.time.Instant;

/**
 * How a {@link Series} splits its window into buckets: fixed lengths aligned to the epoch ({@link
 * Interval}), or days, weeks and months of a time zone's calendar ({@link CalendarInterval}).
 */
public sealed interface Bucketing permits Interval, CalendarInterval {
  /** As the client wrote it: {@code 1h}, {@code PT15M}, {@code 1M}. */
  String text();

  /** The start of the bucket that holds {@code moment}. */
  Instant bucketStart(Instant moment);

  /** The start of the bucket after the one that starts at {@code start}. */
  Instant nextStart(Instant start);

  /** The start of the bucket {@code count} buckets after the one that starts at {@code start}. */
  Instant startAfter(Instant start, int count);

  /**
   * How many buckets the window makes, from the one holding its start to the one holding its end.
   */
  long bucketCount(Window window);

  /**
   * The bucketing a client asked for: {@code 1d}, {@code 1w} and {@code 1M} (or {@code P1D}, {@code
   * P1W}, {@code P1M}) are calendar days, ISO weeks and months in {@code zone}; every other
   * interval is a fixed length aligned to the epoch, whatever the zone.
   */
  static Bucketing parse(String text, Zone zone) {
    return CalendarInterval.parse(text, zone)
        .<Bucketing>map(calendar -> calendar)
        .orElseGet(() -> Interval.parse(text));
  }
}
