package dev.temperature.adapters.alertmanager;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the alerts go and how hard to try.
 *
 * @param urls each Alertmanager's base URL ({@code http://alertmanager:9093}); every alert goes to
 *     every one of them, as Prometheus sends to every Alertmanager of a cluster
 * @param timeout for one request, connecting included
 * @param queueCapacity how many distinct alerts (by labels) wait per Alertmanager at most; beyond
 *     it the oldest are dropped, and a newer notification about the same alert replaces an older
 *     one, so memory stays bounded however long an Alertmanager is down
 * @param minBackoff the first wait after a failed request, doubled after each further failure
 * @param maxBackoff the longest wait between two attempts
 * @param maxBatch at most this many alerts in one request (Prometheus sends 256)
 */
public record AlertmanagerSettings(
    List<URI> urls,
    Duration timeout,
    int queueCapacity,
    Duration minBackoff,
    Duration maxBackoff,
    int maxBatch) {
  public AlertmanagerSettings {
    urls = List.copyOf(urls);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one Alertmanager URL is needed");
    }
    for (URI url : urls) {
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("an Alertmanager URL is http or https, got " + url);
      }
    }
    if (queueCapacity < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("queueCapacity and maxBatch must be positive");
    }
    if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("0 < minBackoff <= maxBackoff");
    }
  }

  /** Where alerts are posted for the Alertmanager at {@code base}. */
  static URI alertsEndpoint(URI base) {
    String text = base.toString();
    return URI.create((text.endsWith("/") ? text : text + "/") + "api/v2/alerts");
  }
}
