package dev.temperature.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real application on random ports over a SQLite file, spoken to over real HTTP. Public, in
 * bootstrap's test-jar, for the browser tests of the checks module.
 */
public final class RunningApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DropwizardAppExtension<TemperatureApiConfiguration> app;
  private final HttpClient http = HttpClient.newHttpClient();

  /** The test configuration (SQLite) with its database at {@code database}. */
  public RunningApi(Path database, ConfigOverride... overrides) throws Exception {
    this(
        testConfiguration(database.toAbsolutePath().getParent()),
        prepend(ConfigOverride.config("storage.path", database.toString()), overrides));
  }

  /**
   * test-config.yml, copied beside the database: from another module it is read out of bootstrap's
   * test-jar, where it is no file that Dropwizard could open.
   */
  private static String testConfiguration(Path directory) throws IOException {
    Path file = directory.resolve("test-config.yml");
    try (InputStream resource = RunningApi.class.getResourceAsStream("/test-config.yml")) {
      Files.copy(resource, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file.toString();
  }

  /** Any configuration file, on random ports. */
  public RunningApi(String configPath, ConfigOverride... overrides) throws Exception {
    app =
        new DropwizardAppExtension<>(
            TemperatureApiApplication.class,
            configPath,
            prepend(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                prepend(ConfigOverride.config("server.adminConnectors[0].port", "0"), overrides)));
    app.before();
  }

  private static ConfigOverride[] prepend(ConfigOverride first, ConfigOverride... rest) {
    ConfigOverride[] all = new ConfigOverride[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  @Override
  public void close() {
    app.after();
  }

  public HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> admin(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.getAdminPort() + path))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> adminPost(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.getAdminPort() + path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public int adminPort() {
    return app.getAdminPort();
  }

  public int port() {
    return app.getLocalPort();
  }

  public URI uri(String path) {
    return URI.create("http://localhost:" + app.getLocalPort() + path);
  }

  public static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }
}
