package dev.temperature.adapters.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TimescaleStorageFactoryTest {
  @Test
  void aPropertiesMapInTheFileKeepsTheDefaultDriverSettingsItDoesNotName() throws Exception {
    TimescaleStorageFactory factory =
        parse(
            """
            type: timescale
            database:
              url: jdbc:postgresql://db/temperature
              properties:
                socketTimeout: 40
                sslmode: require
            """);

    assertThat(factory.driverProperties())
        .containsEntry("socketTimeout", "40")
        .containsEntry("sslmode", "require")
        .containsEntry("connectTimeout", "5")
        .containsEntry("reWriteBatchedInserts", "true")
        .containsEntry("ApplicationName", "temperature-api")
        .containsEntry("options", "-c statement_timeout=25000");
  }

  private static TimescaleStorageFactory parse(String yaml) throws Exception {
    return new YamlConfigurationFactory<>(
            TimescaleStorageFactory.class, Validators.newValidator(), Jackson.newObjectMapper(), "")
        .build(
            path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline.yml");
  }
}
