package dev.temperature.bootstrap.admin;

import dev.temperature.application.port.out.StorageRefusedException;
import dev.temperature.application.port.out.StorageUnavailableException;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The service's own metrics, in Prometheus form with labels, so that one dashboard fits every
 * storage: {@code storage} is the configured {@code storage.type}, {@code operation} the port
 * method, {@code kind} how a call failed.
 */
public final class StorageMetrics {
  /** The outbound port's methods, as they appear in the {@code operation} label. */
  public enum Operation {
    APPEND,
    AGGREGATE,
    BUCKETS,
    NEWEST_FIRST,
    BUILDINGS,
    ROOMS,
    OVERVIEW,
    AGGREGATE_SPANS,
    REBUILD_ROLLUPS,
    EXPIRE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How a storage call failed. Refused and unavailable are the port's two failures (500 and 503 at
   * the edge); anything else is a bug or an adapter that has not sorted the failure yet.
   */
  public enum FailureKind {
    REFUSED,
    UNAVAILABLE,
    ERROR;

    static FailureKind of(RuntimeException failure) {
      if (failure instanceof StorageUnavailableException) {
        return UNAVAILABLE;
      }
      if (failure instanceof StorageRefusedException) {
        return REFUSED;
      }
      return ERROR;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  // Seconds; a healthy call takes a few milliseconds, a pool or socket timeout 2 to 30 s.
  private static final double[] LATENCY_BOUNDS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };
  // Readings per append: 1 for the prototype's POST, up to http.maxBatchSize for the batch
  // endpoint.
  private static final double[] BATCH_BOUNDS = {
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 100000
  };

  private final CounterDataPoint stored;
  private final DistributionDataPoint batchSize;
  private final Map<Operation, DistributionDataPoint> latency = new EnumMap<>(Operation.class);
  private final Map<Operation, Map<FailureKind, CounterDataPoint>> failures =
      new EnumMap<>(Operation.class);

  private StorageMetrics(PrometheusRegistry registry, String storage) {
    stored =
        Counter.builder()
            .name("temperature_api_readings_stored")
            .help("Readings the storage acknowledged, per storage")
            .labelNames("storage")
            .register(registry)
            .labelValues(storage);
    batchSize =
        Histogram.builder()
            .name("temperature_api_append_batch_size")
            .help("Readings per append call (1 for a single POST)")
            .labelNames("storage")
            .classicOnly()
            .classicUpperBounds(BATCH_BOUNDS)
            .register(registry)
            .labelValues(storage);
    Histogram calls =
        Histogram.builder()
            .name("temperature_api_storage_call_duration_seconds")
            .help("Duration of each call to the storage, failed ones included")
            .unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS)
            .labelNames("storage", "operation")
            .classicOnly()
            .classicUpperBounds(LATENCY_BOUNDS)
            .register(registry);
    Counter failed =
        Counter.builder()
            .name("temperature_api_storage_failures")
            .help(
                "Storage calls that failed: refused (a statement the database will not run, 500),"
                    + " unavailable (down, unreachable or timed out, 503), error (anything else)")
            .labelNames("storage", "operation", "kind")
            .register(registry);
    for (Operation operation : Operation.values()) {
      latency.put(operation, calls.labelValues(storage, operation.label()));
      // Every series exists from the start at 0, so that rate() and alerts see the first failure.
      Map<FailureKind, CounterDataPoint> byKind = new EnumMap<>(FailureKind.class);
      for (FailureKind kind : FailureKind.values()) {
        byKind.put(kind, failed.labelValues(storage, operation.label(), kind.label()));
      }
      failures.put(operation, byKind);
    }
  }

  /** Registers the metrics of one storage in {@code registry}. */
  public static StorageMetrics register(PrometheusRegistry registry, String storage) {
    return new StorageMetrics(registry, storage);
  }

  void appending(int readings) {
    batchSize.observe(readings);
  }

  void stored(int readings) {
    stored.inc(readings);
  }

  void took(Operation operation, long nanos) {
    latency.get(operation).observe(nanos / 1e9);
  }

  void failed(Operation operation, RuntimeException failure) {
    failures.get(operation).get(FailureKind.of(failure)).inc();
  }
}
