package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin port as operators and scrapers meet it. Requests "from another host" carry a PROXY
 * protocol header naming a documentation address (203.0.113.7): the test sends traffic to loopback
 * only, yet the server sees a peer that is not.
 */
class AdminPortTest {
  private static final String ELSEWHERE = "203.0.113.7";
  @TempDir static Path directory;
  private static RunningApi api;
  private static int adminPort;

  @BeforeAll
  static void start() throws Exception {
    api =
        new RunningApi(
            directory.resolve("admin.db"),
            ConfigOverride.config("server.adminConnectors[0].useProxyProtocol", "true"));
    adminPort = api.adminPort();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void metricsArePrometheusTextWithDropwizardsRegistryAndTheStoredReadings() throws Exception {
    String room = "/api/v1/buildings/main/rooms/metrics/temperatures";
    assertThat(api.post(room, "{\"temperature\": 10.5}").statusCode()).isEqualTo(201);
    assertThat(
            api.post(
                    "/api/v1/readings",
                    "[{\"building_id\": \"main\", \"room_id\": \"metrics\", \"temperature\": 1},"
                        + " {\"building_id\": \"main\", \"room_id\": \"metrics\", \"temperature\":"
                        + " 2}]")
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> metrics = api.admin("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(metrics.body())
        .contains("temperature_api_readings_stored_total{storage=\"sqlite\"} 3.0")
        .contains("temperature_api_append_batch_size_count{storage=\"sqlite\"} 2")
        .contains("temperature_api_append_batch_size_sum{storage=\"sqlite\"} 3.0")
        .contains(
            "temperature_api_storage_failures_total{kind=\"unavailable\",operation=\"append\","
                + "storage=\"sqlite\"} 0.0")
        .containsPattern(
            "temperature_api_storage_call_duration_seconds_count\\{operation=\"append\","
                + "storage=\"sqlite\"} [1-9]")
        // From Dropwizard's registry (the JVM's gauges are added by Application.run, which the
        // test harness does not call; the container check looks for them).
        .contains("org_eclipse_jetty_util_thread_QueuedThreadPool_dw_size ")
        .contains("# TYPE");
  }

  @Test
  void dropwizardsJsonMetricsAreAtMetricsJson() throws Exception {
    HttpResponse<String> json = api.admin("/metrics.json");

    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(
            RunningApi.json(json)
                .path("gauges")
                .has("org.eclipse.jetty.util.thread.QueuedThreadPool.dw.size"))
        .isTrue();
  }

  @Test
  void aTaskFromThisHostRuns() throws Exception {
    HttpResponse<String> gc =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/tasks/gc"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(gc.statusCode()).isEqualTo(200);
  }

  @Test
  void theRebuildOfTheRollupsIsATaskThatSaysWhatItRebuilt() throws Exception {
    HttpResponse<String> rebuilt =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + adminPort
                                + "/tasks/rebuild-rollups?from=2024-12-10T16:20:00Z"
                                + "&to=2024-12-10T18:00:00Z"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(rebuilt.statusCode()).isEqualTo(200);
    assertThat(rebuilt.body())
        .startsWith("rebuilt the rollups of 2024-12-10T16:00:00Z to 2024-12-10T18:00:00Z: ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /tasks/gc",
        "POST /tasks/log-level?logger=dev.temperature&level=TRACE",
        "POST /tasks/%67c",
        "GET /tasks/gc",
        "GET /threads",
        "GET /healthcheck",
        "GET /metrics.json",
        "GET /ping",
        "GET /",
        "GET /health/live/../../threads",
        "GET /metrics/",
        "GET /health/ready;x=1/../../healthcheck"
      })
  void everythingButProbesAndScrapesIsRefusedToAnotherHostWithAProblem(String request)
      throws Exception {
    String answer = fromAnotherHost(request, "");

    assertThat(answer).startsWith("HTTP/1.1 403");
    assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(answer)
        .contains("\"status\":403")
        .contains("only on /health/live, /health/ready, /metrics")
        .contains("only requests from this host");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/threads", "/healthcheck", "/metrics.json", "/ping"})
  void thisHostReadsEveryAdminPage(String path) throws Exception {
    assertThat(api.admin(path).statusCode()).isEqualTo(200);
  }

  @Test
  void aForwardedHeaderCannotPassForThisHost() throws Exception {
    String answer =
        fromAnotherHost(
            "POST /tasks/gc", "X-Forwarded-For: 127.0.0.1\r\nForwarded: for=127.0.0.1\r\n");

    assertThat(answer).startsWith("HTTP/1.1 403");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health/live", "/health/ready", "/metrics", "/metrics?name[]=x"})
  void probesAndScrapesAnswerOtherHosts(String path) throws Exception {
    assertThat(fromAnotherHost("GET " + path, "")).startsWith("HTTP/1.1 200");
  }

  /** One HTTP/1.1 exchange whose PROXY header tells the server the peer is {@link #ELSEWHERE}. */
  private static String fromAnotherHost(String requestLine, String headers) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), adminPort)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("PROXY TCP4 "
                  + ELSEWHERE
                  + " 127.0.0.1 40000 "
                  + adminPort
                  + "\r\n"
                  + requestLine
                  + " HTTP/1.1\r\nHost: admin\r\nContent-Length: 0\r\n"
                  + headers
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
