package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.domain.PlausibleRange;
import dev.temperature.domain.ReadingPolicy;
import dev.temperature.domain.Temperature;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The {@code readings} block: what a reading must satisfy to be stored. */
public class ReadingsConfiguration {
  @DecimalMin("-273.15")
  private double plausibleMin = PlausibleRange.DEFAULT.lowest().celsius();

  @DecimalMin("-273.15")
  private double plausibleMax = PlausibleRange.DEFAULT.highest().celsius();

  /** Clocks that disagree by more than a day are broken; readings from them are not trusted. */
  @NotNull
  @MaxDuration(value = 1, unit = TimeUnit.DAYS)
  private Duration maxFutureSkew =
      Duration.seconds(ReadingPolicy.DEFAULT_MAX_FUTURE_SKEW.toSeconds());

  @JsonProperty
  public double getPlausibleMin() {
    return plausibleMin;
  }

  @JsonProperty
  public void setPlausibleMin(double plausibleMin) {
    this.plausibleMin = plausibleMin;
  }

  @JsonProperty
  public double getPlausibleMax() {
    return plausibleMax;
  }

  @JsonProperty
  public void setPlausibleMax(double plausibleMax) {
    this.plausibleMax = plausibleMax;
  }

  @JsonProperty
  public Duration getMaxFutureSkew() {
    return maxFutureSkew;
  }

  @JsonProperty
  public void setMaxFutureSkew(Duration maxFutureSkew) {
    this.maxFutureSkew = maxFutureSkew;
  }

  public ReadingPolicy policy() {
    return new ReadingPolicy(
        new PlausibleRange(Temperature.celsius(plausibleMin), Temperature.celsius(plausibleMax)),
        maxFutureSkew.toJavaDuration());
  }
}
