package dev.temperature.bootstrap.admin;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.metrics.servlets.MetricsServlet;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;

/**
 * What the admin port offers beyond Dropwizard's own pages: Prometheus metrics and the probes for
 * every host that can reach the port, everything else for this host only.
 *
 * <pre>
 * /metrics        Prometheus text format: Dropwizard's registry (JVM, Jetty, Jersey, pools) and
 *                 the storage metrics of {@link StorageMetrics}
 * /health/live    liveness, never asks the database
 * /health/ready   readiness, every health check within {@link Probes#READINESS_DEADLINE}
 * loopback callers only:
 * /metrics.json   Dropwizard's JSON view of its registry (what /metrics was before)
 * /healthcheck    Dropwizard's health checks, with what each one found
 * /threads, /ping and the rest of Dropwizard's admin pages
 * /tasks/*        Dropwizard's tasks
 * </pre>
 */
public final class AdminEndpoints {
  /** Liveness: restart the process if this fails. */
  public static final String LIVENESS_PATH = "/health/live";

  /** Readiness: send traffic only while this answers 200. */
  public static final String READINESS_PATH = "/health/ready";

  /** The Prometheus text format. */
  public static final String METRICS_PATH = "/metrics";

  /** What probes and scrapers need; every other admin path answers this host only. */
  public static final Set<String> OPEN_TO_EVERYONE =
      Set.of(LIVENESS_PATH, READINESS_PATH, METRICS_PATH);

  private AdminEndpoints() {}

  /** Registers the endpoints; returns the registry to add the service's own metrics to. */
  public static PrometheusRegistry register(Environment environment) {
    PrometheusRegistry registry = new PrometheusRegistry();
    DropwizardExports.builder().dropwizardRegistry(environment.metrics()).register(registry);

    var admin = environment.admin();
    // Exact mappings win over the AdminServlet's "/*", so /metrics is Prometheus' default path.
    admin.addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(METRICS_PATH);
    admin
        .addServlet("metrics-json", new MetricsServlet(environment.metrics()))
        .addMapping("/metrics.json");

    admin
        .addServlet(
            "liveness", Probes.liveness(environment.healthChecks(), environment.getObjectMapper()))
        .addMapping(LIVENESS_PATH);
    ExecutorService checks =
        environment
            .lifecycle()
            .executorService("readiness-%d")
            .minThreads(0)
            .maxThreads(8)
            .workQueue(new SynchronousQueue<>())
            .build();
    admin
        .addServlet(
            "readiness",
            Probes.readiness(
                environment.healthChecks(),
                checks,
                Probes.READINESS_DEADLINE,
                environment.getObjectMapper()))
        .addMapping(READINESS_PATH);

    try {
      admin
          .addFilter(
              "loopback-only-but-probes",
              new LoopbackOnly(environment.getObjectMapper(), OPEN_TO_EVERYONE))
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return registry;
  }
}
