package dev.temperature.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.temperature.testing.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Least privilege in the Compose stacks as the files say it (docs/adr/0011-least-privilege.md):
 * every port is published on the host's loopback unless the environment says otherwise, the API
 * never gets a database's administrator secret, and PostgreSQL's roles for the API are made without
 * superuser rights. The container checks (scripts/container/compose-run.sh) ask the same of the
 * running stacks.
 */
class ComposeStacksTest {
  private static final Path ROOT = Repository.root();
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?]([^}]*))?}");

  /** The database images' variables that hold their administrator's secret. */
  private static final Set<String> ADMINISTRATOR_SECRETS =
      Set.of(
          "POSTGRES_PASSWORD", "DOCKER_INFLUXDB_INIT_PASSWORD", "DOCKER_INFLUXDB_INIT_ADMIN_TOKEN");

  @Test
  void everyPublishedPortIsOnTheHostsLoopbackUnlessTheEnvironmentSaysOtherwise()
      throws IOException {
    List<String> published = new ArrayList<>();
    for (Path file : composeFiles()) {
      services(file)
          .forEach(
              (name, service) ->
                  service
                      .path("ports")
                      .forEach(
                          port -> published.add(file.getFileName() + " " + name + " " + port)));
    }

    assertThat(published).isNotEmpty();
    assertThat(published)
        .allSatisfy(
            port ->
                assertThat(hostAddress(port.substring(port.lastIndexOf(' ') + 1)))
                    .as(port)
                    .isIn("127.0.0.1", "::1"));
  }

  @Test
  void theApiGetsNoDatabaseAdministratorsSecretNorLogsInAsTheSuperuser() throws IOException {
    int databases = 0;
    for (Path file : composeFiles()) {
      Map<String, JsonNode> services = services(file);
      JsonNode api = services.get("api");
      Set<String> apiReads = variablesIn(api.path("environment"));
      for (Map.Entry<String, JsonNode> service : services.entrySet()) {
        if (service.getKey().equals("api")) {
          continue;
        }
        JsonNode environment = service.getValue().path("environment");
        for (String secret : ADMINISTRATOR_SECRETS) {
          if (!environment.has(secret)) {
            continue;
          }
          databases++;
          assertThat(apiReads)
              .as("%s: the API reads what %s's %s is set from", file, service.getKey(), secret)
              .doesNotContainAnyElementsOf(variablesIn(environment.path(secret)));
        }
        if (environment.has("POSTGRES_PASSWORD")) {
          String superuser = environment.path("POSTGRES_USER").asText("postgres");
          assertThat(api.at("/environment/POSTGRES_USER").asText())
              .as("%s: the API's PostgreSQL user", file)
              .isNotEqualTo(superuser);
        }
      }
    }
    assertThat(databases).as("administrator secrets found").isGreaterThanOrEqualTo(3);
  }

  @Test
  void thePostgresRolesOfTheApiAreMadeWithoutSuperuserRightsAtTheFirstStart() throws IOException {
    Map<String, JsonNode> services = services(ROOT.resolve("compose.timescale.yaml"));
    String scripts = initScripts(services.get("timescaledb"));

    for (String variable : List.of("POSTGRES_USER", "POSTGRES_MIGRATIONS_USER")) {
      String role = services.get("api").at("/environment/" + variable).asText();
      assertThat(role).as(variable).isNotBlank();
      assertThat(scripts).contains("CREATE ROLE " + role + " LOGIN NOSUPERUSER");
    }
  }

  @Test
  void theInfluxApiTokenIsMadeAtTheFirstStartAndHandedOverInAVolumeOfItsOwn() throws IOException {
    Map<String, JsonNode> services = services(ROOT.resolve("compose.influx.yaml"));
    JsonNode influxdb = services.get("influxdb");
    JsonNode api = services.get("api");
    String tokenFile = influxdb.at("/environment/TEMPERATURE_API_TOKEN_FILE").asText();

    // The script's JSON is in a shell string, its quotes escaped. The token reads and writes the
    // readings' bucket and the rollups' one, which the script makes.
    assertThat(initScripts(influxdb).replace("\\\"", "\""))
        .contains("{\"action\":\"read\",\"resource\":$resource}")
        .contains("{\"action\":\"write\",\"resource\":$resource}")
        .contains("for id in \"$bucket_id\" \"$rollups_id\"; do")
        .contains("{\"type\":\"buckets\",\"id\":\"$id\"")
        .contains("rollups=${TEMPERATURE_API_ROLLUP_BUCKET:-${bucket}_rollups}")
        .contains("\"name\":\"$rollups\",\"retentionRules\":[]");
    assertThat(api.path("environment").has("INFLUX_TOKEN")).isFalse();
    assertThat(api.path("entrypoint").toString()).contains("cat " + tokenFile);
    String directory = tokenFile.substring(0, tokenFile.lastIndexOf('/'));
    assertThat(texts(api.path("volumes"))).anyMatch(v -> v.endsWith(":" + directory + ":ro"));
    assertThat(texts(influxdb.path("volumes"))).anyMatch(v -> v.endsWith(":" + directory));
  }

  /** The host address a short-syntax port publishes on, with every variable at its default. */
  private static String hostAddress(String port) {
    String resolved = withDefaults(port.replaceAll("^\"|\"$", ""));
    String[] parts = resolved.split(":");
    return parts.length == 3 ? parts[0] : "every interface (" + resolved + ")";
  }

  private static String withDefaults(String text) {
    Matcher variable = VARIABLE.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (variable.find()) {
      variable.appendReplacement(
          resolved, Matcher.quoteReplacement(variable.group(2) == null ? "" : variable.group(2)));
    }
    variable.appendTail(resolved);
    return resolved.toString();
  }

  private static Set<String> variablesIn(JsonNode node) {
    Set<String> names = new HashSet<>();
    for (String value : ShippedFiles.values(node)) {
      Matcher variable = VARIABLE.matcher(value);
      while (variable.find()) {
        names.add(variable.group(1));
      }
    }
    return names;
  }

  /** The text of every file of the repository a service mounts into /docker-entrypoint-initdb.d. */
  private static String initScripts(JsonNode service) {
    StringBuilder scripts = new StringBuilder();
    for (String volume : texts(service.path("volumes"))) {
      String[] parts = volume.split(":");
      if (parts.length >= 2 && parts[1].startsWith("/docker-entrypoint-initdb.d/")) {
        scripts.append(ShippedFiles.read(ROOT.resolve(parts[0]))).append('\n');
      }
    }
    return scripts.toString();
  }

  /**
   * The file's services, each completed by the service it {@code extends} (ports and volumes the
   * file does not set), as Compose merges them.
   */
  private static Map<String, JsonNode> services(Path file) {
    Map<String, JsonNode> services = new java.util.LinkedHashMap<>();
    ShippedFiles.yaml(file)
        .path("services")
        .fields()
        .forEachRemaining(
            entry -> {
              ObjectNode service = (ObjectNode) entry.getValue().deepCopy();
              JsonNode base = service.path("extends");
              if (!base.isMissingNode()) {
                JsonNode parent =
                    services(file.resolveSibling(base.path("file").asText()))
                        .get(base.path("service").asText());
                parent
                    .fields()
                    .forEachRemaining(
                        field -> {
                          if (!service.has(field.getKey())) {
                            service.set(field.getKey(), field.getValue());
                          }
                        });
              }
              services.put(entry.getKey(), service);
            });
    return services;
  }

  private static List<Path> composeFiles() throws IOException {
    try (Stream<Path> files = Files.list(ROOT)) {
      List<Path> compose =
          files
              .filter(f -> f.getFileName().toString().matches("compose.*\\.ya?ml"))
              .sorted()
              .toList();
      assertThat(compose).hasSizeGreaterThanOrEqualTo(3);
      return compose;
    }
  }

  private static List<String> texts(JsonNode list) {
    List<String> texts = new ArrayList<>();
    list.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
