package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.adapters.http.influxwrite.ReadingLayout;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code lineProtocol} block: the layout a reading has in a point. */
class LineProtocolConfigurationTest {
  private final YamlConfigurationFactory<TemperatureApiConfiguration> factory =
      new YamlConfigurationFactory<>(
          TemperatureApiConfiguration.class,
          Validators.newValidator(),
          Jackson.newObjectMapper(),
          "dw");
  @TempDir Path directory;

  @Test
  void withoutTheBlockPointsAreReadInTheLayoutTheInfluxDbStorageWrites() throws Exception {
    assertThat(load("").getLineProtocol().layout()).isEqualTo(ReadingLayout.DEFAULT);
    assertThat(ReadingLayout.DEFAULT)
        .isEqualTo(new ReadingLayout("temperature", "building_id", "room_id", "temperature"));
  }

  @Test
  void aGatewaysOwnLayoutIsMappedKeyByKey() throws Exception {
    TemperatureApiConfiguration configuration =
        load(
            "lineProtocol:\n  measurement: air\n  buildingTag: site\n  roomTag: zone\n"
                + "  field: value\n");

    assertThat(configuration.getLineProtocol().layout())
        .isEqualTo(new ReadingLayout("air", "site", "zone", "value"));
  }

  @Test
  void oneTagForBuildingAndRoomIsRefused() {
    assertThatThrownBy(() -> load("lineProtocol:\n  buildingTag: id\n  roomTag: id\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("lineProtocol.buildingTag and lineProtocol.roomTag must differ");
  }

  @Test
  void anEmptyNameIsRefused() {
    assertThatThrownBy(() -> load("lineProtocol:\n  field: \"\"\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("lineProtocol.field");
  }

  private TemperatureApiConfiguration load(String block) throws Exception {
    Path config = directory.resolve("config.yml");
    Files.writeString(config, "storage:\n  type: sqlite\n" + block);
    return factory.build(new FileConfigurationSourceProvider(), config.toString());
  }
}
