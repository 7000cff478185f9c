package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A room's readings over a window in buckets: one bucket for every start from the bucket holding
 * {@code window.from} to the one holding {@code window.to}, empty ones included with count 0. The
 * first and last buckets are clipped to the window. {@code resolution} says how fine the answer is
 * ({@link QueryPlan}).
 */
public record Series(
    Window window, Bucketing interval, List<TimeBucket> buckets, Resolution resolution) {
  public Series {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(interval, "interval");
    buckets = List.copyOf(buckets);
    Objects.requireNonNull(resolution, "resolution");
  }

  /** How many buckets a window and interval make; checked before anything is asked of storage. */
  public static long bucketCount(Window window, Bucketing interval) {
    return interval.bucketCount(window);
  }

  /** Refuses an interval so small that the window would make more than {@code maximum} buckets. */
  public static void requireAtMostBuckets(Window window, Bucketing interval, int maximum) {
    long count = bucketCount(window, interval);
    if (count > maximum) {
      throw new InvalidValueException(
          Subject.INTERVAL,
          "interval '"
              + interval.text()
              + "' would make "
              + count
              + " buckets; at most "
              + maximum
              + " are allowed, so choose a longer interval or a shorter window");
    }
  }

  /**
   * Each bucket of the window as a stretch of time {@code [start, end)}, clipped to the window:
   * what a bucket's aggregate covers. In time order.
   */
  public static List<Stretch> stretches(Window window, Bucketing interval) {
    List<Stretch> stretches = new ArrayList<>();
    Instant end = window.to().plusMillis(1);
    for (Instant start = interval.bucketStart(window.from());
        start.isBefore(end);
        start = interval.nextStart(start)) {
      Instant next = interval.nextStart(start);
      stretches.add(
          new Stretch(
              start, start.isBefore(window.from()) ? window.from() : start, min(next, end)));
    }
    return stretches;
  }

  /**
   * A bucket as a stretch of time: it starts at {@code start} and covers {@code [from, to)}, which
   * is the whole bucket or, for the first and last, its part inside the window.
   */
  public record Stretch(Instant start, Instant from, Instant to) {}

  /** Completes what storage returned (non-empty buckets only) with the empty ones. */
  public static Series of(Window window, Bucketing interval, List<TimeBucket> nonEmpty) {
    return of(window, interval, nonEmpty, Resolution.RAW);
  }

  /** As {@link #of(Window, Bucketing, List)}, for an answer of the given resolution. */
  public static Series of(
      Window window, Bucketing interval, List<TimeBucket> nonEmpty, Resolution resolution) {
    Map<Instant, TimeBucket> byStart = new HashMap<>();
    for (TimeBucket bucket : nonEmpty) {
      Instant start = interval.bucketStart(bucket.start());
      if (!start.equals(bucket.start())) {
        throw new IllegalArgumentException(
            "storage returned a bucket at "
                + bucket.start()
                + ", not aligned to "
                + interval.text());
      }
      byStart.put(start, bucket);
    }
    List<TimeBucket> all = new ArrayList<>();
    for (Stretch stretch : stretches(window, interval)) {
      all.add(
          byStart.getOrDefault(stretch.start(), new TimeBucket(stretch.start(), Aggregate.EMPTY)));
    }
    return new Series(window, interval, all, resolution);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
