package dev.temperature.application.port.out;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What Alertmanager hears about one alert, as its v2 API takes it: {@code labels} identify the
 * alert (Alertmanager de-duplicates by them), {@code endsAt} in the future means firing until then
 * unless re-sent, in the past means resolved then.
 */
public record AlertNotification(
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorUrl) {
  public AlertNotification {
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(generatorUrl, "generatorUrl");
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("an alert needs at least one label");
    }
  }
}
