package dev.temperature.application.service;

import dev.temperature.domain.Interval;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.InvalidValueException.Subject;
import dev.temperature.domain.Lookback;
import dev.temperature.domain.Period;
import dev.temperature.domain.Series;
import dev.temperature.domain.Window;
import java.time.Duration;

/**
 * How big a question may be: the longest period, the most buckets in a series, the most readings in
 * a page, and the most readings an overview page may summarise (its rooms times its period, in
 * room-days). Each keeps one request from costing the database an unbounded amount of work. A
 * question past one is refused before the store is asked, naming the limit and the configuration
 * key that sets it ({@code queries.*}), so that a client knows what to ask an operator for.
 */
public record QueryLimits(
    Duration maxPeriod, int maxBuckets, int maxPageSize, int maxOverviewRoomDays) {
  /** A hundred rooms over ten days, a thousand over one; the dashboard asks 100 × 15 minutes. */
  public static final int DEFAULT_OVERVIEW_ROOM_DAYS = 1000;

  public static final QueryLimits DEFAULT =
      new QueryLimits(Duration.ofDays(366), 2000, 1000, DEFAULT_OVERVIEW_ROOM_DAYS);

  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  public QueryLimits {
    if (maxPeriod == null || maxPeriod.isNegative() || maxPeriod.isZero()) {
      throw new IllegalArgumentException("the longest period must be positive");
    }
    if (maxBuckets < 1 || maxPageSize < 1 || maxOverviewRoomDays < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
  }

  /** With the default overview limit, {@link #DEFAULT_OVERVIEW_ROOM_DAYS}. */
  public QueryLimits(Duration maxPeriod, int maxBuckets, int maxPageSize) {
    this(maxPeriod, maxBuckets, maxPageSize, DEFAULT_OVERVIEW_ROOM_DAYS);
  }

  /** Refuses an interval so small that the window would make more than the most buckets. */
  void requireBuckets(Window window, Interval interval) {
    long count = Series.bucketCount(window, interval);
    if (count > maxBuckets) {
      throw new InvalidValueException(
          Subject.INTERVAL,
          "interval '"
              + interval.text()
              + "' would make "
              + count
              + " buckets; at most "
              + maxBuckets
              + " are allowed (queries.maxBuckets), so choose a longer interval or a shorter"
              + " window");
    }
  }

  /**
   * Refuses an overview page whose rooms times period passes the most room-days: the readings of
   * every room of the page over the whole period are read to answer it.
   */
  void requireOverviewWork(Period period, int rooms) {
    long periodMillis = period.length().toMillis();
    if ((long) rooms * periodMillis <= (long) maxOverviewRoomDays * DAY_MILLIS) {
      return;
    }
    long roomDays = ((long) rooms * periodMillis + DAY_MILLIS - 1) / DAY_MILLIS;
    boolean lookback = period instanceof Lookback;
    throw new InvalidValueException(
        lookback ? Subject.DURATION : Subject.WINDOW,
        "a page of "
            + rooms
            + " rooms over "
            + (lookback
                ? "duration '" + ((Lookback) period).text() + "'"
                : "the window from " + ((Window) period).from() + " to " + ((Window) period).to())
            + " would summarise about "
            + roomDays
            + " room-days of readings; at most "
            + maxOverviewRoomDays
            + " are allowed (queries.maxOverviewRoomDays), so ask for fewer rooms (limit) or a"
            + " shorter period");
  }
}
