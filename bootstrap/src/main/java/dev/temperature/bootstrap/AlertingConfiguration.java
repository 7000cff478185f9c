package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.adapters.alertmanager.AlertmanagerSettings;
import dev.temperature.application.alerting.AlertingSettings;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code alerting} block (docs/alerting.md): the rules file, how often it is evaluated, and the
 * Alertmanagers that hear the alerts. Off while {@code rules} is unset or empty.
 */
public class AlertingConfiguration {
  /** The rules file; empty means alerting is off. */
  private String rules = "";

  /** Prometheus' default evaluation interval is 1 m; a room's temperature merits 30 s. */
  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  private Duration evaluationInterval = Duration.seconds(30);

  /** Prometheus' {@code --rules.alert.resend-delay}. */
  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  private Duration resendDelay = Duration.minutes(1);

  /** Where people reach this service, for the dashboard links in annotations. */
  @NotNull private String externalUrl = "http://localhost:5000";

  /** Read the rules file again when it changes, besides the admin task. */
  private boolean watchRules = true;

  @Valid @NotNull private Restore restore = new Restore();

  @Valid @NotNull private Alertmanager alertmanager = new Alertmanager();

  /** How the first evaluation after a start rebuilds pending and firing alerts. */
  public static class Restore {
    @NotNull
    @MaxDuration(value = 7, unit = TimeUnit.DAYS)
    private Duration lookback = Duration.hours(1);

    @Min(0)
    @Max(1000)
    private int maxSteps = 10;

    @JsonProperty
    public Duration getLookback() {
      return lookback;
    }

    @JsonProperty
    public void setLookback(Duration lookback) {
      this.lookback = lookback;
    }

    @JsonProperty
    public int getMaxSteps() {
      return maxSteps;
    }

    @JsonProperty
    public void setMaxSteps(int maxSteps) {
      this.maxSteps = maxSteps;
    }
  }

  /** The Alertmanagers and how deliveries to them are retried. */
  public static class Alertmanager {
    private List<String> urls = List.of();

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration timeout = Duration.seconds(10);

    @Min(1)
    @Max(1_000_000)
    private int queueCapacity = 10_000;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration maxBackoff = Duration.minutes(1);

    /**
     * A list, or one text with URLs separated by commas (what an environment variable can hold);
     * empty entries are ignored, so {@code ${ALERTMANAGER_URLS:-}} means none.
     */
    @JsonProperty
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public void setUrls(List<String> urls) {
      List<String> all = new ArrayList<>();
      for (String entry : urls == null ? List.<String>of() : urls) {
        for (String url : entry.split(",")) {
          if (!url.isBlank()) {
            all.add(url.strip());
          }
        }
      }
      this.urls = List.copyOf(all);
    }

    @JsonProperty
    public List<String> getUrls() {
      return urls;
    }

    @ValidationMethod(message = "alerting.alertmanager.urls must be http or https URLs")
    @JsonIgnore
    public boolean isEveryUrlValid() {
      try {
        for (String url : urls) {
          URI uri = new URI(url);
          if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
              || uri.getHost() == null) {
            return false;
          }
        }
        return true;
      } catch (URISyntaxException e) {
        return false;
      }
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
    public int getQueueCapacity() {
      return queueCapacity;
    }

    @JsonProperty
    public void setQueueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
    }

    @JsonProperty
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    @JsonProperty
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /** Empty when no Alertmanager is configured: alerts are evaluated and shown, not sent. */
    Optional<AlertmanagerSettings> settings() {
      if (urls.isEmpty()) {
        return Optional.empty();
      }
      java.time.Duration backoff = java.time.Duration.ofSeconds(1);
      java.time.Duration longest = maxBackoff.toJavaDuration();
      return Optional.of(
          new AlertmanagerSettings(
              urls.stream().map(URI::create).toList(),
              timeout.toJavaDuration(),
              queueCapacity,
              backoff.compareTo(longest) > 0 ? longest : backoff,
              longest,
              256));
    }
  }

  /** The rules file, when alerting is on. */
  Optional<Path> rulesFile() {
    return rules == null || rules.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(rules.strip()));
  }

  AlertingSettings settings() {
    return new AlertingSettings(
        evaluationInterval.toJavaDuration(),
        resendDelay.toJavaDuration(),
        java.time.Duration.ofMinutes(15),
        restore.lookback.toJavaDuration(),
        restore.maxSteps,
        AlertingSettings.ROOMS_PER_QUERY,
        externalUrl);
  }

  @JsonProperty
  public String getRules() {
    return rules;
  }

  @JsonProperty
  public void setRules(String rules) {
    this.rules = rules == null ? "" : rules;
  }

  @JsonProperty
  public Duration getEvaluationInterval() {
    return evaluationInterval;
  }

  @JsonProperty
  public void setEvaluationInterval(Duration evaluationInterval) {
    this.evaluationInterval = evaluationInterval;
  }

  @JsonProperty
  public Duration getResendDelay() {
    return resendDelay;
  }

  @JsonProperty
  public void setResendDelay(Duration resendDelay) {
    this.resendDelay = resendDelay;
  }

  @JsonProperty
  public String getExternalUrl() {
    return externalUrl;
  }

  @JsonProperty
  public void setExternalUrl(String externalUrl) {
    this.externalUrl = externalUrl;
  }

  @JsonProperty
  public boolean isWatchRules() {
    return watchRules;
  }

  @JsonProperty
  public void setWatchRules(boolean watchRules) {
    this.watchRules = watchRules;
  }

  @JsonProperty
  public Restore getRestore() {
    return restore;
  }

  @JsonProperty
  public void setRestore(Restore restore) {
    this.restore = restore;
  }

  @JsonProperty
  public Alertmanager getAlertmanager() {
    return alertmanager;
  }

  @JsonProperty
  public void setAlertmanager(Alertmanager alertmanager) {
    this.alertmanager = alertmanager;
  }
}
