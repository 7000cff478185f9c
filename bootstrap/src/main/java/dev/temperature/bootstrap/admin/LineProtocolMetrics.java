package dev.temperature.bootstrap.admin;

import dev.temperature.adapters.http.influxwrite.WriteObserver;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What the InfluxDB write endpoints did with the lines they read, as one counter with an {@code
 * outcome} label: {@code stored} (a reading stored), {@code ignored} (a point of another
 * measurement: a gateway that sends more than readings), {@code rejected} (malformed, or not a
 * valid reading). A rise in {@code ignored} says a gateway writes a layout the configuration does
 * not map.
 */
public final class LineProtocolMetrics implements WriteObserver {
  private final CounterDataPoint stored;
  private final CounterDataPoint ignored;
  private final CounterDataPoint rejected;

  private LineProtocolMetrics(PrometheusRegistry registry) {
    Counter lines =
        Counter.builder()
            .name("temperature_api_line_protocol_lines")
            .help(
                "Lines the InfluxDB write endpoints read: stored (a reading), ignored (a point of"
                    + " another measurement), rejected (malformed, or not a valid reading)")
            .labelNames("outcome")
            .register(registry);
    // Every series exists from the start at 0, so that rate() and alerts see the first one.
    stored = lines.labelValues("stored");
    ignored = lines.labelValues("ignored");
    rejected = lines.labelValues("rejected");
  }

  public static LineProtocolMetrics register(PrometheusRegistry registry) {
    return new LineProtocolMetrics(registry);
  }

  @Override
  public void lines(long stored, long ignored, long rejected) {
    this.stored.inc(stored);
    this.ignored.inc(ignored);
    this.rejected.inc(rejected);
  }
}
