package dev.temperature.adapters.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.auth.BearerAuth;
import dev.temperature.adapters.http.dashboard.DashboardResource;
import dev.temperature.adapters.http.docs.ApiDocumentResource;
import dev.temperature.adapters.http.docs.ApiRules;
import dev.temperature.adapters.http.docs.DocsResource;
import dev.temperature.adapters.http.influxwrite.InfluxWriteApi;
import dev.temperature.adapters.http.influxwrite.ReadingLayout;
import dev.temperature.adapters.http.influxwrite.WriteObserver;
import dev.temperature.adapters.http.page.SecurityHeaders;
import dev.temperature.adapters.http.problem.BodyTooLargeMapper;
import dev.temperature.adapters.http.problem.InvalidRequestMapper;
import dev.temperature.adapters.http.problem.InvalidValueMapper;
import dev.temperature.adapters.http.problem.MalformedJsonMapper;
import dev.temperature.adapters.http.problem.ProblemErrorHandler;
import dev.temperature.adapters.http.problem.StorageBusyMapper;
import dev.temperature.adapters.http.problem.StorageRefusedMapper;
import dev.temperature.adapters.http.problem.StorageUnavailableMapper;
import dev.temperature.adapters.http.problem.UnexpectedErrorMapper;
import dev.temperature.adapters.http.problem.WebApplicationMapper;
import dev.temperature.adapters.http.protocol.HttpProtocol;
import dev.temperature.adapters.http.resources.AlertResource;
import dev.temperature.adapters.http.resources.BuildingResource;
import dev.temperature.adapters.http.resources.LatestReadingResource;
import dev.temperature.adapters.http.resources.OverviewResource;
import dev.temperature.adapters.http.resources.ReadingBatchResource;
import dev.temperature.adapters.http.resources.ReadingListResource;
import dev.temperature.adapters.http.resources.RecordReadingResource;
import dev.temperature.adapters.http.resources.TemperatureQueryResource;
import dev.temperature.application.service.QueryLimits;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything the REST API puts into Jersey: the resources, InfluxDB's write endpoints for gateways,
 * the API document and its page at {@code /docs}, the dashboard at {@code /dashboard},
 * authentication, caching, the request body limit and one problem+json mapper per kind of failure.
 * The bootstrap must also switch off Dropwizard's default mappers ({@code
 * registerDefaultExceptionMappers: false}), which answer in another format.
 */
public final class RestApi {
  /**
   * The limits and policies of the HTTP edge, and the rules the API document states ({@code rules},
   * whose batch and page sizes are the two given here).
   */
  public record Settings(
      long maxBodyBytes,
      int maxBatchReadings,
      int maxPageSize,
      Duration cacheMaxAge,
      AccessPolicy access,
      ApiRules rules) {
    public Settings {
      Objects.requireNonNull(cacheMaxAge, "cacheMaxAge");
      Objects.requireNonNull(access, "access");
      Objects.requireNonNull(rules, "rules");
      if (rules.maxBatchSize() != maxBatchReadings
          || rules.queries().maxPageSize() != maxPageSize) {
        throw new IllegalArgumentException(
            "the API document must state the batch and page sizes the resources enforce");
      }
    }

    /** With the document's other rules at their defaults. */
    public Settings(
        long maxBodyBytes,
        int maxBatchReadings,
        int maxPageSize,
        Duration cacheMaxAge,
        AccessPolicy access) {
      this(
          maxBodyBytes,
          maxBatchReadings,
          maxPageSize,
          cacheMaxAge,
          access,
          new ApiRules(
              ApiRules.DEFAULTS.readings(),
              ApiRules.DEFAULTS.retention(),
              new QueryLimits(
                  QueryLimits.DEFAULT.maxPeriod(), QueryLimits.DEFAULT.maxBuckets(), maxPageSize),
              maxBatchReadings,
              ApiRules.DEFAULTS.clock()));
    }
  }

  private final UseCases useCases;
  private final Settings settings;
  private final ReadingLayout lineProtocolLayout;
  private final WriteObserver lineProtocolObserver;

  public RestApi(UseCases useCases, Settings settings) {
    this(useCases, settings, ReadingLayout.DEFAULT, WriteObserver.NONE);
  }

  private RestApi(
      UseCases useCases,
      Settings settings,
      ReadingLayout lineProtocolLayout,
      WriteObserver lineProtocolObserver) {
    this.useCases = Objects.requireNonNull(useCases);
    this.settings = Objects.requireNonNull(settings);
    this.lineProtocolLayout = Objects.requireNonNull(lineProtocolLayout);
    this.lineProtocolObserver = Objects.requireNonNull(lineProtocolObserver);
  }

  /**
   * The same API, with the InfluxDB write endpoints reading readings from points in {@code layout}
   * (by default {@link ReadingLayout#DEFAULT}) and telling {@code observer} what became of each
   * request's lines.
   */
  public RestApi withLineProtocol(ReadingLayout layout, WriteObserver observer) {
    return new RestApi(useCases, settings, layout, observer);
  }

  public void registerWith(Environment environment) {
    List<Object> components = components(environment.getObjectMapper());
    components.forEach(environment.jersey()::register);
    // Methods Jersey never sees (TRACE and the like), answered as Jersey answers a wrong method.
    // Jersey serves the whole application context here (no server.rootPath), so a path in the
    // context is a path of the resources.
    environment
        .servlets()
        .addFilter(
            "unsupported-methods",
            HttpProtocol.unsupportedMethods(components, environment.getObjectMapper()))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    // Errors raised by Jetty itself, before Jersey: in the servlet context, and at the server level
    // (bad request lines, oversized headers), which exists only once the server is built.
    environment.getApplicationContext().setErrorHandler(new ProblemErrorHandler());
    environment
        .lifecycle()
        .addServerLifecycleListener(server -> server.setErrorHandler(new ProblemErrorHandler()));
  }

  void registerWith(JerseyEnvironment jersey, ObjectMapper json) {
    components(json).forEach(jersey::register);
  }

  /** Resources, filters and mappers, in the form Jersey takes them. */
  List<Object> components(ObjectMapper json) {
    List<Object> components = new ArrayList<>();
    components.add(new RecordReadingResource(useCases.recordReading()));
    components.add(
        new ReadingBatchResource(useCases.recordBatch(), settings.maxBatchReadings(), json));
    components.add(
        new TemperatureQueryResource(useCases.average(), useCases.statistics(), useCases.series()));
    components.add(new ReadingListResource(useCases.listReadings(), settings.maxPageSize()));
    components.add(new BuildingResource(useCases.listRooms()));
    components.add(new LatestReadingResource(useCases.latestReading()));
    components.add(new OverviewResource(useCases.buildingOverview(), settings.maxPageSize()));
    components.add(new AlertResource(useCases.activeAlerts()));
    components.add(new ApiDocumentResource(settings.rules(), settings.access()));
    components.add(new DocsResource());
    components.add(new SecurityHeaders());
    components.add(new DashboardResource());
    components.addAll(
        InfluxWriteApi.components(
            useCases.recordBatch(),
            lineProtocolLayout,
            lineProtocolObserver,
            settings.maxBatchReadings(),
            settings.maxBodyBytes()));
    components.addAll(
        HttpProtocol.filters(
            json,
            settings.maxBodyBytes(),
            settings.cacheMaxAge(),
            settings.access().readsRequireToken()));
    BearerAuth auth = new BearerAuth(settings.access());
    components.add(auth);
    components.addAll(auth.companions());
    components.addAll(problemMappers());
    return components;
  }

  /**
   * Makes the request parser strict where leniency would hide a client's mistake: a field given
   * twice is refused instead of the last one silently winning.
   */
  public static ObjectMapper configure(ObjectMapper mapper) {
    return mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** One mapper per failure; Jersey picks the one closest to the thrown type. */
  public static List<Object> problemMappers() {
    return List.of(
        new InvalidRequestMapper(),
        new InvalidValueMapper(),
        new MalformedJsonMapper(),
        new BodyTooLargeMapper(),
        new StorageUnavailableMapper(),
        new StorageBusyMapper(),
        new StorageRefusedMapper(),
        new WebApplicationMapper(),
        new UnexpectedErrorMapper());
  }
}
