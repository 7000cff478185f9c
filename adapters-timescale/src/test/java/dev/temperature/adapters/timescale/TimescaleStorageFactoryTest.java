package dev.temperature.adapters.timescale;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.storage.StorageSettings;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
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
    assertThat(factory.queryDriverProperties(Duration.seconds(7)))
        .as("the queries' sessions have the query budget, not storage.statementTimeout")
        .containsEntry("sslmode", "require")
        .containsEntry("socketTimeout", "30")
        .containsEntry("options", "-c statement_timeout=7000");
    assertThat(factory.driverProperties())
        .as("the writer's")
        .doesNotContainKey("sslmode")
        .containsEntry("options", "-c statement_timeout=10000");
    assertThat(factory.getDatabase().getReadOnlyByDefault()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void aQueryTimeoutNotBelowTheQueriesSocketTimeoutStopsStartUpBeforeConnecting() throws Exception {
    TimescaleStorageFactory replica =
        parse(
            """
            type: timescale
            database:
              url: jdbc:postgresql://db/temperature
            readDatabase:
              url: jdbc:postgresql://db-replica/temperature
              properties:
                socketTimeout: 20
            """);
    assertThatThrownBy(
            () -> replica.build(new Environment("t"), new StorageSettings(ofSeconds(20))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queries.timeout (20000 ms) must be shorter")
        .hasMessageContaining("socketTimeout of storage.readDatabase");

    TimescaleStorageFactory primary =
        parse(
            """
            type: timescale
            database:
              url: jdbc:postgresql://db/temperature
            """);
    assertThatThrownBy(
            () -> primary.build(new Environment("t"), new StorageSettings(ofSeconds(30))))
        .hasMessageContaining("socketTimeout of storage.database");
  }

  @Test
  void writersAreConfiguredAndSizeTheirPool() throws Exception {
    TimescaleStorageFactory factory =
        parse(
            """
            type: timescale
            writers: 4
            database:
              url: jdbc:postgresql://db/temperature
            """);

    assertThat(factory.writers()).isEqualTo(4);
    assertThat(
            PostgresPools.writerBlock(factory.getDatabase(), 4, Jackson.newObjectMapper())
                .getMaxSize())
        .isEqualTo(5);
    assertThatThrownBy(
            () ->
                parse(
                    """
                    type: timescale
                    writers: 0
                    database:
                      url: jdbc:postgresql://db/temperature
                    """))
        .hasMessageContaining("writers must be greater than or equal to 1");
  }

  @Test
  void aWriteStatementTimeoutNotBelowTheSocketTimeoutIsRefused() throws Exception {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    type: timescale
                    statementTimeout: 30s
                    database:
                      url: jdbc:postgresql://db/temperature
                    """))
        .hasMessageContaining("storage.statementTimeout must be shorter than the driver's");
  }

  @Test
  void theWritersPoolIsACopyOfTheDatabaseBlockWithAConnectionPerWriterAndASpare() throws Exception {
    TimescaleStorageFactory factory =
        parse(
            """
            type: timescale
            database:
              url: jdbc:postgresql://db/temperature
              user: writer
              password: secret
              maxSize: 12
              maxWaitForConnection: 3s
              properties:
                sslmode: require
            """);
    DataSourceFactory database = factory.getDatabase();

    DataSourceFactory writer =
        PostgresPools.writerBlock(database, factory.writers(), Jackson.newObjectMapper());

    assertThat(writer).isNotSameAs(database);
    assertThat(writer.getUrl()).isEqualTo("jdbc:postgresql://db/temperature");
    assertThat(writer.getUser()).isEqualTo("writer");
    assertThat(writer.getPassword()).isEqualTo("secret");
    assertThat(writer.getProperties()).containsEntry("sslmode", "require");
    assertThat(writer.getMaxWaitForConnection()).isEqualTo(Duration.seconds(3));
    assertThat(writer.getValidationQuery()).isEqualTo(database.getValidationQuery());
    assertThat(writer.getCheckConnectionOnBorrow()).isTrue();
    assertThat(writer.getMinSize()).isEqualTo(1);
    assertThat(writer.getInitialSize()).isEqualTo(1);
    assertThat(factory.writers()).as("the default").isEqualTo(2);
    assertThat(writer.getMaxSize()).as("a connection a writer and a spare").isEqualTo(3);
    assertThat(database.getMaxSize()).as("the queries' pool keeps the block's").isEqualTo(12);
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
