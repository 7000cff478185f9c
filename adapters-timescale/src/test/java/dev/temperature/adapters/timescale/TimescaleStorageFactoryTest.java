package dev.temperature.adapters.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void withoutAReadDatabaseOrWithAnEmptyUrlQueriesGoToTheDatabase() throws Exception {
    String database =
        """
        type: timescale
        database:
          url: jdbc:postgresql://db/temperature
        """;

    assertThat(parse(database).hasReadDatabase()).isFalse();
    assertThat(parse(database + "readDatabase:\n  url: ''\n").hasReadDatabase()).isFalse();
  }

  @Test
  void aReadDatabaseGetsTheServiceDefaultsReadOnlySessionsAndItsOwnDriverSettings()
      throws Exception {
    TimescaleStorageFactory factory =
        parse(
            """
            type: timescale
            statementTimeout: 10s
            database:
              url: jdbc:postgresql://db/temperature
            readDatabase:
              url: jdbc:postgresql://db-replica/temperature
              maxSize: 12
              properties:
                sslmode: require
            """);

    assertThat(factory.hasReadDatabase()).isTrue();
    var read = factory.getReadDatabase();
    assertThat(read.getDriverClass()).isEqualTo("org.postgresql.Driver");
    assertThat(read.getMaxSize()).isEqualTo(12);
    assertThat(read.getMaxWaitForConnection().toSeconds()).isEqualTo(2);
    assertThat(read.getValidationInterval().toSeconds()).isEqualTo(1);
    assertThat(read.getReadOnlyByDefault()).isTrue();
    assertThat(factory.driverProperties(read))
        .containsEntry("sslmode", "require")
        .containsEntry("socketTimeout", "30")
        .containsEntry("options", "-c statement_timeout=10000");
    assertThat(factory.getDatabase().getReadOnlyByDefault()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void aReadDatabaseWhoseSocketTimeoutIsBelowTheStatementTimeoutIsRefused() throws Exception {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    type: timescale
                    database:
                      url: jdbc:postgresql://db/temperature
                    readDatabase:
                      url: jdbc:postgresql://db-replica/temperature
                      properties:
                        socketTimeout: 20
                    """))
        .hasMessageContaining("storage.statementTimeout must be shorter than the driver's");
  }

  @Test
  void aReadDatabaseIsValidatedLikeTheDatabaseOnceItNamesOne() throws Exception {
    String database =
        """
        type: timescale
        database:
          url: jdbc:postgresql://db/temperature
        readDatabase:
          maxSize: 4
        """;

    assertThat(parse(database).hasReadDatabase()).isFalse();
    assertThatThrownBy(() -> parse(database + "  url: jdbc:postgresql://db-replica/temperature\n"))
        .hasMessageContaining("initialSize must be less than or equal to maxSize");
  }

  @Test
  void theMigrationsBlockNamesTheSchemasOwnerAndAnEmptyUserNamesNone() throws Exception {
    String database =
        """
        type: timescale
        database:
          url: jdbc:postgresql://db/temperature
          user: temperature_api
        """;
    TimescaleStorageFactory split =
        parse(database + "migrations:\n  user: temperature\n  password: owner-secret\n");

    assertThat(split.getMigrations().isNamed()).isTrue();
    assertThat(split.getMigrations().getUser()).isEqualTo("temperature");
    assertThat(split.getMigrations().getPassword()).isEqualTo("owner-secret");
    assertThat(Jackson.newObjectMapper().writeValueAsString(split)).doesNotContain("owner-secret");
    assertThat(parse(database).getMigrations().isNamed()).isFalse();
    assertThat(
            parse(database + "migrations:\n  user: ''\n  password: ''\n").getMigrations().isNamed())
        .isFalse();
  }

  private static TimescaleStorageFactory parse(String yaml) throws Exception {
    return new YamlConfigurationFactory<>(
            TimescaleStorageFactory.class, Validators.newValidator(), Jackson.newObjectMapper(), "")
        .build(
            path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline.yml");
  }
}
