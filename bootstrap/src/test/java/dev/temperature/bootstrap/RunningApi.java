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

  RunningApi(Path database, ConfigOverride... overrides) throws Exception {
    ConfigOverride[] all = new ConfigOverride[overrides.length + 1];
    all[0] = ConfigOverride.config("storage.path", database.toString());
    System.arraycopy(overrides, 0, all, 1, overrides.length);
    app =
        new DropwizardAppExtension<>(
            TemperatureApiApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            all);
    app.before();
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
