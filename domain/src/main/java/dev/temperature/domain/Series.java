package dev.temperature.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A room's readings over a window in buckets of one {@link Interval}: one bucket for every aligned
 * start from the bucket holding {@code window.from} to the one holding {@code window.to}, empty
 * ones included with count 0. The first and last buckets are clipped to the window.
 *
 * <p>A series answers at most a page of buckets; {@code rest} is the part of the window asked for
 * that the next page covers, starting on a bucket boundary, when there is more.
 */
public record Series(
    Window window, Interval interval, List<TimeBucket> buckets, Optional<Window> rest) {
  public Series {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(interval, "interval");
    buckets = List.copyOf(buckets);
    Objects.requireNonNull(rest, "rest");
  }

  /** How many buckets a window and interval make. */
  public static long bucketCount(Window window, Interval interval) {
    long first = interval.bucketStart(window.from()).toEpochMilli();
    long last = interval.bucketStart(window.to()).toEpochMilli();
    return (last - first) / interval.millis() + 1;
  }

  /**
   * The part of {@code asked} the first page covers: all of it when it makes at most {@code
   * maximum} buckets, else its first {@code maximum} buckets. Every window and interval can be
   * answered this way, page by page, so their relation is never a reason to refuse a question.
   */
  public static Window firstPage(Window asked, Interval interval, int maximum) {
    if (maximum < 1) {
      throw new IllegalArgumentException("a page holds at least one bucket");
    }
    if (bucketCount(asked, interval) <= maximum) {
      return asked;
    }
    Instant next = interval.bucketStart(asked.from()).plus(interval.length().multipliedBy(maximum));
    return new Window(asked.from(), next.minusMillis(1));
  }

  /** What is left of {@code asked} after {@code page}, when anything is. */
  public static Optional<Window> rest(Window asked, Window page) {
    return page.to().equals(asked.to())
        ? Optional.empty()
        : Optional.of(new Window(page.to().plusMillis(1), asked.to()));
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
    return new Series(window, interval, all, Optional.empty());
  }

  /** This page, followed by {@code rest}. */
  public Series followedBy(Optional<Window> rest) {
    return new Series(window, interval, buckets, rest);
  }
}
