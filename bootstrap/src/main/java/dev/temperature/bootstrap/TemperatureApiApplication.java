package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.temperature.adapters.alertmanager.AlertmanagerNotifier;
import dev.temperature.adapters.alertmanager.AlertmanagerSettings;
import dev.temperature.adapters.http.RestApi;
import dev.temperature.adapters.http.UseCases;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.docs.ApiRules;
import dev.temperature.application.alerting.AlertEvaluationService;
import dev.temperature.application.commit.GroupCommit;
import dev.temperature.application.commit.GroupCommitSettings;
import dev.temperature.application.port.in.ActiveAlertsUseCase;
import dev.temperature.application.port.out.AlertNotifier;
import dev.temperature.application.port.out.InvalidAlertRulesException;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.service.OverviewService;
import dev.temperature.application.service.QueryLimits;
import dev.temperature.application.service.ReadingDirectoryService;
import dev.temperature.application.service.RecordReadingService;
import dev.temperature.application.service.RetentionService;
import dev.temperature.application.service.TemperatureQueryService;
import dev.temperature.bootstrap.admin.AdminEndpoints;
import dev.temperature.bootstrap.admin.LineProtocolMetrics;
import dev.temperature.bootstrap.admin.MeteredReadingStore;
import dev.temperature.bootstrap.admin.StorageMetrics;
import dev.temperature.bootstrap.admin.WriterHealthCheck;
import dev.temperature.bootstrap.alerting.AlertEvaluationSchedule;
import dev.temperature.bootstrap.alerting.AlertingMetrics;
import dev.temperature.bootstrap.alerting.ReloadAlertRulesServlet;
import dev.temperature.bootstrap.alerting.RuleFile;
import dev.temperature.bootstrap.alerting.RuleFileWatch;
import dev.temperature.bootstrap.retention.RebuildRollupsCommand;
import dev.temperature.bootstrap.retention.RebuildRollupsTask;
import dev.temperature.bootstrap.retention.RetentionJob;
import dev.temperature.domain.ReadingPolicy;
import dev.temperature.domain.Retention;
import dev.temperature.storage.StorageFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.dropwizard.lifecycle.Managed;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that knows every part. It reads the configuration, lets the
 * configured storage adapter build the store, hands the store to the use cases, and the use cases
 * to the REST API.
 */
public class TemperatureApiApplication extends Application<TemperatureApiConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(TemperatureApiApplication.class);

  public static void main(String[] args) throws Exception {
    new TemperatureApiApplication().run(args);
  }

  @Override
  public String getName() {
    return "temperature-api";
  }

  @Override
  public void initialize(Bootstrap<TemperatureApiConfiguration> bootstrap) {
    // ${VAR} and ${VAR:-default} in any configuration file, from the environment or -DVAR=...
    EnvironmentVariableSubstitutor substitutor = new EnvironmentVariableSubstitutor(true);
    substitutor.setVariableResolver(new EnvironmentOrSystemProperty());
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(bootstrap.getConfigurationSourceProvider(), substitutor));
    bootstrap.addCommand(new HashTokenCommand());
    bootstrap.addCommand(new RebuildRollupsCommand<>(this, () -> retention));
  }

  /** The retention and rollup use cases, once {@link #run} has made them; for the command. */
  private volatile RetentionService retention;

  @Override
  public void run(TemperatureApiConfiguration configuration, Environment environment) {
    // Dropwizard's default mappers answer errors as {code, message}; ours answer problem+json.
    if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false);
    }
    RestApi.configure(environment.getObjectMapper());

    AccessPolicy access = configuration.getAuth().policy();
    warnIfOpen(access);
    ExampleSecrets.refuseOrWarn(
        configuration, access.writesRequireToken() || access.readsRequireToken());

    StorageFactory storage = configuration.getStorage();
    PrometheusRegistry metrics = AdminEndpoints.register(environment);
    ReadingStore store =
        new MeteredReadingStore(
            storage.build(environment, configuration.getQueries().storageSettings()),
            StorageMetrics.register(metrics, storageType(storage)));
    Clock clock = Clock.systemUTC();
    ReadingPolicy policy = configuration.getReadings().policy();
    QueryLimits limits = configuration.getQueries().limits();
    // The store may enforce a retention itself (an InfluxDB bucket's): it must agree with ours.
    Retention kept =
        RetentionService.effective(configuration.getRetention().retention(), store, store);
    retention = new RetentionService(store, store, store, kept, clock);
    // Registered after the store, so stopped before it: queued writes are committed, then the
    // store's connections close.
    GroupCommitSettings writes = configuration.getWrites().settings(storage.writers());
    GroupCommit commits =
        new GroupCommit(store, writes, new GroupCommitMetrics(environment.metrics()));
    environment.lifecycle().manage(new AutoCloseableManager(commits));
    GroupCommitMetrics.watch(environment.metrics(), commits);
    environment
        .healthChecks()
        .register(WriterHealthCheck.NAME, new WriterHealthCheck(commits, writes.maxWait()));
    RecordReadingService recording = new RecordReadingService(commits, policy, kept, clock);
    TemperatureQueryService queries =
        new TemperatureQueryService(store, store, store, limits, kept, clock);
    ReadingDirectoryService directory =
        new ReadingDirectoryService(store, store, limits, policy, clock);
    OverviewService overview = new OverviewService(store, store, store, limits, kept, clock);
    environment
        .lifecycle()
        .manage(
            new RetentionJob(
                retention, configuration.getRetention().getInterval().toJavaDuration()));
    environment.admin().addTask(new RebuildRollupsTask(retention, clock));
    ActiveAlertsUseCase alerts = alerting(configuration.getAlerting(), environment, store, clock);

    HttpConfiguration http = configuration.getHttp();
    new RestApi(
            UseCases.builder()
                .recordReading(recording)
                .recordBatch(recording)
                .average(queries)
                .statistics(queries)
                .series(queries)
                .listReadings(directory)
                .listRooms(directory)
                .latestReading(overview)
                .buildingOverview(overview)
                .activeAlerts(alerts)
                .build(),
            new RestApi.Settings(
                http.getMaxBodySize().toBytes(),
                http.getMaxBatchSize(),
                limits.maxPageSize(),
                http.getCacheMaxAge().toJavaDuration(),
                access,
                // What the API document states: it follows this configuration, the readings
                // refused for their age included (the store's retention or retention.raw).
                new ApiRules(policy, kept.raw(), limits, http.getMaxBatchSize(), clock)))
        .withLineProtocol(
            configuration.getLineProtocol().layout(), LineProtocolMetrics.register(metrics))
        .registerWith(environment);
  }

  /**
   * Alerting, when {@code alerting.rules} names a file: the evaluation on its own thread, delivery
   * to the Alertmanagers, the reload task and the metrics. An invalid rules file fails the start.
   */
  private static ActiveAlertsUseCase alerting(
      AlertingConfiguration alerting, Environment environment, ReadingStore store, Clock clock) {
    Optional<Path> file = alerting.rulesFile();
    if (file.isEmpty()) {
      LOG.info("Alerting is off: alerting.rules names no rules file (docs/alerting.md)");
      return ActiveAlertsUseCase.NONE;
    }
    AlertingMetrics metrics = new AlertingMetrics(environment.metrics());
    AlertNotifier notifier = AlertNotifier.NONE;
    Optional<AlertmanagerSettings> delivery = alerting.getAlertmanager().settings();
    if (delivery.isPresent()) {
      AlertmanagerNotifier alertmanager = new AlertmanagerNotifier(delivery.get(), metrics);
      // Managed before the schedule, so stopped after it: the last notifications get their try.
      environment
          .lifecycle()
          .manage(
              new Managed() {
                @Override
                public void start() {
                  alertmanager.start();
                }

                @Override
                public void stop() {
                  alertmanager.close();
                }
              });
      metrics.watch(alertmanager);
      notifier = alertmanager;
    } else {
      LOG.warn(
          "alerting.alertmanager.urls is empty: alerts are evaluated and listed at /api/v1/alerts,"
              + " but sent nowhere");
    }
    RuleFile rules = new RuleFile(file.get());
    AlertEvaluationService service;
    try {
      service =
          new AlertEvaluationService(
              store, store, rules, notifier, alerting.settings(), clock, metrics);
    } catch (InvalidAlertRulesException e) {
      throw new IllegalStateException(
          "Cannot start: the alert rules are invalid (alerting.rules):\n" + e.getMessage(), e);
    }
    LOG.info("Alerting is on: {} rules from {}", service.active().rules(), rules.describe());
    metrics.watch(service);
    Runnable watch = alerting.isWatchRules() ? new RuleFileWatch(file.get(), service) : () -> {};
    environment
        .lifecycle()
        .manage(
            new AlertEvaluationSchedule(
                service, alerting.getEvaluationInterval().toJavaDuration(), clock, watch));
    environment
        .admin()
        .addServlet(
            "reload-alert-rules",
            new ReloadAlertRulesServlet(service, rules.describe(), environment.getObjectMapper()))
        .addMapping(ReloadAlertRulesServlet.PATH);
    return service;
  }

  /** The {@code storage.type} that chose the factory, as the metrics' {@code storage} label. */
  private static String storageType(StorageFactory storage) {
    JsonTypeName name = storage.getClass().getAnnotation(JsonTypeName.class);
    return name == null ? storage.getClass().getSimpleName() : name.value();
  }

  private static void warnIfOpen(AccessPolicy access) {
    if (!access.writesRequireToken() || !access.readsRequireToken()) {
      LOG.warn(
          "Authentication is OFF for {}: anyone who can reach the API may {}. Set auth.writes and"
              + " auth.reads to 'required' (see config-production.yml) outside a trusted network.",
          !access.writesRequireToken() && !access.readsRequireToken()
              ? "writes and reads"
              : !access.writesRequireToken() ? "writes" : "reads",
          !access.writesRequireToken() ? "record readings" : "read them");
    }
  }
}
