package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.domain.Retention;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code retention} block: how long raw readings and their hourly and daily rollups are kept,
 * each {@code forever} (the default) or a length such as {@code 90d}, and how often the job that
 * removes older ones runs.
 *
 * <pre>
 * retention:
 *   raw: 90d          # readings; older ones are refused at the door and removed
 *   rollups: forever  # hourly and daily rollups; at least as long as raw
 *   interval: 1h      # how often the removal runs
 * </pre>
 */
public class RetentionConfiguration {
  static final String FOREVER = "forever";

  @NotNull private String raw = FOREVER;
  @NotNull private String rollups = FOREVER;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration interval = Duration.hours(1);

  /** The retention the block says; throws naming the key when it says something impossible. */
  public Retention retention() {
    return new Retention(length("retention.raw", raw), length("retention.rollups", rollups));
  }

  private static Optional<java.time.Duration> length(String key, String text) {
    String value = text.strip();
    if (value.isEmpty() || FOREVER.equals(value.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.parse(value).toJavaDuration());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key + " '" + text + "' is neither 'forever' nor a length such as 90d or 12h", e);
    }
  }

  @ValidationMethod(
      message =
          "retention.raw and retention.rollups must each be 'forever' or a length of at least an"
              + " hour (90d, 12h), and rollups kept at least as long as raw readings")
  @JsonIgnore
  public boolean isValid() {
    try {
      retention();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @JsonProperty
  public String getRaw() {
    return raw;
  }

  @JsonProperty
  public void setRaw(String raw) {
    this.raw = raw;
  }

  @JsonProperty
  public String getRollups() {
    return rollups;
  }

  @JsonProperty
  public void setRollups(String rollups) {
    this.rollups = rollups;
  }

  @JsonProperty
  public Duration getInterval() {
    return interval;
  }

  @JsonProperty
  public void setInterval(Duration interval) {
    this.interval = interval;
  }
}
