package dev.temperature.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Span;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import dev.temperature.storage.StorageSettings;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SqliteReadingStoreTest {
  private static final BuildingId BUILDING = new BuildingId("b1");
  private static final RoomId ROOM = new RoomId("r1");
  private static final Instant AT = Instant.parse("2024-12-10T16:45:00Z");
  private static final Window AROUND = new Window(AT.minusSeconds(60), AT.plusSeconds(60));

  @TempDir Path directory;

  @Test
  void readingsSurviveARestart() throws Exception {
    Path file = directory.resolve("restart.db");
    try (OpenSqliteStore first = new OpenSqliteStore(file)) {
      first.store.append(List.of(reading(21.5)));
    }
    try (OpenSqliteStore second = new OpenSqliteStore(file)) {
      assertThat(second.store.aggregate(BUILDING, ROOM, AROUND))
          .isEqualTo(new Aggregate(1, 21.5, 21.5, 21.5));
    }
  }

  @Test
  void createsTheMissingDirectoryAndAWriteAheadLog() throws Exception {
    Path file = directory.resolve("nested/dir/readings.db");
    try (OpenSqliteStore open = new OpenSqliteStore(file)) {
      open.store.append(List.of(reading(20.0)));
      assertThat(file).exists();
      assertThat(journalMode(file)).isEqualTo("wal");
    }
  }

  @Test
  void migratingTwiceChangesNothing() throws Exception {
    Path file = directory.resolve("twice.db");
    try (OpenSqliteStore open = new OpenSqliteStore(file)) {
      open.store.append(List.of(reading(20.0)));
    }
    Jdbi jdbi = jdbi(file);
    SqliteSchema.migrate(jdbi);
    SqliteSchema.migrate(jdbi);
    assertThat(SqliteSchema.version(jdbi)).isEqualTo(SqliteSchema.CURRENT_VERSION);
    int rows =
        jdbi.withHandle(
            h -> h.createQuery("SELECT count(*) FROM readings").mapTo(Integer.class).one());
    assertThat(rows).isEqualTo(1);
  }

  @Test
  void aFileFromBeforeTheRollupsGetsThemFromItsReadings() throws Exception {
    Path file = directory.resolve("version-1.db");
    Jdbi jdbi = jdbi(file);
    // The file as release 1 left it: the readings table, user_version 1, two readings in one hour
    // and one the next day.
    jdbi.useHandle(
        handle -> {
          handle.execute(
              "CREATE TABLE readings (building_id TEXT NOT NULL, room_id TEXT NOT NULL,"
                  + " recorded_at INTEGER NOT NULL, temperature REAL NOT NULL,"
                  + " PRIMARY KEY (building_id, room_id, recorded_at)) WITHOUT ROWID");
          handle.execute("PRAGMA user_version = 1");
          for (long offset : new long[] {0, 60_000, 86_400_000}) {
            handle.execute(
                "INSERT INTO readings VALUES (?, ?, ?, ?)",
                BUILDING.value(),
                ROOM.value(),
                AT.toEpochMilli() + offset,
                20.0 + offset / 60_000 % 10);
          }
        });

    try (OpenSqliteStore open = new OpenSqliteStore(file)) {
      Instant hour = AT.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
      Instant day = AT.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
      assertThat(SqliteSchema.version(jdbi)).isEqualTo(2);
      assertThat(
              open.store.aggregates(
                  BUILDING,
                  ROOM,
                  List.of(
                      Span.hours(hour, hour.plusSeconds(3600)),
                      Span.days(day, day.plus(java.time.Duration.ofDays(2))))))
          .containsExactly(new Aggregate(2, 41.0, 20.0, 21.0), new Aggregate(3, 61.0, 20.0, 21.0));
    }
  }

  @Test
  void registersAHealthCheckThatReachesTheFile() throws Exception {
    try (OpenSqliteStore open = new OpenSqliteStore(directory.resolve("health.db"))) {
      HealthCheck.Result health = open.environment.healthChecks().runHealthCheck("sqlite");
      assertThat(health.isHealthy()).as(health.toString()).isTrue();
    }
  }

  @Test
  void refusesAFileFromANewerRelease() {
    Path file = directory.resolve("future.db");
    Jdbi jdbi = jdbi(file);
    jdbi.useHandle(h -> h.execute("PRAGMA user_version = 99"));

    assertThatThrownBy(() -> new OpenSqliteStore(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema version 99");
  }

  @Test
  void refusesToStartWhenTheDirectoryCannotBeCreated() throws Exception {
    Path blocker = directory.resolve("a-file");
    Files.writeString(blocker, "not a directory");

    assertThatThrownBy(() -> new OpenSqliteStore(blocker.resolve("readings.db")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot create the directory");
  }

  @Test
  void aMissingTableIsABugNotAnOutage() throws Exception {
    Path file = directory.resolve("broken.db");
    try (OpenSqliteStore open = new OpenSqliteStore(file)) {
      jdbi(file).useHandle(h -> h.execute("DROP TABLE readings"));

      assertThatThrownBy(() -> open.store.append(List.of(reading(20.0))))
          .isInstanceOf(IllegalStateException.class)
          .isNotInstanceOf(StorageUnavailableException.class)
          .hasMessageContaining("SQLite refused to store readings (result code 1)");
      assertThatThrownBy(() -> open.store.aggregate(BUILDING, ROOM, AROUND))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aWriteLockHeldPastTheBusyTimeoutIsUnavailable() throws Exception {
    Path file = directory.resolve("busy.db");
    Environment environment = new Environment("sqlite-busy");
    SqliteStorageFactory factory = new SqliteStorageFactory();
    factory.setPath(file.toString());
    factory.setBusyTimeout(Duration.milliseconds(100));
    ReadingStore store = factory.build(environment);
    try (Handle other = jdbi(file).open()) {
      other.execute("BEGIN EXCLUSIVE");

      assertThatThrownBy(() -> store.append(List.of(reading(20.0))))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessageContaining("SQLite could not store readings")
          .hasMessageContaining("SQLITE_BUSY");
      other.execute("ROLLBACK");
    } finally {
      for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
        managed.stop();
      }
    }
    try (OpenSqliteStore open = new OpenSqliteStore(file)) {
      assertThat(open.store.aggregate(BUILDING, ROOM, AROUND).count())
          .as("nothing was stored")
          .isZero();
    }
  }

  /**
   * The factory puts queries, not writes, under the query budget: with the readings replaced by a
   * view without end, a query is cancelled once its budget is spent and answers unavailable.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aQueryPastTheQueryBudgetIsCancelledAndUnavailable() throws Exception {
    Path file = directory.resolve("budget.db");
    Environment environment = new Environment("sqlite-budget");
    SqliteStorageFactory factory = new SqliteStorageFactory();
    factory.setPath(file.toString());
    ReadingStore store =
        factory.build(environment, new StorageSettings(java.time.Duration.ofMillis(300)));
    try {
      store.append(List.of(reading(20.0)));
      jdbi(file)
          .useHandle(
              h -> {
                h.execute("ALTER TABLE readings RENAME TO kept");
                h.execute(
                    "CREATE VIEW readings AS WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT"
                        + " x + 1 FROM n) SELECT 'b1' AS building_id, 'r1' AS room_id, x AS"
                        + " recorded_at, 1.0 AS temperature FROM n");
              });

      long start = System.nanoTime();
      assertThatThrownBy(() -> store.aggregate(BUILDING, ROOM, AROUND))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessageStartingWith(
              "SQLite could not aggregate readings within the query budget (queries.timeout)");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(300))
          .isLessThan(java.time.Duration.ofSeconds(10));
    } finally {
      for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
        managed.stop();
      }
    }
  }

  @Test
  void rowsWhoseIdsAnotherToolWroteAreLeftOutOfListingsAndOverviewPages() throws Exception {
    Path file = directory.resolve("foreign.db");
    try (OpenSqliteStore open = new OpenSqliteStore(file)) {
      // What another tool could write straight into the table: ids the API refuses ("r1 x" sorts
      // between r1 and r2, "bad building!" before b1).
      jdbi(file)
          .useHandle(
              handle -> {
                for (String[] row :
                    new String[][] {
                      {"b1", "r1"},
                      {"b1", "r1 x"},
                      {"b1", "r1\ny"},
                      {"b1", "r2"},
                      {"b1", "r3"},
                      {"bad building!", "r1"}
                    }) {
                  handle.execute(
                      "INSERT INTO readings (building_id, room_id, recorded_at, temperature)"
                          + " VALUES (?, ?, ?, 20.0)",
                      row[0],
                      row[1],
                      AT.toEpochMilli());
                }
              });
      List<RoomId> valid = List.of(new RoomId("r1"), new RoomId("r2"), new RoomId("r3"));

      assertThat(open.store.buildings()).containsExactly(BUILDING);
      assertThat(open.store.rooms(BUILDING)).isEqualTo(valid);
      // A page of three that only left the two out would hold one room, and say there is no more.
      assertThat(open.store.overview(BUILDING, AROUND, Optional.empty(), 3))
          .extracting(RoomOverview::room)
          .isEqualTo(valid);
      assertThat(open.store.overview(BUILDING, AROUND, Optional.of(new RoomId("r1")), 1))
          .extracting(RoomOverview::room)
          .containsExactly(new RoomId("r2"));
    }
  }

  private static Reading reading(double celsius) {
    return new Reading(BUILDING, ROOM, Temperature.celsius(celsius), AT);
  }

  private static Jdbi jdbi(Path file) {
    Properties properties = new Properties();
    properties.putAll(SqliteStorageFactory.connectionProperties(5000));
    return Jdbi.create(SqliteStorageFactory.jdbcUrl(file), properties);
  }

  private static String journalMode(Path file) {
    return jdbi(file)
        .withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
  }
}
