package dev.temperature.application.service;

import java.time.Duration;

/**
 * How big a question may be: the longest lookback ({@code duration}), the most buckets in a page of
 * a series, the most readings or rooms in a page. Each keeps one request from costing the database
 * an unbounded amount of work, and each bounds one parameter on its own, so that the API document
 * can state it (a window named by {@code from} and {@code to} is bounded by the range of windows).
 */
public record QueryLimits(Duration maxPeriod, int maxBuckets, int maxPageSize) {
  public static final QueryLimits DEFAULT = new QueryLimits(Duration.ofDays(366), 2000, 1000);

  public QueryLimits {
    if (maxPeriod == null || maxPeriod.isNegative() || maxPeriod.isZero()) {
      throw new IllegalArgumentException("the longest period must be positive");
    }
    if (maxBuckets < 1 || maxPageSize < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
  }
}
