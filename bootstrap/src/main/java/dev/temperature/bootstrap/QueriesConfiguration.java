package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.application.service.QueryLimits;
import dev.temperature.storage.StorageSettings;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The {@code queries} block: limits on what a client may ask for, and how long a query may run. */
public class QueriesConfiguration {
  /** A year and a day: long enough for year-on-year questions, short enough to stay cheap. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration maxDuration = Duration.days(366);

  /** Enough for a day in minutes or a week in 5-minute steps; a chart needs no more. */
  @Min(1)
  @Max(100_000)
  private int maxBuckets = 2000;

  /** At least the default page size (100), so that a listing without {@code limit} is allowed. */
  @Min(100)
  @Max(10_000)
  private int maxPageSize = 1000;

  /**
   * An overview page's rooms times its period: the dashboard asks 100 rooms over 15 minutes, about
   * one room-day; a thousand rooms over a year (366,000) is what this refuses.
   */
  @Min(1)
  @Max(10_000_000)
  private int maxOverviewRoomDays = QueryLimits.DEFAULT_OVERVIEW_ROOM_DAYS;

  /**
   * The time budget of one query, on every engine. Well below a client's patience and the drivers'
   * socket timeouts (PostgreSQL's 30 s; checked at start-up), above any query a chart needs.
   */
  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
  private Duration timeout = Duration.seconds(10);

  @JsonProperty
  public int getMaxBuckets() {
    return maxBuckets;
  }

  @JsonProperty
  public void setMaxBuckets(int maxBuckets) {
    this.maxBuckets = maxBuckets;
  }

  @JsonProperty
  public int getMaxPageSize() {
    return maxPageSize;
  }

  @JsonProperty
  public void setMaxPageSize(int maxPageSize) {
    this.maxPageSize = maxPageSize;
  }

  public QueryLimits limits() {
    return new QueryLimits(
        maxDuration.toJavaDuration(), maxBuckets, maxPageSize, maxOverviewRoomDays);
  }

  /** What every store is asked to honour: the query budget. */
  public StorageSettings storageSettings() {
    return new StorageSettings(timeout.toJavaDuration());
  }

  @JsonProperty
  public int getMaxOverviewRoomDays() {
    return maxOverviewRoomDays;
  }

  @JsonProperty
  public void setMaxOverviewRoomDays(int maxOverviewRoomDays) {
    this.maxOverviewRoomDays = maxOverviewRoomDays;
  }

  @JsonProperty
  public Duration getTimeout() {
    return timeout;
  }

  @JsonProperty
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  @JsonProperty
  public Duration getMaxDuration() {
    return maxDuration;
  }

  @JsonProperty
  public void setMaxDuration(Duration maxDuration) {
    this.maxDuration = maxDuration;
  }
}
