package dev.temperature.application.service;

import dev.temperature.domain.Window;
import java.time.Duration;

/**
 * How big a question may be: the longest lookback ({@code duration}), the most buckets in a page of
 * a series, the most readings or rooms in a page, and the most readings an overview page may
 * summarise (its rooms times its period, in room-days). Each keeps one request from costing the
 * database an unbounded amount of work. The first three bound one parameter each, so that the API
 * document can state them (a window named by {@code from} and {@code to} is bounded by the range of
 * windows); the two that depend on more than one parameter, buckets and room-days, shorten the page
 * instead of refusing the question: the rest is on the next page.
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

  /**
   * How many rooms an overview page over {@code window} holds when {@code asked} were asked for: as
   * many as fit in {@link #maxOverviewRoomDays}, never fewer than one, since every room's readings
   * over the whole window are read to answer it.
   */
  int overviewRooms(Window window, int asked) {
    // An empty-length window (from = to) counts as a millisecond, so the division is defined.
    long windowMillis = Math.max(1, window.length().toMillis());
    long fit = (long) maxOverviewRoomDays * DAY_MILLIS / windowMillis;
    return (int) Math.max(1, Math.min(asked, fit));
  }
}
