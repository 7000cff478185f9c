package dev.temperature.checks.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.bootstrap.TemperatureApiConfiguration;
import dev.temperature.bootstrap.admin.AdminEndpoints;
import dev.temperature.bootstrap.admin.Probes;
import dev.temperature.checks.ShippedFiles;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.commons.text.lookup.StringLookupFactory;

/**
 * What a rendered overlay of deploy/k8s must say for the application to run in it, checked against
 * the application itself rather than a copy: the configuration file named in the command is loaded
 * with the environment the pod would have (the image's ENV, the manifest's values, the Secrets'
 * keys) by the application's own configuration factory, and the probes, ports, Service,
 * NetworkPolicy and scrape annotations are compared with what that configuration and {@link
 * AdminEndpoints} serve. The image must be the one CI builds (.github/workflows/ci.yml). Every
 * problem found is returned, so that one run names them all.
 */
final class ManifestCheck {
  static final String API = "temperature-api";
  static final String CONTAINER = "api";

  /** Read by the JVM, not by a configuration file. */
  private static final Set<String> JVM_VARIABLES = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

  private final Path root;
  private final List<String> problems = new ArrayList<>();

  private ManifestCheck(Path root) {
    this.root = root;
  }

  /** Every problem of one rendered overlay; empty when there is none. */
  static List<String> problems(Path root, List<JsonNode> documents) {
    ManifestCheck check = new ManifestCheck(root);
    check.check(documents);
    return check.problems;
  }

  private void problem(String format, Object... arguments) {
    problems.add(String.format(format, arguments));
  }

  private void check(List<JsonNode> documents) {
    List<JsonNode> workloads =
        documents.stream()
            .filter(d -> Set.of("Deployment", "StatefulSet").contains(d.path("kind").asText()))
            .toList();
    List<JsonNode> api =
        workloads.stream().filter(w -> API.equals(w.at("/metadata/name").asText())).toList();
    if (api.size() != 1) {
      problem("expected one Deployment or StatefulSet named %s, found %d", API, api.size());
      return;
    }
    JsonNode workload = api.get(0);
    JsonNode pod = workload.at("/spec/template");
    Optional<JsonNode> container = container(pod, CONTAINER);
    if (container.isEmpty()) {
      problem("%s has no container named %s", API, CONTAINER);
      return;
    }

    checkImage(container.get());
    Optional<Path> configFile = configFile(container.get());
    Map<String, String> environment = environment(container.get(), documents);
    configFile.ifPresent(file -> checkVariables(file, container.get()));
    Optional<Served> served = configFile.flatMap(file -> load(file, environment));
    served.ifPresent(
        s -> {
          checkPorts(container.get(), s);
          checkProbes(container.get(), s);
          checkService(documents, pod, container.get(), s);
          checkNetworkPolicy(documents, pod, container.get(), s);
          checkScrapeAnnotations(pod, s);
          checkStorageVolume(workload, container.get(), s);
        });
    checkScaling(documents, workload);
    for (JsonNode each : workloads) {
      checkHardening(each);
    }
    checkSecrets(documents, workloads);
    checkLeastPrivilege(documents, workloads, container.get());
  }

  // --- the image -------------------------------------------------------------------------------

  /** The reference CI pushes: the workflow's IMAGE and its tag, as a pattern. */
  Pattern imageBuiltByCi() {
    JsonNode workflow = ShippedFiles.yaml(root.resolve(".github/workflows/ci.yml"));
    String tags =
        StreamSupport.stream(workflow.path("jobs").spliterator(), false)
            .flatMap(job -> StreamSupport.stream(job.path("steps").spliterator(), false))
            .filter(step -> step.path("uses").asText().startsWith("docker/build-push-action"))
            .map(step -> step.at("/with/tags").asText())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no build-push step in ci.yml"));
    String reference = tags.strip().replace("${{ env.IMAGE }}", workflow.at("/env/IMAGE").asText());
    Map<String, String> expressions =
        Map.of(
            "${{ github.repository }}", "[a-z0-9._-]+/[a-z0-9._-]+",
            "${{ github.sha }}", "[0-9a-f]{40}");
    StringBuilder pattern = new StringBuilder();
    Matcher expression = Pattern.compile("\\$\\{\\{[^}]*}}").matcher(reference);
    int last = 0;
    while (expression.find()) {
      pattern.append(Pattern.quote(reference.substring(last, expression.start())));
      String replacement = expressions.get(expression.group());
      if (replacement == null) {
        throw new IllegalStateException("unknown expression in ci.yml's tags: " + expression);
      }
      pattern.append(replacement);
      last = expression.end();
    }
    pattern.append(Pattern.quote(reference.substring(last)));
    return Pattern.compile(pattern.toString());
  }

  private void checkImage(JsonNode container) {
    String image = container.path("image").asText();
    Pattern built = imageBuiltByCi();
    if (!built.matcher(image).matches()) {
      problem("image %s is not what CI builds and pushes (%s)", image, built);
    }
    if (image.endsWith(":latest") || !image.contains(":")) {
      problem("image %s has no pinned tag", image);
    }
  }

  // --- the configuration and its environment ---------------------------------------------------

  /** The shipped configuration the command names, if the image holds it. */
  private Optional<Path> configFile(JsonNode container) {
    List<String> command = texts(container.path("command"));
    List<String> args = texts(container.path("args"));
    if (!command.isEmpty()) {
      problem("container %s overrides the image's entrypoint: %s", CONTAINER, command);
    }
    if (args.size() != 2 || !args.get(0).equals("server") || !args.get(1).startsWith("/app/")) {
      problem("container %s's args %s are not [server, /app/<config>]", CONTAINER, args);
      return Optional.empty();
    }
    String name = args.get(1).substring("/app/".length());
    Path file = root.resolve(name);
    if (!Files.isRegularFile(file) || !imageCopies(name)) {
      problem("%s is not a configuration file the Dockerfile copies into /app", args.get(1));
      return Optional.empty();
    }
    return Optional.of(file);
  }

  private boolean imageCopies(String name) {
    for (String instruction : dockerfileInstructions("COPY")) {
      List<String> words = List.of(instruction.split("\\s+"));
      if (words.stream().anyMatch(w -> w.startsWith("--")) || words.size() < 2) {
        continue;
      }
      String target = words.get(words.size() - 1);
      if (!target.equals("/app/")) {
        continue;
      }
      for (String source : words.subList(0, words.size() - 1)) {
        if (FileSystems.getDefault().getPathMatcher("glob:" + source).matches(Path.of(name))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The image's ENV, which the container starts with. */
  Map<String, String> imageEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    Matcher pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher("");
    for (String instruction : dockerfileInstructions("ENV")) {
      pair.reset(instruction);
      while (pair.find()) {
        environment.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
      }
    }
    return environment;
  }

  /** The Dockerfile's instructions of one kind, continuation lines joined, keyword removed. */
  private List<String> dockerfileInstructions(String keyword) {
    String text = ShippedFiles.read(root.resolve("Dockerfile")).replaceAll("\\\\\\s*\\n", " ");
    List<String> instructions = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.strip().startsWith(keyword + " ")) {
        instructions.add(line.strip().substring(keyword.length()).strip());
      }
    }
    return instructions;
  }

  /**
   * The environment the JVM would see: the image's ENV, then the container's env, with each
   * secretKeyRef read from the rendered Secret.
   */
  private Map<String, String> environment(JsonNode container, List<JsonNode> documents) {
    Map<String, String> environment = new HashMap<>(imageEnvironment());
    for (JsonNode variable : container.path("env")) {
      String name = variable.path("name").asText();
      JsonNode secret = variable.at("/valueFrom/secretKeyRef");
      if (secret.isMissingNode()) {
        environment.put(name, variable.path("value").asText(""));
      } else {
        secretValue(documents, secret.path("name").asText(), secret.path("key").asText())
            .ifPresent(value -> environment.put(name, value));
      }
    }
    return environment;
  }

  private void checkVariables(Path configFile, JsonNode container) {
    Map<String, Boolean> read = ShippedFiles.variablesRead(configFile);
    Set<String> given = new HashSet<>(imageEnvironment().keySet());
    for (JsonNode variable : container.path("env")) {
      String name = variable.path("name").asText();
      given.add(name);
      if (!read.containsKey(name) && !JVM_VARIABLES.contains(name)) {
        problem("env %s is not read by %s", name, configFile.getFileName());
      }
    }
    if (!container.path("envFrom").isEmpty()) {
      problem("container %s takes envFrom, whose names cannot be checked; list env", CONTAINER);
    }
    read.forEach(
        (name, hasDefault) -> {
          if (!hasDefault && !given.contains(name)) {
            problem("%s needs %s, which neither the image nor the pod sets", configFile, name);
          }
        });
  }

  /** What the configuration serves, as the application reads it. */
  record Served(int port, int adminPort, String adminBindHost, JsonNode storage) {}

  private Optional<Served> load(Path configFile, Map<String, String> environment) {
    EnvironmentVariableSubstitutor substitutor = new EnvironmentVariableSubstitutor(true);
    substitutor.setVariableResolver(StringLookupFactory.INSTANCE.mapStringLookup(environment));
    ObjectMapper json = Jackson.newObjectMapper();
    try {
      TemperatureApiConfiguration configuration =
          new YamlConfigurationFactory<>(
                  TemperatureApiConfiguration.class, Validators.newValidator(), json, "dw")
              .build(
                  new SubstitutingSourceProvider(
                      new FileConfigurationSourceProvider(), substitutor),
                  configFile.toString());
      DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
      HttpConnectorFactory application =
          (HttpConnectorFactory) server.getApplicationConnectors().get(0);
      HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
      return Optional.of(
          new Served(
              application.getPort(),
              admin.getPort(),
              admin.getBindHost(),
              json.valueToTree(configuration.getStorage())));
    } catch (IOException | ConfigurationException | RuntimeException e) {
      problem(
          "%s does not load with the pod's environment: %s",
          configFile.getFileName(), e.getMessage().strip());
      return Optional.empty();
    }
  }

  // --- ports, probes, Service, NetworkPolicy, scraping -------------------------------------------

  private void checkPorts(JsonNode container, Served served) {
    expectPort(container, "http", served.port());
    expectPort(container, "admin", served.adminPort());
    if (served.adminBindHost() != null
        && (served.adminBindHost().startsWith("127.") || served.adminBindHost().equals("::1"))) {
      problem(
          "the admin port listens on %s only: the kubelet's probes and Prometheus cannot reach it"
              + " (set ADMIN_HOST)",
          served.adminBindHost());
    }
  }

  private void expectPort(JsonNode container, String name, int served) {
    Optional<Integer> declared = containerPort(container, name);
    if (declared.isEmpty()) {
      problem("container %s declares no port named %s", CONTAINER, name);
    } else if (declared.get() != served) {
      problem(
          "container port %s is %d, but the application listens on %d",
          name, declared.get(), served);
    }
  }

  private void checkProbes(JsonNode container, Served served) {
    Map<String, String> paths =
        Map.of(
            "startupProbe", AdminEndpoints.LIVENESS_PATH,
            "livenessProbe", AdminEndpoints.LIVENESS_PATH,
            "readinessProbe", AdminEndpoints.READINESS_PATH);
    paths.forEach(
        (probe, path) -> {
          JsonNode get = container.path(probe).path("httpGet");
          if (get.isMissingNode()) {
            problem("%s has no httpGet", probe);
            return;
          }
          if (!path.equals(get.path("path").asText())) {
            problem(
                "%s asks %s; the application answers it on %s",
                probe, get.path("path").asText(), path);
          }
          Optional<Integer> port = resolvePort(container, get.path("port"));
          if (port.isEmpty() || port.get() != served.adminPort()) {
            problem(
                "%s asks port %s, not the admin port %d where %s is served",
                probe, get.path("port").asText(), served.adminPort(), path);
          }
        });
    int timeout = container.at("/readinessProbe/timeoutSeconds").asInt(1);
    if (timeout * 1000L <= Probes.READINESS_DEADLINE.toMillis()) {
      problem(
          "readinessProbe's timeout of %d s does not leave room for the %d ms readiness deadline",
          timeout, Probes.READINESS_DEADLINE.toMillis());
    }
  }

  private void checkService(
      List<JsonNode> documents, JsonNode pod, JsonNode container, Served served) {
    List<JsonNode> services =
        ofKind(documents, "Service").stream()
            .filter(s -> selects(s.at("/spec/selector"), pod))
            .toList();
    if (services.isEmpty()) {
      problem("no Service selects the %s pods", API);
    }
    for (JsonNode service : services) {
      for (JsonNode port : service.at("/spec/ports")) {
        Optional<Integer> target = resolvePort(container, port.path("targetPort"));
        String name = service.at("/metadata/name").asText();
        if (target.isEmpty() || target.get() != served.port()) {
          problem(
              "Service %s sends port %s to %s, not the API's port %d",
              name, port.path("port").asText(), port.path("targetPort").asText(), served.port());
        }
      }
    }
  }

  /**
   * The admin port must be reachable from the scraper's pods in the scraper's namespace and from
   * nowhere else; the API port from anywhere.
   */
  private void checkNetworkPolicy(
      List<JsonNode> documents, JsonNode pod, JsonNode container, Served served) {
    List<JsonNode> policies =
        ofKind(documents, "NetworkPolicy").stream()
            .filter(p -> selects(p.at("/spec/podSelector/matchLabels"), pod))
            .toList();
    if (policies.isEmpty()) {
      problem("no NetworkPolicy selects the %s pods", API);
      return;
    }
    boolean scraperAdmitted = false;
    boolean apiAdmitted = false;
    for (JsonNode policy : policies) {
      String name = policy.at("/metadata/name").asText();
      if (!texts(policy.at("/spec/policyTypes")).contains("Ingress")) {
        problem("NetworkPolicy %s does not restrict ingress", name);
      }
      for (JsonNode rule : policy.at("/spec/ingress")) {
        Set<Integer> ports = new TreeSet<>();
        boolean allPorts = rule.path("ports").isEmpty();
        for (JsonNode port : rule.path("ports")) {
          resolvePort(container, port.path("port")).ifPresent(ports::add);
        }
        if (allPorts || ports.contains(served.adminPort())) {
          boolean onlyLabelledPods =
              !rule.path("from").isEmpty()
                  && StreamSupport.stream(rule.path("from").spliterator(), false)
                      .allMatch(
                          peer ->
                              !peer.at("/namespaceSelector/matchLabels").isEmpty()
                                  && !peer.at("/podSelector/matchLabels").isEmpty());
          if (!onlyLabelledPods) {
            problem(
                "NetworkPolicy %s lets more than labelled pods of a labelled namespace reach the"
                    + " admin port %d",
                name, served.adminPort());
          } else {
            scraperAdmitted = true;
          }
        }
        if (allPorts || ports.contains(served.port())) {
          apiAdmitted = true;
        }
      }
    }
    if (!scraperAdmitted) {
      problem(
          "no NetworkPolicy admits the metrics scraper to the admin port %d", served.adminPort());
    }
    if (!apiAdmitted) {
      problem("no NetworkPolicy admits clients to the API port %d", served.port());
    }
  }

  private void checkScrapeAnnotations(JsonNode pod, Served served) {
    JsonNode annotations = pod.at("/metadata/annotations");
    if (!String.valueOf(served.adminPort())
        .equals(annotations.path("prometheus.io/port").asText())) {
      problem(
          "prometheus.io/port is %s, not the admin port %d",
          annotations.path("prometheus.io/port").asText(), served.adminPort());
    }
    if (!AdminEndpoints.METRICS_PATH.equals(annotations.path("prometheus.io/path").asText())) {
      problem(
          "prometheus.io/path is %s, not %s",
          annotations.path("prometheus.io/path").asText(), AdminEndpoints.METRICS_PATH);
    }
  }

  /** A store in a file (SQLite) needs its directory on a persistent volume. */
  private void checkStorageVolume(JsonNode workload, JsonNode container, Served served) {
    String path = served.storage().path("path").asText("");
    if (path.isEmpty()) {
      return;
    }
    Path directory = Path.of(path).getParent();
    Set<String> claims = new HashSet<>();
    for (JsonNode claim : workload.at("/spec/volumeClaimTemplates")) {
      claims.add(claim.at("/metadata/name").asText());
    }
    for (JsonNode volume : workload.at("/spec/template/spec/volumes")) {
      if (volume.has("persistentVolumeClaim")) {
        claims.add(volume.path("name").asText());
      }
    }
    boolean persistent =
        StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
            .anyMatch(
                mount ->
                    claims.contains(mount.path("name").asText())
                        && directory != null
                        && directory.equals(Path.of(mount.path("mountPath").asText())));
    if (!persistent) {
      problem("the store's file %s is not on a persistent volume", path);
    }
  }

  // --- scaling -------------------------------------------------------------------------------

  private void checkScaling(List<JsonNode> documents, JsonNode workload) {
    String kind = workload.path("kind").asText();
    boolean scaled =
        ofKind(documents, "HorizontalPodAutoscaler").stream()
            .anyMatch(
                hpa ->
                    kind.equals(hpa.at("/spec/scaleTargetRef/kind").asText())
                        && API.equals(hpa.at("/spec/scaleTargetRef/name").asText()));
    boolean budgeted =
        ofKind(documents, "PodDisruptionBudget").stream()
            .anyMatch(
                pdb ->
                    selects(pdb.at("/spec/selector/matchLabels"), workload.at("/spec/template")));
    if (kind.equals("StatefulSet")) {
      if (workload.at("/spec/replicas").asInt(1) != 1 || scaled) {
        problem("the API's StatefulSet (one process owns the store) must have exactly 1 replica");
      }
    } else {
      if (!scaled) {
        problem("the API's Deployment has no HorizontalPodAutoscaler");
      }
      if (!budgeted) {
        problem("the API's Deployment has no PodDisruptionBudget");
      }
    }
  }

  // --- every pod's hardening ---------------------------------------------------------------------

  private void checkHardening(JsonNode workload) {
    String name = workload.at("/metadata/name").asText();
    JsonNode spec = workload.at("/spec/template/spec");
    boolean podNonRoot = spec.at("/securityContext/runAsNonRoot").asBoolean(false);
    if (!"RuntimeDefault".equals(spec.at("/securityContext/seccompProfile/type").asText())) {
      problem("%s: no RuntimeDefault seccomp profile", name);
    }
    for (JsonNode container : spec.path("containers")) {
      String where = name + "/" + container.path("name").asText();
      JsonNode context = container.path("securityContext");
      if (!podNonRoot && !context.path("runAsNonRoot").asBoolean(false)) {
        problem("%s may run as root", where);
      }
      if (!context.path("readOnlyRootFilesystem").asBoolean(false)) {
        problem("%s: root filesystem is writable", where);
      }
      if (context.path("allowPrivilegeEscalation").asBoolean(true)) {
        problem("%s: privilege escalation allowed", where);
      }
      if (!texts(context.at("/capabilities/drop")).contains("ALL")
          || !context.at("/capabilities/add").isMissingNode()) {
        problem("%s: capabilities not all dropped", where);
      }
      for (String resource : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
        if (container.path("resources").at(resource).isMissingNode()) {
          problem("%s: no resources%s", where, resource.replace('/', '.'));
        }
      }
      boolean writableTmp =
          StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
              .anyMatch(mount -> mount.path("mountPath").asText().equals("/tmp"));
      if (!writableTmp) {
        problem("%s: no writable /tmp on the read-only root", where);
      }
    }
  }

  // --- least privilege (docs/adr/0011-least-privilege.md) ----------------------------------------

  /**
   * The database images' variables that hold their administrator's secret: PostgreSQL's superuser
   * password, InfluxDB's admin password and operator token.
   */
  private static final Set<String> ADMINISTRATOR_SECRETS =
      Set.of(
          "POSTGRES_PASSWORD", "DOCKER_INFLUXDB_INIT_PASSWORD", "DOCKER_INFLUXDB_INIT_ADMIN_TOKEN");

  /**
   * The API gets none of a database's administrator secrets, does not log in as PostgreSQL's
   * superuser, and the role it logs in as is made without superuser rights by the script the
   * database runs at its first start.
   */
  private void checkLeastPrivilege(
      List<JsonNode> documents, List<JsonNode> workloads, JsonNode api) {
    Map<String, String> apiValues = new HashMap<>();
    Set<String> apiSecrets = new HashSet<>();
    for (JsonNode variable : api.path("env")) {
      apiValues.put(variable.path("name").asText(), variable.path("value").asText(""));
      JsonNode ref = variable.at("/valueFrom/secretKeyRef");
      if (!ref.isMissingNode()) {
        apiSecrets.add(ref.path("name").asText() + "/" + ref.path("key").asText());
      }
    }
    for (JsonNode workload : workloads) {
      if (API.equals(workload.at("/metadata/name").asText())) {
        continue;
      }
      for (JsonNode database : workload.at("/spec/template/spec/containers")) {
        String where =
            workload.at("/metadata/name").asText() + "/" + database.path("name").asText();
        Map<String, String> values = new HashMap<>();
        for (JsonNode variable : database.path("env")) {
          String name = variable.path("name").asText();
          values.put(name, variable.path("value").asText(""));
          JsonNode ref = variable.at("/valueFrom/secretKeyRef");
          String secret = ref.path("name").asText() + "/" + ref.path("key").asText();
          if (ADMINISTRATOR_SECRETS.contains(name) && apiSecrets.contains(secret)) {
            problem(
                "the API reads %s, which %s takes as its administrator's %s", secret, where, name);
          }
        }
        if (!values.containsKey("POSTGRES_PASSWORD")) {
          continue;
        }
        String superuser = values.getOrDefault("POSTGRES_USER", "postgres");
        String apiUser = apiValues.getOrDefault("POSTGRES_USER", "");
        if (apiUser.equals(superuser)) {
          problem("the API logs in to %s as its superuser %s", where, superuser);
        }
        String roles = initScripts(documents, workload, database);
        for (String user :
            List.of(apiUser, apiValues.getOrDefault("POSTGRES_MIGRATIONS_USER", apiUser))) {
          if (!roles.contains("CREATE ROLE " + user + " LOGIN NOSUPERUSER")) {
            problem(
                "no script %s runs at its first start makes the API's role %s without superuser"
                    + " rights",
                where, user);
          }
        }
      }
    }
  }

  /** The text of every ConfigMap file mounted into the container's /docker-entrypoint-initdb.d. */
  private static String initScripts(
      List<JsonNode> documents, JsonNode workload, JsonNode container) {
    StringBuilder scripts = new StringBuilder();
    for (JsonNode mount : container.path("volumeMounts")) {
      if (!mount.path("mountPath").asText().startsWith("/docker-entrypoint-initdb.d")) {
        continue;
      }
      for (JsonNode volume : workload.at("/spec/template/spec/volumes")) {
        if (!volume.path("name").asText().equals(mount.path("name").asText())) {
          continue;
        }
        String configMap = volume.at("/configMap/name").asText();
        for (JsonNode map : ofKind(documents, "ConfigMap")) {
          if (map.at("/metadata/name").asText().equals(configMap)) {
            map.path("data").forEach(file -> scripts.append(file.asText()).append('\n'));
          }
        }
      }
    }
    return scripts.toString();
  }

  // --- secrets -----------------------------------------------------------------------------------

  /** Every key a pod reads exists; every key of every Secret is read by a pod. */
  private void checkSecrets(List<JsonNode> documents, List<JsonNode> workloads) {
    Set<String> used = new HashSet<>();
    for (JsonNode workload : workloads) {
      for (JsonNode container : workload.at("/spec/template/spec/containers")) {
        for (JsonNode variable : container.path("env")) {
          JsonNode ref = variable.at("/valueFrom/secretKeyRef");
          if (ref.isMissingNode()) {
            continue;
          }
          String secret = ref.path("name").asText();
          String key = ref.path("key").asText();
          used.add(secret + "/" + key);
          if (secretValue(documents, secret, key).isEmpty()) {
            problem(
                "%s/%s reads key %s of Secret %s, which has no such key",
                workload.at("/metadata/name").asText(),
                container.path("name").asText(),
                key,
                secret);
          }
        }
      }
    }
    for (JsonNode secret : ofKind(documents, "Secret")) {
      String name = secret.at("/metadata/name").asText();
      for (String key : keys(secret)) {
        if (!used.contains(name + "/" + key)) {
          problem("key %s of Secret %s is read by no container", key, name);
        }
      }
    }
  }

  private static Set<String> keys(JsonNode secret) {
    Set<String> keys = new TreeSet<>();
    secret.path("data").fieldNames().forEachRemaining(keys::add);
    secret.path("stringData").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Optional<String> secretValue(List<JsonNode> documents, String name, String key) {
    for (JsonNode secret : ofKind(documents, "Secret")) {
      if (!name.equals(secret.at("/metadata/name").asText())) {
        continue;
      }
      if (secret.path("stringData").has(key)) {
        return Optional.of(secret.path("stringData").path(key).asText());
      }
      if (secret.path("data").has(key)) {
        byte[] value = Base64.getMimeDecoder().decode(secret.path("data").path(key).asText());
        return Optional.of(new String(value, StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  // --- helpers -----------------------------------------------------------------------------------

  static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
    return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  static Optional<JsonNode> container(JsonNode pod, String name) {
    return StreamSupport.stream(pod.at("/spec/containers").spliterator(), false)
        .filter(c -> name.equals(c.path("name").asText()))
        .findFirst();
  }

  /** Whether every label of {@code selector} is on the pod template, and there is one at least. */
  private static boolean selects(JsonNode selector, JsonNode pod) {
    if (selector.isMissingNode() || selector.isEmpty()) {
      return false;
    }
    JsonNode labels = pod.at("/metadata/labels");
    return StreamSupport.stream(
            ((Iterable<Map.Entry<String, JsonNode>>) selector::fields).spliterator(), false)
        .allMatch(label -> label.getValue().asText().equals(labels.path(label.getKey()).asText()));
  }

  private static Optional<Integer> containerPort(JsonNode container, String name) {
    return StreamSupport.stream(container.path("ports").spliterator(), false)
        .filter(p -> name.equals(p.path("name").asText()))
        .map(p -> p.path("containerPort").asInt())
        .findFirst();
  }

  /** A port given by number or by the name of one of the container's ports. */
  private static Optional<Integer> resolvePort(JsonNode container, JsonNode port) {
    if (port.isInt()) {
      return Optional.of(port.asInt());
    }
    if (port.isTextual() && port.asText().matches("\\d+")) {
      return Optional.of(Integer.parseInt(port.asText()));
    }
    return containerPort(container, port.asText());
  }

  private static List<String> texts(JsonNode list) {
    List<String> texts = new ArrayList<>();
    list.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
