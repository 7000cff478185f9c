package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.application.service.QueryLimits;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The {@code queries} block: limits on what a client may ask for. */
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
    return new QueryLimits(maxDuration.toJavaDuration(), maxBuckets, maxPageSize);
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
