package dev.temperature.adapters.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.testing.Service;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus Alertmanager, the binary {@code scripts/services/alertmanager.sh} builds (its
 * path in {@code ALERTMANAGER_BIN}, written to .services.env), run on a free loopback port with a
 * configuration that routes every alert to one webhook. A test that starts one declares
 * {@code @RequiresService(Service.ALERTMANAGER)}, which skips it on a workstation without the
 * binary and fails it in CI.
 */
public final class AlertmanagerServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Alertmanager's grouping, short enough for a test to watch it. */
  public record Grouping(Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    public static final Grouping FAST =
        new Grouping(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofHours(1));
  }

  private final Process process;
  private final URI url;
  private final Path log;

  private AlertmanagerServer(Process process, URI url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /** The binary of the service a test declares with {@code @RequiresService(ALERTMANAGER)}. */
  public static Path binary() {
    return Path.of(Service.ALERTMANAGER.variable("ALERTMANAGER_BIN"));
  }

  /** Starts Alertmanager on a free port, sending every alert to {@code webhook}. */
  public static AlertmanagerServer start(Path directory, URI webhook, Grouping grouping)
      throws IOException, InterruptedException {
    return start(directory, webhook, grouping, freePort());
  }

  /** Starts Alertmanager on {@code port}. */
  public static AlertmanagerServer start(Path directory, URI webhook, Grouping grouping, int port)
      throws IOException, InterruptedException {
    Path binary = binary();
    Files.createDirectories(directory);
    Path config = directory.resolve("alertmanager.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "route:",
            "  receiver: test",
            "  group_by: ['alertname', 'building', 'room']",
            "  group_wait: " + grouping.groupWait().toMillis() + "ms",
            "  group_interval: " + grouping.groupInterval().toMillis() + "ms",
            "  repeat_interval: " + grouping.repeatInterval().toMillis() + "ms",
            "receivers:",
            "  - name: test",
            "    webhook_configs:",
            "      - url: '" + webhook + "'",
            "        send_resolved: true",
            ""));
    Path log = directory.resolve("alertmanager-" + port + ".log");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + directory.resolve("data-" + port),
                "--web.listen-address=127.0.0.1:" + port,
                // No cluster: a lone Alertmanager, not listening on 9094 for peers.
                "--cluster.listen-address=",
                "--log.level=debug")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    AlertmanagerServer server =
        new AlertmanagerServer(process, URI.create("http://127.0.0.1:" + port), log);
    server.awaitReady();
    return server;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Alertmanager exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        HttpResponse<Void> ready =
            HTTP.send(
                HttpRequest.newBuilder(url.resolve("/-/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "Alertmanager not ready within 30 s:\n" + Files.readString(log));
  }

  public URI url() {
    return url;
  }

  /** The alerts Alertmanager holds now ({@code GET /api/v2/alerts}). */
  public List<JsonNode> alerts() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(url.resolve("/api/v2/alerts")).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode array = JSON.readTree(response.body());
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).toList();
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
