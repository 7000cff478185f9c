package dev.temperature.adapters.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code storage.readDatabase} against a real streaming replica: the second cluster that {@code
 * make services} starts, a hot standby of the first by physical replication. Writes go to the
 * primary, every query to the replica, which answers a reading once it has replayed it, and goes on
 * answering while the primary is down.
 */
@RequiresService({Service.POSTGRES, Service.POSTGRES_REPLICA})
class ReadReplicaTest {
  private static final Instant T0 = Instant.parse("2024-12-10T16:45:00Z");
  private static final RoomId ROOM = new RoomId("kitchen");
  private static final Duration REPLAY_DEADLINE = Duration.ofSeconds(30);

  private static TestDatabase primary;
  private static TestDatabase replica;
  private static TestDatabase.Opened opened;
  private static ReadingStore store;

  @BeforeAll
  static void openAStoreThatReadsFromTheReplica() {
    primary = TestDatabase.require("POSTGRES_URL");
    replica = TestDatabase.require("POSTGRES_REPLICA_URL");
    TimescaleStorageFactory factory = primary.factory();
    // The user and password are the primary's: a physical replica has the same roles.
    factory.readDatabaseBlock().setUrl(replica.url);
    opened = primary.open(factory);
    store = opened.store();
  }

  @AfterAll
  static void close() throws Exception {
    if (opened != null) {
      opened.close();
    }
    if (primary != null) {
      primary.close();
    }
  }

  @Test
  void aReadingWrittenToThePrimaryIsAnsweredByTheReplicaOnceReplayed() throws Exception {
    BuildingId building = newBuilding("replayed");
    Window window = new Window(T0, T0);
    Reading reading = new Reading(building, ROOM, Temperature.celsius(21.5), T0);

    // Replay held: the replica has not seen the reading, so the store's answer cannot either.
    setReplay(false);
    try {
      store.append(List.of(reading));
      assertThat(countOn(primary, building)).as("rows on the primary").isEqualTo(1);
      assertThat(store.aggregate(building, ROOM, window).count())
          .as("a query right after the write, while the replica lags")
          .isZero();
      assertThat(store.buildings()).doesNotContain(building);
    } finally {
      setReplay(true);
    }
    waitForReplay(currentLsnOfThePrimary());

    assertThat(store.aggregate(building, ROOM, window).count()).isEqualTo(1);
    assertThat(store.buckets(building, ROOM, window, Interval.parse("1m"))).hasSize(1);
    assertThat(store.newestFirst(building, ROOM, window, 10)).containsExactly(reading);
    assertThat(store.buildings()).contains(building);
    assertThat(store.rooms(building)).containsExactly(ROOM);
  }

  /**
   * How long a reading takes to show in answers after the write was acknowledged: the lag the docs
   * give. Every one of them must show within the deadline.
   */
  @Test
  void readingsShowOnTheReplicaWithinMillisecondsOfTheirAcknowledgement() throws Exception {
    BuildingId building = newBuilding("lag");
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Instant at = T0.plusSeconds(i);
      Window window = new Window(at, at);
      store.append(List.of(new Reading(building, ROOM, Temperature.celsius(20), at)));
      long acknowledged = System.nanoTime();
      while (store.aggregate(building, ROOM, window).count() == 0) {
        assertThat(Duration.ofNanos(System.nanoTime() - acknowledged))
            .as("reading %d not on the replica yet", i)
            .isLessThan(REPLAY_DEADLINE);
      }
      micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - acknowledged));
    }
    Collections.sort(micros);
    System.out.printf(
        "[replica lag] %d readings, visible on the replica after: median %.1f ms, 95th percentile"
            + " %.1f ms, max %.1f ms (each from the 201's moment, polling with the store's own"
            + " query)%n",
        micros.size(),
        micros.get(micros.size() / 2) / 1000.0,
        micros.get(micros.size() * 95 / 100) / 1000.0,
        micros.get(micros.size() - 1) / 1000.0);
    assertThat(store.newestFirst(building, ROOM, new Window(T0, T0.plusSeconds(100)), 1000))
        .hasSize(100);
  }

  @Test
  void queriesKeepWorkingWhileThePrimaryIsDownAndWritesAreUnavailable() throws Exception {
    BuildingId building = newBuilding("outage");
    Window window = new Window(T0, T0);
    Reading reading = new Reading(building, ROOM, Temperature.celsius(19), T0);
    store.append(List.of(reading));
    waitForReplay(currentLsnOfThePrimary());

    services("primary", "stop");
    try {
      assertThat(store.aggregate(building, ROOM, window).count()).isEqualTo(1);
      assertThat(store.buckets(building, ROOM, window, Interval.parse("1m"))).hasSize(1);
      assertThat(store.newestFirst(building, ROOM, window, 10)).containsExactly(reading);
      assertThat(store.buildings()).contains(building);
      assertThat(store.rooms(building)).containsExactly(ROOM);
      Reading later = new Reading(building, ROOM, Temperature.celsius(19), T0.plusSeconds(1));
      assertThatThrownBy(() -> store.append(List.of(later)))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessageStartingWith("PostgreSQL (primary) could not store readings");
    } finally {
      services("primary", "start");
    }

    // Back: the first write meets the dead pooled connections, clears them and retries.
    Reading after = new Reading(building, ROOM, Temperature.celsius(18), T0.plusSeconds(2));
    store.append(List.of(after));
    waitForReplay(currentLsnOfThePrimary());
    assertThat(store.newestFirst(building, ROOM, new Window(T0, T0.plusSeconds(2)), 10))
        .containsExactly(after, reading);
  }

  private static BuildingId newBuilding(String prefix) {
    return new BuildingId(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static long countOn(TestDatabase database, BuildingId building) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM readings WHERE building_id = '" + building.value() + "'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String currentLsnOfThePrimary() throws SQLException {
    return queryOne(primary.url, "SELECT pg_current_wal_lsn()::text");
  }

  /** Waits until the replica has replayed the primary's WAL up to {@code lsn}. */
  private static void waitForReplay(String lsn) throws Exception {
    long start = System.nanoTime();
    String replayed = "SELECT (pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn)::text";
    while (!"true".equals(queryOne(replica.url, replayed))) {
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("the replica has not replayed %s", lsn)
          .isLessThan(REPLAY_DEADLINE);
      Thread.sleep(5);
    }
  }

  /** Holds or resumes the replica's replay (the services script grants these to the test role). */
  private static void setReplay(boolean running) throws SQLException {
    queryOne(
        replica.url, running ? "SELECT pg_wal_replay_resume()" : "SELECT pg_wal_replay_pause()");
  }

  private static String queryOne(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, primary.user, primary.password);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** Runs {@code scripts/services/timescaledb.sh} with {@code arguments}, which must succeed. */
  private static void services(String... arguments) throws IOException, InterruptedException {
    Path script = repositoryRoot().resolve("scripts/services/timescaledb.sh");
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    assertThat(process.exitValue()).as("exit code of %s", command).isZero();
  }

  private static Path repositoryRoot() {
    Path directory = Path.of("").toAbsolutePath();
    while (directory != null && !Files.exists(directory.resolve("scripts/services.sh"))) {
      directory = directory.getParent();
    }
    assertThat(directory).as("the repository root, above the working directory").isNotNull();
    return directory;
  }
}
