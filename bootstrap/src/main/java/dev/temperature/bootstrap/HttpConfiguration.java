package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The {@code http} block: limits of the REST API itself. */
public class HttpConfiguration {
  /** Far above a reading (~60 bytes), low enough that a client cannot make us buffer much. */
  @NotNull
  @MinDataSize(64)
  private DataSize maxBodySize = DataSize.mebibytes(1);

  @Min(1)
  @Max(100_000)
  private int maxBatchSize = 5000;

  /** A few seconds: dashboards that poll get 304s, and a new reading shows within that time. */
  @NotNull private Duration cacheMaxAge = Duration.seconds(5);

  @JsonProperty
  public int getMaxBatchSize() {
    return maxBatchSize;
  }

  @JsonProperty
  public void setMaxBatchSize(int maxBatchSize) {
    this.maxBatchSize = maxBatchSize;
  }

  @JsonProperty
  public Duration getCacheMaxAge() {
    return cacheMaxAge;
  }

  @JsonProperty
  public void setCacheMaxAge(Duration cacheMaxAge) {
    this.cacheMaxAge = cacheMaxAge;
  }

  @JsonProperty
  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  @JsonProperty
  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }
}
