package dev.temperature.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A room's readings over a window in buckets: one bucket for every start from the bucket holding
 * {@code window.from} to the one holding {@code window.to}, empty ones included with count 0. The
 * first and last buckets are clipped to the window. {@code resolution} says how fine the answer is
 * ({@link QueryPlan}).
 *
 * <p>A series answers at most a page of buckets; {@code rest} is the part of the window asked for
 * that the next page covers, starting on a bucket boundary, when there is more.
 */
public record Series(
    Window window,
    Bucketing interval,
    List<TimeBucket> buckets,
    Resolution resolution,
    Optional<Window> rest) {
  public Series {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(interval, "interval");
    buckets = List.copyOf(buckets);
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(rest, "rest");
  }

  /** How many buckets a window and interval make. */
  public static long bucketCount(Window window, Bucketing interval) {
    return interval.bucketCount(window);
  }

  /**
   * The part of {@code asked} the first page covers: all of it when it makes at most {@code
   * maximum} buckets, else its first {@code maximum} buckets. Every window and interval can be
   * answered this way, page by page, so their relation is never a reason to refuse a question.
   */
  public static Window firstPage(Window asked, Bucketing interval, int maximum) {
    if (maximum < 1) {
      throw new IllegalArgumentException("a page holds at least one bucket");
    }
    if (bucketCount(asked, interval) <= maximum) {
      return asked;
    }
    Instant next = interval.startAfter(interval.bucketStart(asked.from()), maximum);
    return new Window(asked.from(), next.minusMillis(1));
  }

  /** What is left of {@code asked} after {@code page}, when anything is. */
  public static Optional<Window> rest(Window asked, Window page) {
    return page.to().equals(asked.to())
        ? Optional.empty()
        : Optional.of(new Window(page.to().plusMillis(1), asked.to()));
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
    return new Series(window, interval, all, resolution, Optional.empty());
  }

  /** This page, followed by {@code rest}. */
  public Series followedBy(Optional<Window> rest) {
    return new Series(window, interval, buckets, resolution, rest);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
