package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.application.commit.GroupCommitSettings;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The {@code writes} block: how the readings of concurrent requests are grouped into one write to
 * the store (group commit), how many may wait for it, and for how long.
 */
public class WritesConfiguration {
  /** A SQLite transaction or PostgreSQL statement of this size commits in milliseconds. */
  @Min(1)
  @Max(100_000)
  private int maxGroupSize = GroupCommitSettings.DEFAULT.maxGroupSize();

  /** About a second of the fastest store's ingest: enough to ride out a hiccup, not to hide one. */
  @Min(1)
  @Max(10_000_000)
  private int queueCapacity = GroupCommitSettings.DEFAULT.queueCapacity();

  /**
   * Long enough for a group behind a slow commit, short enough that a client, and the Jetty thread
   * it holds, is answered a 503 well before its own timeout when the store stops answering.
   */
  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
  private Duration maxWait = Duration.milliseconds(GroupCommitSettings.DEFAULT_MAX_WAIT.toMillis());

  @ValidationMethod(message = "writes.queueCapacity must be at least writes.maxGroupSize")
  @JsonIgnore
  public boolean isQueueAtLeastOneGroup() {
    return queueCapacity >= maxGroupSize;
  }

  /** With the storage's number of writers ({@code storage.writers}, 1 on SQLite). */
  GroupCommitSettings settings(int writers) {
    return new GroupCommitSettings(maxGroupSize, queueCapacity, maxWait.toJavaDuration(), writers);
  }

  @JsonProperty
  public int getMaxGroupSize() {
    return maxGroupSize;
  }

  @JsonProperty
  public void setMaxGroupSize(int maxGroupSize) {
    this.maxGroupSize = maxGroupSize;
  }

  @JsonProperty
  public int getQueueCapacity() {
    return queueCapacity;
  }

  @JsonProperty
  public void setQueueCapacity(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  @JsonProperty
  public Duration getMaxWait() {
    return maxWait;
  }

  @JsonProperty
  public void setMaxWait(Duration maxWait) {
    this.maxWait = maxWait;
  }
}
