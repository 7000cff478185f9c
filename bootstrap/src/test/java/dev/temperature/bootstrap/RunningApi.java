package dev.temperature.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** The real application on random ports over a SQLite file, spoken to over real HTTP. */
final class RunningApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DropwizardAppExtension<TemperatureApiConfiguration> app;
  private final HttpClient http = HttpClient.newHttpClient();

  /** The test configuration (SQLite) with its database at {@code database}. */
  RunningApi(Path database, ConfigOverride... overrides) throws Exception {
    this(
        ResourceHelpers.resourceFilePath("test-config.yml"),
        prepend(ConfigOverride.config("storage.path", database.toString()), overrides));
  }

  /** Any configuration file, on random ports. */
  RunningApi(String configPath, ConfigOverride... overrides) throws Exception {
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

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> admin(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.getAdminPort() + path))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> adminPost(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.getAdminPort() + path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  int adminPort() {
    return app.getAdminPort();
  }

  int port() {
    return app.getLocalPort();
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + app.getLocalPort() + path);
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }
}
