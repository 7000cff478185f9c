package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One jar, several storages: the shipped configurations differ only in their storage block, and the
 * same requests get the same answers whichever store is behind them.
 */
@RequiresService({Service.POSTGRES, Service.INFLUXDB})
class StorageSwitchTest {
  @TempDir Path directory;

  @Test
  void sqliteTimescaleAndInfluxGiveTheSameAnswers() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String building = "switch-" + UUID.randomUUID().toString().substring(0, 8);

    List<String> sqlite;
    try (RunningApi api = new RunningApi(directory.resolve("switch.db"))) {
      sqlite = conversation(api, building, now);
    }
    List<String> timescale;
    try (RunningApi api =
        new RunningApi(
            ConfigurationTest.repositoryRoot().resolve("config-timescale.yml").toString())) {
      timescale = conversation(api, building, now);
    }

    List<String> influx;
    try (RunningApi api =
        new RunningApi(
            ConfigurationTest.repositoryRoot().resolve("config-influx.yml").toString())) {
      influx = conversation(api, building, now);
    }

    assertThat(timescale).isEqualTo(sqlite);
    assertThat(influx).isEqualTo(sqlite);
    assertThat(sqlite).hasSize(12);
  }

  /** A fixed sequence of requests; returns each answer's status and body, without the clock. */
  private static List<String> conversation(RunningApi api, String building, Instant now)
      throws Exception {
    String room = "/api/v1/buildings/" + building + "/rooms/lab.1/temperatures";
    List<String> answers = new ArrayList<>();
    answers.add(answer(api.post(room, reading(19.5, now.minusSeconds(600)))));
    answers.add(answer(api.post(room, reading(30.0, now.minusSeconds(60)))));
    answers.add(answer(api.post(room, reading(21.25, now.minusSeconds(60)))));
    answers.add(answer(api.post(room, reading(18.0, now.minusSeconds(3 * 3600)))));
    answers.add(answer(api.get(room + "/average?duration=15m")));
    answers.add(answer(api.get(room + "/average?duration=PT4H")));
    answers.add(answer(api.post(room, "{\"temperature\": \"warm\"}")));
    answers.add(
        answer(
            api.post(
                "/api/v1/readings",
                "[{\"building_id\": \""
                    + building
                    + "\", \"room_id\": \"lab.2\", \"temperature\": 17.5, \"recorded_at\": \""
                    + now.minusSeconds(30)
                    + "\"}]")));
    String window = "from=" + now.minusSeconds(4 * 3600) + "&to=" + now;
    answers.add(answer(api.get(room + "/stats?" + window)));
    answers.add(answer(api.get(room + "/series?" + window + "&interval=1h")));
    answers.add(answer(api.get(room + "?limit=2&" + window)));
    answers.add(answer(api.get("/api/v1/buildings/" + building + "/rooms")));
    return answers;
  }

  private static String reading(double celsius, Instant at) {
    return "{\"temperature\": " + celsius + ", \"recorded_at\": \"" + at + "\"}";
  }

  private static String answer(HttpResponse<String> response) throws Exception {
    JsonNode body = RunningApi.json(response);
    if (body instanceof ObjectNode object) {
      object.remove("from");
      object.remove("to");
    }
    return response.statusCode() + " " + body;
  }
}
