package dev.temperature.adapters.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.auth.BearerAuth;
import dev.temperature.adapters.http.dashboard.DashboardResource;
import dev.temperature.adapters.http.docs.ApiDocumentResource;
import dev.temperature.adapters.http.docs.DocsResource;
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
import dev.temperature.adapters.http.resources.AlertResource;
import dev.temperature.adapters.http.resources.BuildingResource;
import dev.temperature.adapters.http.resources.LatestReadingResource;
import dev.temperature.adapters.http.resources.OverviewResource;
import dev.temperature.adapters.http.resources.ReadingBatchResource;
import dev.temperature.adapters.http.resources.ReadingListResource;
import dev.temperature.adapters.http.resources.RecordReadingResource;
import dev.temperature.adapters.http.resources.TemperatureQueryResource;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything the REST API puts into Jersey: the resources, the API document and its page at {@code
 * /docs}, the dashboard at {@code /dashboard}, authentication, caching, the request body limit and
 * one problem+json mapper per kind of failure. The bootstrap must also switch off Dropwizard's
 * default mappers ({@code registerDefaultExceptionMappers: false}), which answer in another format.
 */
public final class RestApi {
  /** The limits and policies of the HTTP edge. */
  public record Settings(
      long maxBodyBytes,
      int maxBatchReadings,
      int maxPageSize,
      Duration cacheMaxAge,
      AccessPolicy access) {
    public Settings {
      Objects.requireNonNull(cacheMaxAge, "cacheMaxAge");
      Objects.requireNonNull(access, "access");
    }
  }

  private final UseCases useCases;
  private final Settings settings;

  public RestApi(UseCases useCases, Settings settings) {
    this.useCases = Objects.requireNonNull(useCases);
    this.settings = Objects.requireNonNull(settings);
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
            "unsupported-methods", UnsupportedMethods.of(components, environment.getObjectMapper()))
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
    components.add(new ApiDocumentResource());
    components.add(new DocsResource());
    components.add(new DashboardResource());
    components.add(new BodySizeLimit(settings.maxBodyBytes()));
    components.add(
        new ConditionalGet(json, settings.cacheMaxAge(), settings.access().readsRequireToken()));
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
