package dev.temperature.checks.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.temperature.testing.Repository;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overlays of deploy/k8s, as kustomize renders them (scripts/k8s/render.sh), say what the
 * application serves and reads: {@link ManifestCheck} finds no problem in any of them, and finds
 * each of the mistakes below when it is made, so that a pass means something. Needs the kustomize
 * that scripts/k8s/tools.sh installs (make test and make k8s-check do).
 */
@RequiresService(Service.KUSTOMIZE)
class KubernetesManifestsTest {
  private static final Path ROOT = Repository.root();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

  @Test
  void thereIsOneOverlayPerStorage() throws IOException {
    try (Stream<Path> overlays = Files.list(ROOT.resolve("deploy/k8s/overlays"))) {
      assertThat(overlays.map(overlay -> overlay.getFileName().toString()))
          .containsExactlyInAnyOrder("sqlite", "timescale", "influx");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "timescale", "influx"})
  void theOverlaySaysWhatTheApplicationServesAndReads(String overlay) throws Exception {
    List<JsonNode> documents = render(overlay);

    assertThat(ManifestCheck.problems(ROOT, documents)).isEmpty();
    assertThat(ManifestCheck.ofKind(documents, "Secret")).isNotEmpty();
  }

  @Test
  void aProbeOnAPathTheApplicationDoesNotServeIsFound() throws Exception {
    assertThat(problemsAfter("timescale", api(c -> probe(c, "livenessProbe").put("path", "/live"))))
        .anyMatch(p -> p.startsWith("livenessProbe asks /live; the application answers it on"));
    assertThat(
            problemsAfter(
                "sqlite", api(c -> probe(c, "readinessProbe").put("path", "/health/live"))))
        .anyMatch(p -> p.startsWith("readinessProbe asks /health/live"));
  }

  @Test
  void aProbeOnAnotherPortThanTheAdminPortIsFound() throws Exception {
    assertThat(problemsAfter("timescale", api(c -> probe(c, "readinessProbe").put("port", "http"))))
        .anyMatch(p -> p.startsWith("readinessProbe asks port http, not the admin port 5001"));
    assertThat(problemsAfter("influx", api(c -> probe(c, "startupProbe").put("port", 5002))))
        .anyMatch(p -> p.startsWith("startupProbe asks port 5002"));
  }

  @Test
  void anAdminPortThatDiffersFromTheOneTheApplicationOpensIsFound() throws Exception {
    // The application is told another port than the one the probes and annotations name.
    assertThat(problemsAfter("timescale", api(c -> env(c, "ADMIN_PORT").put("value", "5002"))))
        .anyMatch(
            p -> p.equals("container port admin is 5001, but the application listens on 5002"))
        .anyMatch(p -> p.startsWith("livenessProbe asks port admin, not the admin port 5002"))
        .anyMatch(p -> p.startsWith("prometheus.io/port is 5001, not the admin port 5002"));
  }

  @Test
  void anAdminPortOnLoopbackIsFound() throws Exception {
    assertThat(problemsAfter("sqlite", api(c -> env(c, "ADMIN_HOST").put("value", "127.0.0.1"))))
        .anyMatch(p -> p.startsWith("the admin port listens on 127.0.0.1 only"));
  }

  @Test
  void aSecretKeyThatIsNotThereIsFound() throws Exception {
    List<String> problems =
        problemsAfter(
            "timescale",
            documents -> {
              ObjectNode data =
                  (ObjectNode) secret(documents, "temperature-api-tokens").path("data");
              data.set("WRITER_TOKEN", data.remove("WRITER_TOKEN_SHA256"));
            });

    assertThat(problems)
        .anyMatch(p -> p.matches("temperature-api/api reads key WRITER_TOKEN_SHA256 of Secret .*"))
        .anyMatch(p -> p.matches("key WRITER_TOKEN of Secret temperature-api-tokens-.* is read .*"))
        .anyMatch(p -> p.startsWith("config-production.yml does not load"));
  }

  @Test
  void anEnvironmentVariableTheConfigurationDoesNotReadIsFound() throws Exception {
    List<String> problems =
        problemsAfter(
            "influx", api(c -> env(c, "READER_TOKEN_SHA256").put("name", "READER_TOKEN")));

    assertThat(problems)
        .contains("env READER_TOKEN is not read by config-production-influx.yml")
        .anyMatch(
            p -> p.endsWith("needs READER_TOKEN_SHA256, which neither the image nor the pod sets"));
  }

  @Test
  void anImageCiDoesNotBuildOrATagThatMovesIsFound() throws Exception {
    assertThat(
            problemsAfter(
                "sqlite", api(c -> c.put("image", "ghcr.io/example/temperature-api:latest"))))
        .anyMatch(p -> p.startsWith("image ghcr.io/example/temperature-api:latest is not what CI"));
    assertThat(problemsAfter("sqlite", api(c -> c.put("image", "temperature-api:local"))))
        .anyMatch(p -> p.startsWith("image temperature-api:local is not what CI builds"));
  }

  @Test
  void aWritableRootOrAStoreFileOffTheVolumeIsFound() throws Exception {
    assertThat(
            problemsAfter(
                "sqlite",
                api(
                    c -> {
                      ((ObjectNode) c.path("securityContext")).put("readOnlyRootFilesystem", false);
                      env(c, "SQLITE_PATH").put("value", "/tmp/temperature.db");
                    })))
        .contains("temperature-api/api: root filesystem is writable")
        .contains("the store's file /tmp/temperature.db is not on a persistent volume");
  }

  @Test
  void anAdminPortOpenToEveryoneIsFound() throws Exception {
    List<String> problems =
        problemsAfter(
            "timescale",
            documents -> {
              JsonNode policy =
                  ManifestCheck.ofKind(documents, "NetworkPolicy").stream()
                      .filter(p -> p.at("/metadata/name").asText().equals("temperature-api"))
                      .findFirst()
                      .orElseThrow();
              ((ObjectNode) policy.at("/spec/ingress/0")).remove("ports");
            });

    assertThat(problems)
        .anyMatch(p -> p.startsWith("NetworkPolicy temperature-api lets more than labelled pods"));
  }

  @Test
  void theApiGivenTheDatabaseSuperuserIsFound() throws Exception {
    List<String> problems =
        problemsAfter(
            "timescale",
            api(
                c -> {
                  env(c, "POSTGRES_USER").put("value", "postgres");
                  ((ObjectNode) env(c, "POSTGRES_PASSWORD").at("/valueFrom/secretKeyRef"))
                      .put("key", "POSTGRES_SUPERUSER_PASSWORD");
                }));

    assertThat(problems)
        .anyMatch(p -> p.startsWith("the API logs in to timescaledb/timescaledb as its superuser"))
        .anyMatch(p -> p.matches("the API reads timescaledb-.*/POSTGRES_SUPERUSER_PASSWORD, .*"))
        .anyMatch(p -> p.contains("makes the API's role postgres without superuser rights"));
  }

  @Test
  void theApiGivenTheInfluxOperatorTokenIsFound() throws Exception {
    List<String> problems =
        problemsAfter(
            "influx",
            documents -> {
              JsonNode operator =
                  documents.stream()
                      .filter(d -> d.at("/metadata/name").asText().equals("influxdb"))
                      .filter(d -> d.at("/spec/template").isObject())
                      .map(d -> ManifestCheck.container(d.at("/spec/template"), "influxdb"))
                      .map(
                          c ->
                              env((ObjectNode) c.orElseThrow(), "DOCKER_INFLUXDB_INIT_ADMIN_TOKEN"))
                      .findFirst()
                      .orElseThrow()
                      .at("/valueFrom");
              api(c -> env(c, "INFLUX_TOKEN").set("valueFrom", operator.deepCopy()))
                  .accept(documents);
            });

    assertThat(problems)
        .anyMatch(
            p ->
                p.matches(
                    "the API reads influxdb-.*/INFLUX_OPERATOR_TOKEN, which influxdb/influxdb takes"
                        + " as its administrator's DOCKER_INFLUXDB_INIT_ADMIN_TOKEN"));
  }

  @Test
  void aRolesScriptThatMakesASuperuserIsFound() throws Exception {
    List<String> problems =
        problemsAfter(
            "timescale",
            documents ->
                ManifestCheck.ofKind(documents, "ConfigMap").stream()
                    .map(map -> (ObjectNode) map.path("data"))
                    .filter(data -> data.has("roles.sh"))
                    .forEach(
                        data ->
                            data.put(
                                "roles.sh",
                                data.path("roles.sh")
                                    .asText()
                                    .replace(
                                        "temperature_api LOGIN NOSUPERUSER",
                                        "temperature_api LOGIN SUPERUSER"))));

    assertThat(problems)
        .contains(
            "no script timescaledb/timescaledb runs at its first start makes the API's role"
                + " temperature_api without superuser rights");
  }

  /** Renders the overlay once per run, with its example secrets. */
  private static List<JsonNode> render(String overlay) throws Exception {
    if (!RENDERED.containsKey(overlay)) {
      RENDERED.put(overlay, renderNow(overlay));
    }
    List<JsonNode> copies = new ArrayList<>();
    RENDERED.get(overlay).forEach(document -> copies.add(document.deepCopy()));
    return copies;
  }

  private static List<JsonNode> renderNow(String overlay) throws Exception {
    String yaml = tool(ROOT.resolve("scripts/k8s/render.sh"), overlay);
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
    }
    documents.removeIf(document -> document == null || document.isEmpty());
    assertThat(documents).as("documents rendered for %s", overlay).hasSizeGreaterThan(4);
    return documents;
  }

  private static String tool(String... arguments) throws Exception {
    return tool(ROOT.resolve("scripts/k8s/tools.sh"), arguments);
  }

  private static String tool(Path script, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    assertThat(process.exitValue()).as("exit code of %s", command).isZero();
    return output.strip();
  }

  private static List<String> problemsAfter(String overlay, Consumer<List<JsonNode>> mistake)
      throws Exception {
    List<JsonNode> documents = render(overlay);
    assertThat(ManifestCheck.problems(ROOT, documents)).as("problems before the mistake").isEmpty();
    mistake.accept(documents);
    return ManifestCheck.problems(ROOT, documents);
  }

  /** A mistake made in the API's container. */
  private static Consumer<List<JsonNode>> api(Consumer<ObjectNode> mistake) {
    return documents ->
        documents.stream()
            .filter(d -> d.at("/metadata/name").asText().equals(ManifestCheck.API))
            .filter(d -> d.at("/spec/template").isObject())
            .map(d -> ManifestCheck.container(d.at("/spec/template"), ManifestCheck.CONTAINER))
            .forEach(container -> mistake.accept((ObjectNode) container.orElseThrow()));
  }

  private static ObjectNode probe(ObjectNode container, String probe) {
    return (ObjectNode) container.path(probe).path("httpGet");
  }

  private static ObjectNode env(ObjectNode container, String name) {
    for (JsonNode variable : (ArrayNode) container.path("env")) {
      if (variable.path("name").asText().equals(name)) {
        return (ObjectNode) variable;
      }
    }
    throw new AssertionError("no env " + name);
  }

  private static JsonNode secret(List<JsonNode> documents, String prefix) {
    return ManifestCheck.ofKind(documents, "Secret").stream()
        .filter(s -> s.at("/metadata/name").asText().startsWith(prefix + "-"))
        .findFirst()
        .orElseThrow();
  }
}
