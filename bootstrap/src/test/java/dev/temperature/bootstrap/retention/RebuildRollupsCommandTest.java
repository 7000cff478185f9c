package dev.temperature.bootstrap.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.bootstrap.TemperatureApiApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rebuild-rollups config.yml}: readings imported into the SQLite file behind the service's
 * back get their rollups, without a server.
 */
class RebuildRollupsCommandTest {
  private final PrintStream out = System.out;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    System.setOut(out);
  }

  @Test
  void readingsImportedBehindTheServicesBackGetTheirRollups(@TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("imported.db");
    Path config = directory.resolve("config.yml");
    Files.writeString(
        config, "storage:\n  type: sqlite\n  path: " + file + "\nlogging:\n  level: WARN\n");
    // The first run makes the file with its schema, and finds nothing to roll up.
    new TemperatureApiApplication().run("rebuild-rollups", config.toString());
    try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement sql = sqlite.createStatement()) {
      sql.execute(
          "INSERT INTO readings VALUES ('b', 'r', 1733849100000, 20.0), ('b', 'r', 1733849160000,"
              + " 22.0), ('b', 'r', 1733853600000, 30.0)");
    }
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));

    new TemperatureApiApplication()
        .run("rebuild-rollups", "--from", "2024-12-10T00:00:00Z", config.toString());

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("rebuilt the rollups of 2024-12-10T00:00:00Z to")
        .contains(": 2 hourly rollups");
    try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement sql = sqlite.createStatement();
        ResultSet rows =
            sql.executeQuery("SELECT n, total FROM rollups_daily WHERE building_id = 'b'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getLong(1)).isEqualTo(3);
      assertThat(rows.getDouble(2)).isEqualTo(72.0);
    }
  }
}
