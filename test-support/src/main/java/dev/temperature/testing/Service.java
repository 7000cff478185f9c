package dev.temperature.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Something outside the JVM that a test needs, how to tell whether this machine has it, and how to
 * get it. {@code make test} provides every one of them; {@code make check} runs no test that needs
 * one.
 */
public enum Service {
  /**
   * The test PostgreSQL with TimescaleDB, database {@code temperature}, with production's roles:
   * the serving role, the schema's owner, and the superuser for tests that create databases.
   */
  POSTGRES(
      "the test PostgreSQL+TimescaleDB",
      Service.MAKE_SERVICES,
      "POSTGRES_URL",
      "POSTGRES_USER",
      "POSTGRES_PASSWORD",
      "POSTGRES_MIGRATIONS_USER",
      "POSTGRES_MIGRATIONS_PASSWORD",
      "POSTGRES_SUPERUSER",
      "POSTGRES_SUPERUSER_PASSWORD"),
  /** The same server's {@code temperature_plain} database, without TimescaleDB. */
  POSTGRES_PLAIN(
      "the test PostgreSQL database without TimescaleDB",
      Service.MAKE_SERVICES,
      "POSTGRES_PLAIN_URL",
      "POSTGRES_USER",
      "POSTGRES_PASSWORD",
      "POSTGRES_MIGRATIONS_USER",
      "POSTGRES_MIGRATIONS_PASSWORD",
      "POSTGRES_SUPERUSER",
      "POSTGRES_SUPERUSER_PASSWORD"),
  /** The streaming replica of the test PostgreSQL, a hot standby. */
  POSTGRES_REPLICA(
      "the test PostgreSQL's streaming replica",
      Service.MAKE_SERVICES,
      "POSTGRES_REPLICA_URL",
      "POSTGRES_USER",
      "POSTGRES_PASSWORD",
      "POSTGRES_MIGRATIONS_USER",
      "POSTGRES_MIGRATIONS_PASSWORD",
      "POSTGRES_SUPERUSER",
      "POSTGRES_SUPERUSER_PASSWORD"),
  /**
   * The test InfluxDB 2.x, with its org and bucket, the API's token scoped to the bucket and the
   * operator token for tests that administer the server.
   */
  INFLUXDB(
      "the test InfluxDB",
      Service.MAKE_SERVICES,
      "INFLUX_URL",
      "INFLUX_TOKEN",
      "INFLUX_ORG",
      "INFLUX_BUCKET",
      "INFLUX_OPERATOR_TOKEN"),
  /**
   * A Prometheus Alertmanager binary, built by scripts/services/alertmanager.sh; each test starts
   * its own with a configuration of its own.
   */
  ALERTMANAGER("a Prometheus Alertmanager binary", Service.MAKE_SERVICES, "ALERTMANAGER_BIN") {
    @Override
    Optional<String> missing(Function<String, String> environment, Path root) {
      Optional<String> unset = super.missing(environment, root);
      if (unset.isPresent()) {
        return unset;
      }
      String binary = environment.apply("ALERTMANAGER_BIN");
      return Files.isExecutable(Path.of(binary))
          ? Optional.empty()
          : Optional.of("ALERTMANAGER_BIN is not an executable: " + binary);
    }
  },
  /** The files scripts/services.sh writes: {@code .services.env} at the repository root. */
  SERVICES_FILES("the files scripts/services.sh writes", "run `make services` (make test does)") {
    @Override
    Optional<String> missing(Function<String, String> environment, Path root) {
      return Files.exists(root.resolve(".services.env"))
          ? Optional.empty()
          : Optional.of("there is no .services.env");
    }
  },
  /** Debian's {@code chromium} and {@code chromium-driver}, for the tests of the served pages. */
  CHROMIUM(
      "Debian's chromium and chromium-driver",
      "run scripts/install-chromium.sh as root (make test does)") {
    @Override
    Optional<String> missing(Function<String, String> environment, Path root) {
      List<String> absent = new ArrayList<>();
      for (Path file : List.of(CHROMIUM_BINARY, CHROMEDRIVER_BINARY)) {
        if (!Files.isExecutable(file)) {
          absent.add(file.toString());
        }
      }
      return absent.isEmpty()
          ? Optional.empty()
          : Optional.of(String.join(" and ", absent) + " not found");
    }
  },
  /** The kustomize that scripts/k8s/tools.sh installs and finds, for the Kubernetes manifests. */
  KUSTOMIZE("kustomize", "run scripts/k8s/tools.sh (make test and make k8s-check do)") {
    @Override
    Optional<String> missing(Function<String, String> environment, Path root) {
      try {
        Process where =
            new ProcessBuilder(
                    "bash", root.resolve("scripts/k8s/tools.sh").toString(), "path", "kustomize")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String path = new String(where.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!where.waitFor(60, TimeUnit.SECONDS) || where.exitValue() != 0) {
          return Optional.of("scripts/k8s/tools.sh path kustomize failed");
        }
        return Files.isExecutable(Path.of(path.strip()))
            ? Optional.empty()
            : Optional.of(path.strip() + " is missing");
      } catch (IOException e) {
        return Optional.of("cannot run scripts/k8s/tools.sh: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted while asking scripts/k8s/tools.sh");
      }
    }
  };

  /** Where {@link #CHROMIUM} looks for the browser; Debian's package puts it there. */
  public static final Path CHROMIUM_BINARY = Path.of("/usr/bin/chromium");

  /** Where {@link #CHROMIUM} looks for the driver; given to Selenium so it never downloads one. */
  public static final Path CHROMEDRIVER_BINARY = Path.of("/usr/bin/chromedriver");

  private static final String MAKE_SERVICES =
      "start it with `make services` and `. ./.services.env`, or run `make test`";

  private final String description;
  private final String howToStart;
  private final List<String> variables;

  Service(String description, String howToStart, String... variables) {
    this.description = description;
    this.howToStart = howToStart;
    this.variables = List.of(variables);
  }

  /** The environment variables that say where the service is; empty when it is not a server. */
  public List<String> variables() {
    return variables;
  }

  /**
   * The value of one of {@link #variables()}. Call it from a test that declares the service with
   * {@link RequiresService}, which has made sure it is set.
   */
  public String variable(String name) {
    if (!variables.contains(name)) {
      throw new IllegalArgumentException(name + " is not a variable of " + this);
    }
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name
              + " is not set: declare the test's need with @RequiresService(Service."
              + this
              + ")");
    }
    return value;
  }

  /** What a test needs, for the message of a test that cannot run. */
  String description() {
    return description;
  }

  /** What to do to get the service. */
  String howToStart() {
    return howToStart;
  }

  /**
   * Why this machine lacks the service, or empty when it has it. Servers are found through their
   * environment variables, which {@code scripts/services.sh} writes to .services.env.
   */
  Optional<String> missing(Function<String, String> environment, Path root) {
    List<String> unset =
        variables.stream()
            .filter(name -> environment.apply(name) == null || environment.apply(name).isBlank())
            .toList();
    if (unset.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(", ", unset) + (unset.size() == 1 ? " is" : " are") + " not set");
  }
}
