package dev.temperature.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.out.StorageRefusedException;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the core sorts failures and retries, on a real SQLite file whose table is missing until a
 * test creates it. The engines' own policies are tested in their modules, the contract everywhere.
 */
class JdbcReadingStoreTest {
  private static final BuildingId BUILDING = new BuildingId("b");
  private static final RoomId ROOM = new RoomId("r");
  private static final Instant AT = Instant.parse("2024-12-10T16:45:00Z");

  @TempDir Path directory;

  @Test
  void aLostConnectionIsTriedOnceMoreAfterThePoolIsDiscarded() {
    Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + directory.resolve("retry.db"));
    AtomicInteger discarded = new AtomicInteger();
    // Discarding the pool is where the database comes back: the retry then finds the table.
    Runnable discard =
        () -> {
          discarded.incrementAndGet();
          createTable(jdbi);
        };
    JdbcReadingStore store =
        new JdbcReadingStore(
            new Connections(jdbi, discard), new MillisDialect(), policy(true, null));

    store.append(List.of(reading()));

    assertThat(discarded).hasValue(1);
    assertThat(store.aggregate(BUILDING, ROOM, new Window(AT, AT)).count()).isEqualTo(1);
  }

  @Test
  void aSecondFailureIsUnavailableAndCarriesTheFirst() {
    Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + directory.resolve("twice.db"));
    AtomicInteger discarded = new AtomicInteger();
    JdbcReadingStore store =
        new JdbcReadingStore(
            new Connections(jdbi, discarded::incrementAndGet),
            new MillisDialect(),
            policy(true, null));

    assertThatThrownBy(() -> store.append(List.of(reading())))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageStartingWith("TestDB could not store readings: ")
        .satisfies(e -> assertThat(e.getCause().getSuppressed()).hasSize(1));
    assertThat(discarded).hasValue(1);
  }

  @Test
  void aRefusedStatementIsNamedAndNotRetried() {
    Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + directory.resolve("refused.db"));
    AtomicInteger discarded = new AtomicInteger();
    JdbcReadingStore store =
        new JdbcReadingStore(
            new Connections(jdbi, discarded::incrementAndGet),
            new MillisDialect(),
            policy(false, "code 1"));

    assertThatThrownBy(() -> store.aggregate(BUILDING, ROOM, new Window(AT, AT)))
        .isInstanceOf(StorageRefusedException.class)
        .hasMessageStartingWith("TestDB refused to aggregate readings (code 1); the hint: ");
    assertThat(discarded).hasValue(0);
  }

  @Test
  void writesGoToTheWriteDatabaseAndEveryQueryToTheReadDatabase() {
    Jdbi primary = Jdbi.create("jdbc:sqlite:" + directory.resolve("primary.db"));
    Jdbi replica = Jdbi.create("jdbc:sqlite:" + directory.resolve("replica.db"));
    createTable(primary);
    createTable(replica);
    BuildingId onlyInTheReplica = new BuildingId("replica");
    replica.useHandle(
        handle ->
            handle.execute(
                "INSERT INTO readings VALUES (?, ?, ?, ?)",
                onlyInTheReplica.value(),
                ROOM.value(),
                AT.toEpochMilli(),
                21.5));
    JdbcReadingStore store =
        new JdbcReadingStore(
            new Connections(primary, () -> {}),
            new Connections(replica, () -> {}),
            new MillisDialect(),
            policy(false, null));
    Window window = new Window(AT, AT);

    store.append(List.of(reading()));

    assertThat(count(primary)).isEqualTo(1);
    assertThat(count(replica)).as("the replica holds its own reading only").isEqualTo(1);
    assertThat(store.aggregate(BUILDING, ROOM, window).count()).isZero();
    assertThat(store.aggregate(onlyInTheReplica, ROOM, window).count()).isEqualTo(1);
    assertThat(store.buckets(onlyInTheReplica, ROOM, window, Interval.parse("1m"))).hasSize(1);
    assertThat(store.newestFirst(onlyInTheReplica, ROOM, window, 10)).hasSize(1);
    assertThat(store.buildings()).containsExactly(onlyInTheReplica);
    assertThat(store.rooms(onlyInTheReplica)).containsExactly(ROOM);
  }

  @Test
  void aLostConnectionOfTheReadDatabaseDiscardsItsPoolAloneAndIsNamedInTheFailure() {
    Jdbi primary = Jdbi.create("jdbc:sqlite:" + directory.resolve("primary.db"));
    Jdbi replica = Jdbi.create("jdbc:sqlite:" + directory.resolve("replica.db"));
    AtomicInteger primaryDiscarded = new AtomicInteger();
    AtomicInteger replicaDiscarded = new AtomicInteger();
    JdbcReadingStore store =
        new JdbcReadingStore(
            new Connections(primary, primaryDiscarded::incrementAndGet, "primary"),
            new Connections(replica, replicaDiscarded::incrementAndGet, "read database"),
            new MillisDialect(),
            policy(true, null));

    assertThatThrownBy(() -> store.rooms(BUILDING))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageStartingWith("TestDB (read database) could not list rooms: ");
    assertThat(replicaDiscarded).hasValue(1);
    assertThat(primaryDiscarded).hasValue(0);

    assertThatThrownBy(() -> store.append(List.of(reading())))
        .hasMessageStartingWith("TestDB (primary) could not store readings: ");
    assertThat(primaryDiscarded).hasValue(1);
  }

  @Test
  void poolsOfTheirOwnOnOneDatabaseAreNamedAfterTheEngineAlone() {
    Path file = directory.resolve("one.db");
    JdbcReadingStore store =
        new JdbcReadingStore(
            new Connections(Jdbi.create("jdbc:sqlite:" + file), () -> {}),
            new Connections(Jdbi.create("jdbc:sqlite:" + file), () -> {}),
            new MillisDialect(),
            policy(false, null));

    assertThatThrownBy(() -> store.rooms(BUILDING))
        .hasMessageStartingWith("TestDB could not list rooms: ");
    assertThatThrownBy(() -> store.append(List.of(reading())))
        .hasMessageStartingWith("TestDB could not store readings: ");
  }

  /**
   * A query that would never end, on a real SQLite: the budget cancels it, and the store answers
   * unavailable, naming the budget, without retrying even when the policy would. Writes, on their
   * own pool, have no budget.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aQueryPastItsBudgetIsCancelledAndUnavailableAndNotRetried() {
    Jdbi writes = Jdbi.create("jdbc:sqlite:" + directory.resolve("writes.db"));
    createTable(writes);
    // Readings without end: every query that reads them runs until it is stopped.
    Jdbi reads = Jdbi.create("jdbc:sqlite:" + directory.resolve("endless.db"));
    reads.useHandle(
        handle ->
            handle.execute(
                "CREATE VIEW readings AS WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1"
                    + " FROM n) SELECT 'b' AS building_id, 'r' AS room_id, x AS recorded_at, 1.0"
                    + " AS temperature FROM n"));
    AtomicInteger discarded = new AtomicInteger();
    try (QueryBudget budget = new QueryBudget(Duration.ofMillis(200))) {
      JdbcReadingStore store =
          new JdbcReadingStore(
              new Connections(writes, () -> {}),
              new Connections(budget.limit(reads), discarded::incrementAndGet),
              new MillisDialect(),
              policy(true, null));

      long start = System.nanoTime();
      assertThatThrownBy(
              () -> store.aggregate(BUILDING, ROOM, new Window(AT, AT.plusSeconds(3600))))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessage(
              "TestDB could not aggregate readings within the query budget (queries.timeout); the"
                  + " statement was cancelled");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(discarded).as("not retried").hasValue(0);

      store.append(List.of(reading()));
      assertThat(count(writes)).isEqualTo(1);
    }
  }

  private static long count(Jdbi jdbi) {
    return jdbi.withHandle(
        handle -> handle.createQuery("SELECT count(*) FROM readings").mapTo(Long.class).one());
  }

  static void createTable(Jdbi jdbi) {
    jdbi.useHandle(
        handle -> {
          handle.execute(
              "CREATE TABLE IF NOT EXISTS readings (building_id TEXT NOT NULL, room_id TEXT NOT"
                  + " NULL, recorded_at INTEGER NOT NULL, temperature REAL NOT NULL, PRIMARY KEY"
                  + " (building_id, room_id, recorded_at))");
          for (String rollups : List.of("rollups_hourly (hour_start", "rollups_daily (day_start")) {
            handle.execute(
                "CREATE TABLE IF NOT EXISTS "
                    + rollups
                    + " INTEGER NOT NULL, building_id TEXT NOT NULL, room_id TEXT NOT NULL, n"
                    + " INTEGER, total REAL, lowest REAL, highest REAL, PRIMARY KEY (building_id,"
                    + " room_id, "
                    + rollups.substring(rollups.indexOf('(') + 1)
                    + "))");
          }
        });
  }

  private static Reading reading() {
    return new Reading(BUILDING, ROOM, Temperature.celsius(20), AT);
  }

  private static FailurePolicy policy(boolean lost, String refusal) {
    return new FailurePolicy() {
      @Override
      public String engine() {
        return "TestDB";
      }

      @Override
      public Optional<String> refusal(Throwable failure) {
        return Optional.ofNullable(refusal);
      }

      @Override
      public String refusalHint() {
        return "the hint";
      }

      @Override
      public boolean lostConnection(Throwable failure) {
        return lost;
      }
    };
  }
}
