package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A room's readings over a window in buckets of one {@link Interval}: one bucket for every aligned
 * start from the bucket holding {@code window.from} to the one holding {@code window.to}, empty
 * ones included with count 0. The first and last buckets are clipped to the window.
 */
public record Series(Window window, Interval interval, List<TimeBucket> buckets) {
  public Series {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(interval, "interval");
    buckets = List.copyOf(buckets);
  }

  /** How many buckets a window and interval make; checked before anything is asked of storage. */
  public static long bucketCount(Window window, Interval interval) {
    long first = interval.bucketStart(window.from()).toEpochMilli();
    long last = interval.bucketStart(window.to()).toEpochMilli();
    return (last - first) / interval.millis() + 1;
  }

  /** Refuses an interval so small that the window would make more than {@code maximum} buckets. */
  public static void requireAtMostBuckets(Window window, Interval interval, int maximum) {
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

  /** Completes what storage returned (non-empty buckets only) with the empty ones. */
  public static Series of(Window window, Interval interval, List<TimeBucket> nonEmpty) {
    Map<Instant, TimeBucket> byStart = new HashMap<>();
    for (TimeBucket bucket : nonEmpty) {
      Instant start = interval.bucketStart(bucket.start());
      if (!start.equals(bucket.start())) {
        throw new IllegalArgumentException(
            "storage returned a bucket at " + bucket.start() + ", not aligned to " + interval);
      }
      byStart.put(start, bucket);
    }
    List<TimeBucket> all = new ArrayList<>();
    Instant last = interval.bucketStart(window.to());
    for (Instant start = interval.bucketStart(window.from());
        !start.isAfter(last);
        start = start.plus(interval.length())) {
      all.add(byStart.getOrDefault(start, new TimeBucket(start, Aggregate.EMPTY)));
    }
    return new Series(window, interval, all);
  }
}
