package dev.temperature.adapters.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.problem.BodyTooLargeMapper;
import dev.temperature.adapters.http.problem.InvalidRequestMapper;
import dev.temperature.adapters.http.problem.InvalidValueMapper;
import dev.temperature.adapters.http.problem.MalformedJsonMapper;
import dev.temperature.adapters.http.problem.ProblemErrorHandler;
import dev.temperature.adapters.http.problem.StorageUnavailableMapper;
import dev.temperature.adapters.http.problem.UnexpectedErrorMapper;
import dev.temperature.adapters.http.problem.WebApplicationMapper;
import dev.temperature.adapters.http.resources.TemperatureResource;
import dev.temperature.application.port.in.AverageTemperatureUseCase;
import dev.temperature.application.port.in.RecordReadingUseCase;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.util.List;

/**
 * Everything the REST API puts into Jersey: the resources, the request body limit and one
 * problem+json mapper per kind of failure. The bootstrap must also switch off Dropwizard's default
 * mappers ({@code registerDefaultExceptionMappers: false}), which answer in another format.
 */
public final class RestApi {
  private final RecordReadingUseCase recordReading;
  private final AverageTemperatureUseCase averageTemperature;
  private final long maxBodyBytes;

  public RestApi(
      RecordReadingUseCase recordReading,
      AverageTemperatureUseCase averageTemperature,
      long maxBodyBytes) {
    this.recordReading = recordReading;
    this.averageTemperature = averageTemperature;
    this.maxBodyBytes = maxBodyBytes;
  }

  public void registerWith(Environment environment) {
    registerWith(environment.jersey());
    // Errors raised by Jetty itself, before Jersey: in the servlet context, and at the server level
    // (bad request lines, oversized headers), which exists only once the server is built.
    environment.getApplicationContext().setErrorHandler(new ProblemErrorHandler());
    environment
        .lifecycle()
        .addServerLifecycleListener(server -> server.setErrorHandler(new ProblemErrorHandler()));
  }

  void registerWith(JerseyEnvironment jersey) {
    jersey.register(new TemperatureResource(recordReading, averageTemperature));
    jersey.register(new BodySizeLimit(maxBodyBytes));
    problemMappers().forEach(jersey::register);
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
        new WebApplicationMapper(),
        new UnexpectedErrorMapper());
  }
}
