package dev.temperature.adapters.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import dev.temperature.storage.StorageSettings;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import io.dropwizard.util.Duration;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How PostgreSQL takes concurrent writes and long statements, on the real server. */
@RequiresService(Service.POSTGRES)
class PostgresWritesTest {
  private static final Instant T0 = Instant.parse("2024-12-10T16:45:00Z");

  @Test
  void batchesOfTheSameKeysInOppositeOrderDoNotDeadlock() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      ReadingStore store = database.store();
      BuildingId building = new BuildingId("lock-" + UUID.randomUUID().toString().substring(0, 8));
      List<Reading> forward = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        forward.add(
            new Reading(building, new RoomId("r" + i), Temperature.celsius(20), T0.plusMillis(i)));
      }
      List<Reading> backward = new ArrayList<>(forward);
      Collections.reverse(backward);
      ExecutorService writers = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 30; round++) {
          Future<?> one = writers.submit(() -> store.append(forward));
          Future<?> other = writers.submit(() -> store.append(backward));
          one.get(30, TimeUnit.SECONDS);
          other.get(30, TimeUnit.SECONDS);
        }
      } finally {
        writers.shutdownNow();
      }
      assertThat(store.rooms(building)).hasSize(200);
    }
  }

  /**
   * Writes run under storage.statementTimeout and queries under the query budget, each a session
   * setting of its own pool, so PostgreSQL itself cancels either once it is spent: with the table
   * locked, both wait on the lock until the server gives up on them.
   */
  @Test
  void theServerCancelsAWritePastTheStatementTimeoutAndAQueryPastTheQueryBudgetOnce()
      throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      database.store();
      TimescaleStorageFactory factory = database.factory();
      factory.setStatementTimeout(Duration.seconds(1));
      StorageSettings budget = new StorageSettings(java.time.Duration.ofSeconds(2));
      try (TestDatabase.Opened opened = database.open(factory, budget)) {
        try (Connection locker = database.connect()) {
          locker.setAutoCommit(false);
          try (Statement sql = locker.createStatement()) {
            sql.execute("LOCK TABLE readings IN ACCESS EXCLUSIVE MODE");
            Reading reading = reading(new BuildingId("b"), new RoomId("r"), 20, T0.toString());
            long started = System.nanoTime();
            assertThatThrownBy(() -> opened.store().append(List.of(reading)))
                .isInstanceOf(StorageUnavailableException.class)
                .satisfies(e -> assertThat(PostgresFailures.sqlState(e)).contains("57014"));
            assertThat(Duration.nanoseconds(System.nanoTime() - started).toMilliseconds())
                .as("the write cancelled by the server after 1 s, not by the 30 s socket timeout")
                .isBetween(1000L, 9999L);

            started = System.nanoTime();
            assertThatThrownBy(
                    () ->
                        opened
                            .store()
                            .aggregate(new BuildingId("b"), new RoomId("r"), new Window(T0, T0)))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("canceling statement due to statement timeout");
            assertThat(Duration.nanoseconds(System.nanoTime() - started).toMilliseconds())
                .as("the query cancelled after its 2 s budget, not the writes' 1 s timeout")
                .isBetween(2000L, 9999L);
          } finally {
            locker.rollback();
          }
        }
      }
    }
  }

  @Test
  void copiedReadingsKeepEveryDigitAndMoment() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      ReadingStore store = database.store();
      BuildingId building = new BuildingId("copy-" + UUID.randomUUID().toString().substring(0, 8));
      RoomId room = new RoomId("r");
      List<Reading> readings =
          List.of(
              reading(building, room, -89.999999, "1900-01-01T00:00:00.001Z"),
              reading(building, room, 0.0000001, "1969-12-31T23:59:59.999Z"),
              reading(building, room, 21.5, "2024-12-10T16:45:00Z"),
              reading(building, room, 149.98765432101, "2199-12-31T23:59:59.999Z"));

      store.append(readings);

      Window all =
          new Window(Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2200-01-01T00:00:00Z"));
      List<Reading> back = new ArrayList<>(store.newestFirst(building, room, all, 10));
      Collections.reverse(back);
      assertThat(back).isEqualTo(readings);
    }
  }

  @Test
  void copyTextEscapesWhatCouldEndAFieldOrARow() {
    assertThat(PostgresCopy.field(new StringBuilder(), "a\tb\nc\rd\\e").toString())
        .isEqualTo("a\\tb\\nc\\rd\\\\e");
    assertThat(PostgresCopy.field(new StringBuilder(), "kitchen-2.a_b").toString())
        .isEqualTo("kitchen-2.a_b");
  }

  private static Reading reading(BuildingId building, RoomId room, double celsius, String at) {
    return new Reading(building, room, Temperature.celsius(celsius), Instant.parse(at));
  }

  @Test
  void aStatementTimeoutAtOrAboveTheSocketTimeoutIsRefused() {
    TimescaleStorageFactory factory = new TimescaleStorageFactory();
    factory.setStatementTimeout(Duration.seconds(30));
    assertThat(factory.isStatementTimeoutBelowSocketTimeout()).isFalse();
    factory.setStatementTimeout(Duration.seconds(29));
    assertThat(factory.isStatementTimeoutBelowSocketTimeout()).isTrue();
  }
}
