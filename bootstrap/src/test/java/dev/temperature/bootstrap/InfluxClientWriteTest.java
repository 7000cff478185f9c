package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApi;
import com.influxdb.client.WriteOptions;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import com.influxdb.client.write.events.WriteErrorEvent;
import com.influxdb.exceptions.BadRequestException;
import com.influxdb.exceptions.UnauthorizedException;
import dev.temperature.adapters.http.auth.TokenHash;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * InfluxData's Java client (influxdb-client-java), as a gateway built on it writes, against the
 * real server on every storage: blocking writes, and the batching write API with gzip, with a
 * writer token sent as the client sends it ({@code Authorization: Token ...}). Every reading is
 * read back through the JSON API and compared with what was sent.
 */
@RequiresService({Service.POSTGRES, Service.INFLUXDB})
class InfluxClientWriteTest {
  private static final String TOKEN = TokenHash.newToken();
  private static final int ROOMS = 5;

  @TempDir Path directory;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "timescale", "influx"})
  void blockingAndBatchedWritesAreReadBackAsSent(String storage) throws Exception {
    String building = "java-" + storage + "-" + UUID.randomUUID().toString().substring(0, 8);
    Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    Map<String, Double> sent = new HashMap<>();
    List<Point> blocking = new ArrayList<>();
    List<Point> batched = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      String room = "r" + (i % ROOMS);
      Instant at = start.plusMillis(i);
      double celsius = 15 + (i % 200) / 10.0;
      sent.put(room + "@" + at, celsius);
      Point point =
          Point.measurement("temperature")
              .addTag("building_id", building)
              .addTag("room_id", room)
              .addTag("gateway", "java") // an extra tag, which the service ignores
              .addField("temperature", celsius);
      // Two precisions: the client scales the timestamp and names the precision in the URL.
      if (i < 400) {
        blocking.add(point.time(at.toEpochMilli() * 1_000_000L, WritePrecision.NS));
      } else {
        batched.add(point.time(at.toEpochMilli(), WritePrecision.MS));
      }
    }

    try (RunningApi api = start(storage);
        InfluxDBClient client = client(api)) {
      client.getWriteApiBlocking().writePoints(blocking);

      client.enableGzip();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      try (WriteApi writes =
          client.makeWriteApi(WriteOptions.builder().batchSize(100).flushInterval(200).build())) {
        writes.listenEvents(WriteErrorEvent.class, event -> failures.add(event.getThrowable()));
        writes.writePoints(batched);
        writes.flush();
      } // close() writes what is left and waits for it
      assertThat(failures).isEmpty();

      assertThat(readBack(api, building, start, start.plusMillis(1200))).isEqualTo(sent);
    }
  }

  @Test
  void theClientReportsTheServersReasonForARejectedPointAndAWrongToken() throws Exception {
    try (RunningApi api = start("sqlite");
        InfluxDBClient client = client(api)) {
      Point bad =
          Point.measurement("temperature")
              .addTag("building_id", "main")
              .addTag("room_id", "kitchen")
              .addField("temperature", 500.0)
              .time(Instant.now(), WritePrecision.MS);

      assertThatThrownBy(() -> client.getWriteApiBlocking().writePoint(bad))
          .isInstanceOf(BadRequestException.class)
          .hasMessageContaining("line 1: temperature 500.0 °C is outside the plausible range");

      try (InfluxDBClient stranger =
          InfluxDBClientFactory.create(
              api.uri("").toString(), "not-a-token".toCharArray(), "org", "bucket")) {
        assertThatThrownBy(() -> stranger.getWriteApiBlocking().writePoint(bad))
            .isInstanceOf(UnauthorizedException.class)
            .hasMessageContaining("a valid token is required");
      }
    }
  }

  private static InfluxDBClient client(RunningApi api) {
    // org and bucket are what a gateway configured for InfluxDB sends; the service ignores them.
    return InfluxDBClientFactory.create(
        api.uri("").toString(), TOKEN.toCharArray(), "any-org", "any-bucket");
  }

  /** Every reading of the building in [from, to], room by room, page by page. */
  private static Map<String, Double> readBack(
      RunningApi api, String building, Instant from, Instant to) throws Exception {
    Map<String, Double> stored = new HashMap<>();
    for (int room = 0; room < ROOMS; room++) {
      String path =
          "/api/v1/buildings/"
              + building
              + "/rooms/r"
              + room
              + "/temperatures?limit=1000&from="
              + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8)
              + "&to="
              + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8);
      while (path != null) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        JsonNode page = RunningApi.json(response);
        for (JsonNode reading : page.get("readings")) {
          stored.put(
              "r" + room + "@" + Instant.parse(reading.get("recorded_at").asText()),
              reading.get("temperature").asDouble());
        }
        path = page.get("next").isNull() ? null : page.get("next").asText();
      }
    }
    return stored;
  }

  /** The server on {@code storage}, writes requiring {@link #TOKEN}, reads open. */
  private RunningApi start(String storage) throws Exception {
    String block =
        switch (storage) {
          case "sqlite" ->
              "  type: sqlite\n  path: " + directory.resolve("influx-client.db") + "\n";
          case "timescale" ->
              "  type: timescale\n  database:\n"
                  + "    url: \"${POSTGRES_URL}\"\n"
                  + "    user: \"${POSTGRES_USER}\"\n"
                  + "    password: \"${POSTGRES_PASSWORD}\"\n"
                  + "  migrations:\n"
                  + "    user: \"${POSTGRES_MIGRATIONS_USER}\"\n"
                  + "    password: \"${POSTGRES_MIGRATIONS_PASSWORD}\"\n";
          case "influx" -> {
            yield "  type: influx\n  url: \"${INFLUX_URL}\"\n  token: \"${INFLUX_TOKEN}\"\n"
                + "  org: \"${INFLUX_ORG}\"\n  bucket: \"${INFLUX_BUCKET}\"\n";
          }
          default -> throw new IllegalArgumentException(storage);
        };
    Path config = directory.resolve("config-" + storage + ".yml");
    Files.writeString(
        config,
        "server:\n  applicationConnectors:\n    - type: http\n      port: 0\n"
            + "  adminConnectors:\n    - type: http\n      port: 0\n"
            + "storage:\n"
            + block
            + "auth:\n  writes: required\n  reads: \"off\"\n  tokens:\n"
            + "    - name: gateway\n      sha256: \""
            + TokenHash.hex(TOKEN)
            + "\"\n      roles: [writer]\n"
            + "logging:\n  level: WARN\n");
    return new RunningApi(config.toString());
  }
}
