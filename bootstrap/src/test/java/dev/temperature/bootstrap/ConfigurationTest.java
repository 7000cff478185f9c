package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.adapters.http.auth.ApiToken;
import dev.temperature.testing.Repository;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationTest {
  private final YamlConfigurationFactory<TemperatureApiConfiguration> factory =
      new YamlConfigurationFactory<>(
          TemperatureApiConfiguration.class,
          Validators.newValidator(),
          Jackson.newObjectMapper(),
          "dw");

  @Test
  void theShippedQuickStartConfigSelectsSqliteOnThePrototypesPorts() throws Exception {
    Path config = repositoryRoot().resolve("config.yml");
    TemperatureApiConfiguration configuration =
        factory.build(
            // Defaults only: the ${VAR:-default} values, whatever this machine's environment holds.
            new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new StringSubstitutor(Map.of())),
            config.toString());

    assertThat(configuration.getStorage().getClass().getSimpleName())
        .isEqualTo("SqliteStorageFactory");
    assertThat(ports(configuration)).containsExactly(5000, 5001);
    assertThat(configuration.getReadings().policy().maxFutureSkew()).hasMinutes(5);
    assertThat(configuration.getQueries().getMaxDuration().toDays()).isEqualTo(366);
  }

  @Test
  void theShippedTimescaleConfigNeedsOnlyUrlUserAndPassword() throws Exception {
    Path config = repositoryRoot().resolve("config-timescale.yml");
    TemperatureApiConfiguration configuration =
        factory.build(
            new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(),
                new StringSubstitutor(Map.of("POSTGRES_PASSWORD", "secret"))),
            config.toString());

    var storage = configuration.getStorage();
    assertThat(storage.getClass().getSimpleName()).isEqualTo("TimescaleStorageFactory");
    var database = (DataSourceFactory) storage.getClass().getMethod("getDatabase").invoke(storage);
    // The block in the file is merged over the adapter's defaults, not instead of them.
    assertThat(database.getDriverClass()).isEqualTo("org.postgresql.Driver");
    assertThat(database.getProperties()).containsEntry("reWriteBatchedInserts", "true");
    assertThat(database.getUrl()).isEqualTo("jdbc:postgresql://localhost:5432/temperature");
    assertThat(database.getPassword()).isEqualTo("secret");
    assertThat(ports(configuration)).containsExactly(5000, 5001);
  }

  @Test
  void theShippedInfluxConfigReadsItsTokenFromTheEnvironment() throws Exception {
    Path config = repositoryRoot().resolve("config-influx.yml");
    TemperatureApiConfiguration configuration =
        factory.build(
            new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(),
                new StringSubstitutor(Map.of("INFLUX_TOKEN", "token-from-env"))),
            config.toString());

    var storage = configuration.getStorage();
    assertThat(storage.getClass().getSimpleName()).isEqualTo("InfluxStorageFactory");
    assertThat(storage.getClass().getMethod("getToken").invoke(storage))
        .isEqualTo("token-from-env");
    assertThat(storage.getClass().getMethod("getMeasurement").invoke(storage))
        .isEqualTo("temperature");
    assertThat(Files.readString(config)).doesNotContainPattern("token: [^$]");
  }

  @Test
  void theTimescaleConfigRefusesToStartWithoutAPassword() {
    Path config = repositoryRoot().resolve("config-timescale.yml");
    assertThatThrownBy(
            () ->
                factory.build(
                    new SubstitutingSourceProvider(
                        new FileConfigurationSourceProvider(),
                        new io.dropwizard.configuration.EnvironmentVariableSubstitutor(true) {
                          {
                            setVariableResolver(
                                StringLookupFactory.INSTANCE.mapStringLookup(Map.of()));
                          }
                        }),
                    config.toString()))
        .hasMessageContaining("POSTGRES_PASSWORD");
  }

  @Test
  void theProductionConfigRequiresTokensForWritesAndReads() throws Exception {
    TemperatureApiConfiguration configuration = production("a".repeat(64), "b".repeat(64));

    var policy = configuration.getAuth().policy();
    assertThat(policy.writesRequireToken()).isTrue();
    assertThat(policy.readsRequireToken()).isTrue();
    assertThat(policy.tokens())
        .extracting(token -> token.name())
        .containsExactly("gateways", "dashboards");
  }

  @Test
  void theProductionConfigRefusesOneHashForBothTokens() {
    assertThatThrownBy(() -> production("a".repeat(64), "A".repeat(64)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.tokens lists one sha256 under two entries");
  }

  @Test
  void aHashInTheWritersRotationListThatIsAlsoTheReadersIsRefused() {
    // The writer's entry holds a new and an old hash while a token is rotated; the old one is the
    // reader's own, so its holder would be given both roles.
    assertThatThrownBy(
            () -> production("a".repeat(64) + ", " + "b".repeat(64), " " + "B".repeat(64)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.tokens lists one sha256 under two entries");
  }

  @Test
  void aRotationListOfDistinctHashesIsAccepted() throws Exception {
    var tokens =
        production("a".repeat(64) + "," + "c".repeat(64), "b".repeat(64)).getAuth().policy();

    assertThat(tokens.tokens()).hasSize(3);
  }

  private TemperatureApiConfiguration production(String writerHash, String readerHash)
      throws Exception {
    return factory.build(
        new SubstitutingSourceProvider(
            new FileConfigurationSourceProvider(),
            new StringSubstitutor(
                Map.of(
                    "POSTGRES_URL", "jdbc:postgresql://db/t",
                    "POSTGRES_USER", "u",
                    "POSTGRES_PASSWORD", "p",
                    "WRITER_TOKEN_SHA256", writerHash,
                    "READER_TOKEN_SHA256", readerHash))),
        repositoryRoot().resolve("config-production.yml").toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "required | off | reader | auth.writes is required, but no token in auth.tokens has the"
            + " role 'writer'",
        "off | required | writer | auth.reads is required, but no token in auth.tokens has the"
            + " role 'reader'"
      })
  void aRequiredRoleThatNoTokenHoldsIsRefused(
      String writes, String reads, String role, String message, @TempDir Path directory)
      throws Exception {
    Path config = directory.resolve("roles.yml");
    Files.writeString(
        config,
        "storage:\n  type: sqlite\nauth:\n  writes: "
            + writes
            + "\n  reads: "
            + reads
            + "\n  tokens:\n    - name: t\n      sha256: "
            + "c".repeat(64)
            + "\n      roles: ["
            + role
            + "]\n");

    assertThatThrownBy(
            () -> factory.build(new FileConfigurationSourceProvider(), config.toString()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aRequiredRoleWithoutAnyTokenIsRefused(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("none.yml");
    Files.writeString(config, "storage:\n  type: sqlite\nauth:\n  writes: required\n");

    assertThatThrownBy(
            () -> factory.build(new FileConfigurationSourceProvider(), config.toString()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.writes is required");
  }

  @Test
  void theQuickStartConfigLeavesTheApiOpenAsThePrototypeDid() throws Exception {
    TemperatureApiConfiguration configuration =
        factory.build(
            new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new StringSubstitutor(Map.of())),
            repositoryRoot().resolve("config.yml").toString());

    assertThat(configuration.getAuth().policy().writesRequireToken()).isFalse();
    assertThat(configuration.getAuth().policy().readsRequireToken()).isFalse();
  }

  @Test
  void aBareOffInYamlMeansOff(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("auth.yml");
    Files.writeString(
        config,
        "storage:\n  type: sqlite\nauth:\n  writes: off\n  reads: required\n  tokens:\n"
            + "    - name: d\n      sha256: "
            + "d".repeat(64)
            + "\n      roles: [reader]\n");

    var policy =
        factory.build(new FileConfigurationSourceProvider(), config.toString()).getAuth().policy();

    assertThat(policy.writesRequireToken()).isFalse();
    assertThat(policy.readsRequireToken()).isTrue();
  }

  @Test
  void aTokenWithAnUnknownRoleOrABadHashIsRefused(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("bad-token.yml");
    Files.writeString(
        config,
        "storage:\n  type: sqlite\nauth:\n  tokens:\n    - name: x\n      sha256: abc\n"
            + "      roles: [admin]\n");

    assertThatThrownBy(
            () -> factory.build(new FileConfigurationSourceProvider(), config.toString()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("sha256")
        .hasMessageContaining("roles");
  }

  /** The hashes are substituted as text before YAML reads them: 64 digits must stay a string. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "config-production.yml",
        "config-production-sqlite.yml",
        "config-production-influx.yml"
      })
  void aTokenHashOfDigitsAloneIsReadAsAHash(String file) throws Exception {
    Map<String, String> environment =
        Map.of(
            "POSTGRES_URL", "jdbc:postgresql://db/t",
            "POSTGRES_USER", "u",
            "POSTGRES_PASSWORD", "p",
            "INFLUX_TOKEN", "t",
            "WRITER_TOKEN_SHA256", "0".repeat(64),
            "READER_TOKEN_SHA256", "1".repeat(63) + "0");

    TemperatureApiConfiguration configuration =
        factory.build(
            new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new StringSubstitutor(environment)),
            repositoryRoot().resolve(file).toString());

    assertThat(configuration.getAuth().policy().readsRequireToken()).isTrue();
  }

  /** Rotation: the new hash and the old one, in one variable, and either token works. */
  @Test
  void twoHashesOfOneTokenAreBothAcceptedWhileItIsRotated() throws Exception {
    String next = "a".repeat(64);
    String previous = "B".repeat(64);
    Map<String, String> environment =
        Map.of(
            "WRITER_TOKEN_SHA256", next + ", " + previous, "READER_TOKEN_SHA256", "c".repeat(64));

    TemperatureApiConfiguration configuration =
        factory.build(
            new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new StringSubstitutor(environment)),
            repositoryRoot().resolve("config-production-sqlite.yml").toString());

    assertThat(configuration.getAuth().policy().tokens())
        .filteredOn(token -> token.name().equals("gateways"))
        .extracting(ApiToken::sha256)
        .containsExactly(next, previous.toLowerCase(Locale.ROOT));
  }

  @Test
  void aHashListWithSomethingElseInItIsRefused() throws Exception {
    Map<String, String> environment =
        Map.of(
            "WRITER_TOKEN_SHA256",
            "a".repeat(64) + ",old-token",
            "READER_TOKEN_SHA256",
            "c".repeat(64));

    assertThatThrownBy(
            () ->
                factory.build(
                    new SubstitutingSourceProvider(
                        new FileConfigurationSourceProvider(), new StringSubstitutor(environment)),
                    repositoryRoot().resolve("config-production-sqlite.yml").toString()))
        .hasMessageContaining("auth.tokens[0].sha256 must be the 64 hex digits of a SHA-256 hash");
  }

  /** Admin tasks change state without a token: no shipped file may open them to the network. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "config.yml",
        "config-timescale.yml",
        "config-influx.yml",
        "config-production.yml",
        "config-production-sqlite.yml",
        "config-production-influx.yml"
      })
  void everyShippedConfigBindsTheAdminPortToLoopbackUnlessAdminHostSaysOtherwise(String file)
      throws Exception {
    Map<String, String> required =
        Map.of(
            "POSTGRES_URL", "jdbc:postgresql://db/t",
            "POSTGRES_USER", "u",
            "POSTGRES_PASSWORD", "p",
            "INFLUX_TOKEN", "t",
            "WRITER_TOKEN_SHA256", "a".repeat(64),
            "READER_TOKEN_SHA256", "b".repeat(64));
    Map<String, String> container = new HashMap<>(required);
    container.put("ADMIN_HOST", "0.0.0.0");

    assertThat(adminBindHost(file, required)).isEqualTo("127.0.0.1");
    assertThat(adminBindHost(file, container)).isEqualTo("0.0.0.0");
  }

  @Test
  void withoutAServerBlockTheAdminPortListensOnLoopbackOnly(@TempDir Path directory)
      throws Exception {
    Path config = directory.resolve("minimal.yml");
    Files.writeString(config, "storage:\n  type: sqlite\n");

    DefaultServerFactory server =
        (DefaultServerFactory)
            factory
                .build(new FileConfigurationSourceProvider(), config.toString())
                .getServerFactory();

    assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getBindHost())
        .isEqualTo("127.0.0.1");
    assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getBindHost())
        .isNull();
  }

  private String adminBindHost(String file, Map<String, String> environment) throws Exception {
    DefaultServerFactory server =
        (DefaultServerFactory)
            factory
                .build(
                    new SubstitutingSourceProvider(
                        new FileConfigurationSourceProvider(), new StringSubstitutor(environment)),
                    repositoryRoot().resolve(file).toString())
                .getServerFactory();
    return ((HttpConnectorFactory) server.getAdminConnectors().get(0)).getBindHost();
  }

  @Test
  void withoutAServerBlockThePortsAre5000And5001(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("minimal.yml");
    Files.writeString(config, "storage:\n  type: sqlite\n");

    TemperatureApiConfiguration configuration =
        factory.build(new FileConfigurationSourceProvider(), config.toString());

    assertThat(ports(configuration)).containsExactly(5000, 5001);
  }

  @Test
  void anUnknownStorageTypeIsRefusedNamingTheKnownOnes(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("unknown.yml");
    Files.writeString(config, "storage:\n  type: cassandra\n");

    assertThatThrownBy(
            () -> factory.build(new FileConfigurationSourceProvider(), config.toString()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cassandra")
        .hasMessageContaining("sqlite");
  }

  @Test
  void retentionIsForeverUnlessTheBlockSaysOtherwise(@TempDir Path directory) throws Exception {
    Path quiet = directory.resolve("quiet.yml");
    Files.writeString(quiet, "storage:\n  type: sqlite\n");
    Path kept = directory.resolve("kept.yml");
    Files.writeString(
        kept, "storage:\n  type: sqlite\nretention:\n  raw: 90d\n  rollups: FOREVER\n");

    assertThat(
            factory
                .build(new FileConfigurationSourceProvider(), quiet.toString())
                .getRetention()
                .retention())
        .isEqualTo(dev.temperature.domain.Retention.FOREVER);
    assertThat(
            factory
                .build(new FileConfigurationSourceProvider(), kept.toString())
                .getRetention()
                .retention())
        .isEqualTo(
            new dev.temperature.domain.Retention(
                java.util.Optional.of(java.time.Duration.ofDays(90)), java.util.Optional.empty()));
  }

  @ParameterizedTest
  @CsvSource({
    "'raw: 90d\n  rollups: 30d', rollups kept at least as long as raw readings",
    "'raw: 30m', of at least an hour",
    "'raw: ninety days', a length of at least an hour"
  })
  void anImpossibleRetentionIsRefused(String block, String message, @TempDir Path directory)
      throws Exception {
    Path config = directory.resolve("retention.yml");
    Files.writeString(config, "storage:\n  type: sqlite\nretention:\n  " + block + "\n");

    assertThatThrownBy(
            () -> factory.build(new FileConfigurationSourceProvider(), config.toString()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("retention.raw and retention.rollups must each be")
        .hasMessageContaining(message);
  }

  @Test
  void aFutureSkewOfMoreThanADayIsRefused(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("skew.yml");
    Files.writeString(config, "storage:\n  type: sqlite\nreadings:\n  maxFutureSkew: 25h\n");

    assertThatThrownBy(
            () -> factory.build(new FileConfigurationSourceProvider(), config.toString()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("readings.maxFutureSkew");
  }

  @ParameterizedTest
  @CsvSource({
    "'writes:\n  maxGroupSize: 100\n  queueCapacity: 50\n', writes.queueCapacity must be at"
        + " least writes.maxGroupSize",
    "'writes:\n  maxGroupSize: 10\n  queueCapacity: 100\nhttp:\n  maxBatchSize: 200\n',"
        + " writes.queueCapacity must be at least http.maxBatchSize"
  })
  void aWriteQueueThatCannotHoldAGroupOrABatchIsRefused(
      String block, String message, @TempDir Path directory) throws Exception {
    Path config = directory.resolve("writes.yml");
    Files.writeString(config, "storage:\n  type: sqlite\n" + block.replace("\\n", "\n"));

    assertThatThrownBy(
            () -> factory.build(new FileConfigurationSourceProvider(), config.toString()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void theQueryBudgetTheOverviewCapAndTheWriteWaitHaveDefaults(@TempDir Path directory)
      throws Exception {
    Path config = directory.resolve("defaults.yml");
    Files.writeString(config, "storage:\n  type: sqlite\n");

    TemperatureApiConfiguration configuration =
        factory.build(new FileConfigurationSourceProvider(), config.toString());

    assertThat(configuration.getQueries().getTimeout().toSeconds()).isEqualTo(10);
    assertThat(configuration.getQueries().storageSettings().queryTimeout()).hasSeconds(10);
    assertThat(configuration.getQueries().limits().maxOverviewRoomDays()).isEqualTo(1000);
    assertThat(configuration.getWrites().getMaxWait().toSeconds()).isEqualTo(10);
    assertThat(configuration.getWrites().settings(1).maxWait()).hasSeconds(10);
  }

  @ParameterizedTest
  @CsvSource({
    "'queries:\n  timeout: 50ms\n', queries.timeout",
    "'queries:\n  timeout: 10m\n', queries.timeout",
    "'queries:\n  maxOverviewRoomDays: 0\n', queries.maxOverviewRoomDays",
    "'writes:\n  maxWait: 10ms\n', writes.maxWait",
    "'writes:\n  maxWait: 1h\n', writes.maxWait"
  })
  void aBudgetCapOrWaitOutsideItsLimitsIsRefusedNamingTheKey(
      String block, String key, @TempDir Path directory) throws Exception {
    Path config = directory.resolve("limits.yml");
    Files.writeString(config, "storage:\n  type: sqlite\n" + block.replace("\\n", "\n"));

    assertThatThrownBy(
            () -> factory.build(new FileConfigurationSourceProvider(), config.toString()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(key);
  }

  @Test
  void aMissingStorageBlockIsRefused(@TempDir Path directory) throws Exception {
    Path config = directory.resolve("empty.yml");
    Files.writeString(config, "readings:\n  plausibleMin: -50\n");

    assertThatThrownBy(
            () -> factory.build(new FileConfigurationSourceProvider(), config.toString()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("storage");
  }

  @Test
  void theTestConfigUsesRandomPortsSqliteAndASmallBodyLimit() throws Exception {
    TemperatureApiConfiguration configuration =
        factory.build(new ResourceConfigurationSourceProvider(), "test-config.yml");

    assertThat(ports(configuration)).containsExactly(0, 0);
    assertThat(configuration.getStorage().getClass().getSimpleName())
        .isEqualTo("SqliteStorageFactory");
    assertThat(configuration.getHttp().getMaxBodySize().toBytes()).isEqualTo(4096);
    assertThat(configuration.getHttp().getMaxBatchSize()).isEqualTo(5000);
  }

  private static List<Integer> ports(TemperatureApiConfiguration configuration) {
    DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
    return List.of(
        ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort(),
        ((HttpConnectorFactory) server.getAdminConnectors().get(0)).getPort());
  }

  static Path repositoryRoot() {
    return Repository.root();
  }
}
