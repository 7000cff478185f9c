package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.adapters.http.auth.TokenHash;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example secrets the repository ships are refused at start-up by a configuration that requires
 * tokens, and only warned about by an open one.
 */
class ExampleSecretsTest {
  private static final Path ROOT = ConfigurationTest.repositoryRoot();
  private static final String REAL_HASH = TokenHash.hex(TokenHash.newToken());

  @Test
  void everySecretInTheShippedExampleFilesIsRecognisedAsAnExample() throws IOException {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (Path file : exampleFiles()) {
      for (String line : Files.readAllLines(file)) {
        String[] pair = line.split("=", 2);
        if (!line.startsWith("#")
            && pair.length == 2
            && pair[0].matches(".*(PASSWORD|TOKEN|SHA256).*")) {
          secrets.put(ROOT.relativize(file) + ": " + pair[0], pair[1]);
        }
      }
    }

    assertThat(secrets).isNotEmpty();
    assertThat(secrets)
        .allSatisfy(
            (where, value) -> assertThat(ExampleSecrets.isExample(value)).as(where).isTrue());
  }

  @Test
  void secretsOfOnesOwnAreNotExamples() {
    assertThat(ExampleSecrets.isExample(REAL_HASH)).isFalse();
    assertThat(ExampleSecrets.isExample("3f9c1a0b7d2e4c6f8a1b3c5d7e9f0a2b")).isFalse();
    assertThat(ExampleSecrets.isExample("my-change-me")).isFalse();
    assertThat(ExampleSecrets.isExample("0".repeat(63) + "1")).isFalse();
  }

  @Test
  void aProductionConfigWithExampleSecretsRefusesToStartNamingEachSetting() throws Exception {
    TemperatureApiConfiguration configuration =
        load(
            "config-production.yml",
            Map.of(
                "POSTGRES_PASSWORD", "change-me",
                "POSTGRES_MIGRATIONS_USER", "temperature",
                "POSTGRES_MIGRATIONS_PASSWORD", "change-me-too",
                "WRITER_TOKEN_SHA256", "0".repeat(64),
                "READER_TOKEN_SHA256", REAL_HASH));

    assertThatThrownBy(() -> ExampleSecrets.refuseOrWarn(configuration, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "Refusing to start: storage.database.password, storage.migrations.password,"
                + " auth.tokens[0].sha256 (gateways) hold the example value")
        .hasMessageNotContaining("dashboards")
        .hasMessageNotContaining("change-me");
  }

  @Test
  void anOpenConfigWithAnExampleSecretStartsAndSaysWhich() throws Exception {
    TemperatureApiConfiguration configuration =
        load("config-timescale.yml", Map.of("POSTGRES_PASSWORD", "change-me"));

    ExampleSecrets.refuseOrWarn(configuration, false);
    assertThat(ExampleSecrets.settingsWithExamples(configuration))
        .containsExactly("storage.database.password");
  }

  @Test
  void theInfluxTokenIsCheckedToo() throws Exception {
    TemperatureApiConfiguration configuration =
        load(
            "config-production-influx.yml",
            Map.of(
                "INFLUX_TOKEN",
                "change-me-to-a-long-random-token",
                "WRITER_TOKEN_SHA256",
                REAL_HASH,
                "READER_TOKEN_SHA256",
                "1".repeat(64)));

    assertThat(ExampleSecrets.settingsWithExamples(configuration))
        .containsExactly("storage.token", "auth.tokens[1].sha256 (dashboards)");
  }

  /** Through the application itself: the server does not start, and says why. */
  @Test
  void theServerRefusesToStartOnTheProductionConfigWithAnExampleHash(@TempDir Path directory) {
    System.setProperty("WRITER_TOKEN_SHA256", REAL_HASH);
    System.setProperty("READER_TOKEN_SHA256", "1".repeat(64));
    System.setProperty("SQLITE_PATH", directory.resolve("refused.db").toString());
    try {
      assertThatThrownBy(
              () -> new RunningApi(ROOT.resolve("config-production-sqlite.yml").toString()))
          .hasStackTraceContaining("Refusing to start: auth.tokens[1].sha256 (dashboards)");
      assertThat(directory.resolve("refused.db")).doesNotExist();
    } finally {
      System.clearProperty("WRITER_TOKEN_SHA256");
      System.clearProperty("READER_TOKEN_SHA256");
      System.clearProperty("SQLITE_PATH");
    }
  }

  private static List<Path> exampleFiles() throws IOException {
    try (Stream<Path> overlays = Files.walk(ROOT.resolve("deploy/k8s"))) {
      return Stream.concat(
              Stream.of(ROOT.resolve(".env.example")),
              overlays.filter(file -> file.getFileName().toString().endsWith(".env.example")))
          .toList();
    }
  }

  private static TemperatureApiConfiguration load(String file, Map<String, String> environment)
      throws Exception {
    Map<String, String> variables =
        new HashMap<>(
            Map.of("POSTGRES_URL", "jdbc:postgresql://db/t", "POSTGRES_USER", "temperature_api"));
    variables.putAll(environment);
    return new YamlConfigurationFactory<>(
            TemperatureApiConfiguration.class,
            Validators.newValidator(),
            Jackson.newObjectMapper(),
            "dw")
        .build(
            new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new StringSubstitutor(variables)),
            ROOT.resolve(file).toString());
  }
}
