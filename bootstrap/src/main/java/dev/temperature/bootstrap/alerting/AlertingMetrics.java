package dev.temperature.bootstrap.alerting;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.temperature.adapters.alertmanager.AlertmanagerNotifier;
import dev.temperature.adapters.alertmanager.DeliveryObserver;
import dev.temperature.application.alerting.EvaluationObserver;
import dev.temperature.application.port.in.ActiveAlertsUseCase;
import dev.temperature.domain.alerting.AlertState;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting as Dropwizard metrics (and so as Prometheus text at /metrics): evaluations, their
 * duration and queries, failed evaluations, alerts by state, notifications handed over, and
 * deliveries to Alertmanager (sent, failed, dropped, queued).
 */
public final class AlertingMetrics implements EvaluationObserver, DeliveryObserver {
  static final String PREFIX = "alerting";
  private static final Logger LOG = LoggerFactory.getLogger(AlertingMetrics.class);

  private final MetricRegistry metrics;
  private final Timer evaluations;
  private final Histogram queries;
  private final Meter failedEvaluations;
  private final Meter firingSent;
  private final Meter resolvedSent;
  private final Meter delivered;
  private final Meter deliveryFailures;
  private final Meter dropped;

  public AlertingMetrics(MetricRegistry metrics) {
    this.metrics = metrics;
    evaluations = metrics.timer(PREFIX + ".evaluations");
    queries = metrics.histogram(PREFIX + ".evaluations.queries");
    failedEvaluations = metrics.meter(PREFIX + ".evaluations.failed");
    firingSent = metrics.meter(PREFIX + ".notifications.firing");
    resolvedSent = metrics.meter(PREFIX + ".notifications.resolved");
    delivered = metrics.meter(PREFIX + ".deliveries.alerts");
    deliveryFailures = metrics.meter(PREFIX + ".deliveries.failed");
    dropped = metrics.meter(PREFIX + ".deliveries.dropped");
  }

  /** Alerts by state and rules in force, read when the metrics are. */
  public void watch(ActiveAlertsUseCase alerts) {
    for (AlertState state : new AlertState[] {AlertState.PENDING, AlertState.FIRING}) {
      metrics.gauge(
          PREFIX + ".alerts." + state.text(),
          () -> () -> alerts.active().alerts().stream().filter(a -> a.state() == state).count());
    }
    metrics.gauge(PREFIX + ".rules", () -> () -> alerts.active().rules());
  }

  /** Alerts waiting for delivery, over every Alertmanager. */
  public void watch(AlertmanagerNotifier notifier) {
    metrics.gauge(
        PREFIX + ".deliveries.queued",
        () -> () -> notifier.urls().stream().mapToInt(notifier::queued).sum());
  }

  @Override
  public void evaluated(Duration took, long queries) {
    evaluations.update(took.toNanos(), TimeUnit.NANOSECONDS);
    this.queries.update(queries);
  }

  @Override
  public void failed(RuntimeException cause) {
    failedEvaluations.mark();
    LOG.warn("Alert evaluation failed; alerts keep their state: {}", cause.toString());
  }

  @Override
  public void notified(int firing, int resolved) {
    firingSent.mark(firing);
    resolvedSent.mark(resolved);
  }

  @Override
  public void delivered(URI target, int alerts) {
    delivered.mark(alerts);
  }

  @Override
  public void failed(URI target, int alerts, boolean retried) {
    deliveryFailures.mark();
  }

  @Override
  public void dropped(URI target, int alerts) {
    dropped.mark(alerts);
  }
}
