package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
  @TempDir Path directory;

  @Test
  void readingsAreStillThereAfterARestart() throws Exception {
    Path database = directory.resolve("restart.db");
    String room = "/api/v1/buildings/b/rooms/r/temperatures";
    Instant recent = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);

    try (RunningApi first = new RunningApi(database)) {
      assertThat(
              first
                  .post(room, "{\"temperature\": 19.25, \"recorded_at\": \"" + recent + "\"}")
                  .statusCode())
          .isEqualTo(201);
    }
    try (RunningApi second = new RunningApi(database)) {
      JsonNode average = RunningApi.json(second.get(room + "/average?duration=1h"));
      assertThat(average.get("count").asLong()).isEqualTo(1);
      assertThat(average.get("average").asDouble()).isEqualTo(19.25);
    }
  }
}
