package dev.temperature.bootstrap;

import dev.temperature.adapters.http.RestApi;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.service.AverageTemperatureService;
import dev.temperature.application.service.RecordReadingService;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;

/**
 * The composition root: the only place that knows every part. It reads the configuration, lets the
 * configured storage adapter build the store, hands the store to the use cases, and the use cases
 * to the REST API.
 */
public class TemperatureApiApplication extends Application<TemperatureApiConfiguration> {

  public static void main(String[] args) throws Exception {
    new TemperatureApiApplication().run(args);
  }

  @Override
  public String getName() {
    return "temperature-api";
  }

  @Override
  public void initialize(Bootstrap<TemperatureApiConfiguration> bootstrap) {
    // ${VAR} and ${VAR:-default} in any configuration file; an unset variable without a default
    // stops start-up with its name rather than passing the literal text on as a password.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
  }

  @Override
  public void run(TemperatureApiConfiguration configuration, Environment environment) {
    // Dropwizard's default mappers answer errors as {code, message}; ours answer problem+json.
    if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false);
    }
    RestApi.configure(environment.getObjectMapper());

    ReadingStore store = configuration.getStorage().build(environment);
    Clock clock = Clock.systemUTC();
    RecordReadingService recordReading =
        new RecordReadingService(store, configuration.getReadings().policy(), clock);
    AverageTemperatureService averageTemperature =
        new AverageTemperatureService(
            store, configuration.getQueries().getMaxDuration().toJavaDuration(), clock);

    new RestApi(
            recordReading, averageTemperature, configuration.getHttp().getMaxBodySize().toBytes())
        .registerWith(environment);
  }
}
