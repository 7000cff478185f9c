package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The {@code queries} block: limits on what a client may ask for. */
public class QueriesConfiguration {
  /** A year and a day: long enough for year-on-year questions, short enough to stay cheap. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration maxDuration = Duration.days(366);

  @JsonProperty
  public Duration getMaxDuration() {
    return maxDuration;
  }

  @JsonProperty
  public void setMaxDuration(Duration maxDuration) {
    this.maxDuration = maxDuration;
  }
}
