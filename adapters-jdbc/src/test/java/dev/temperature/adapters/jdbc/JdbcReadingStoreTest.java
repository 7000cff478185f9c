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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.junit.jupiter.api.Test;
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
    JdbcReadingStore store = new JdbcReadingStore(jdbi, new Millis(), policy(true, null), discard);

    store.append(List.of(reading()));

    assertThat(discarded).hasValue(1);
    assertThat(store.aggregate(BUILDING, ROOM, new Window(AT, AT)).count()).isEqualTo(1);
  }

  @Test
  void aSecondFailureIsUnavailableAndCarriesTheFirst() {
    Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + directory.resolve("twice.db"));
    AtomicInteger discarded = new AtomicInteger();
    JdbcReadingStore store =
        new JdbcReadingStore(jdbi, new Millis(), policy(true, null), discarded::incrementAndGet);

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
            jdbi, new Millis(), policy(false, "code 1"), discarded::incrementAndGet);

    assertThatThrownBy(() -> store.aggregate(BUILDING, ROOM, new Window(AT, AT)))
        .isInstanceOf(StorageRefusedException.class)
        .hasMessageStartingWith("TestDB refused to aggregate readings (code 1); the hint: ");
    assertThat(discarded).hasValue(0);
  }

  private static void createTable(Jdbi jdbi) {
    jdbi.useHandle(
        handle ->
            handle.execute(
                "CREATE TABLE IF NOT EXISTS readings (building_id TEXT NOT NULL, room_id TEXT NOT"
                    + " NULL, recorded_at INTEGER NOT NULL, temperature REAL NOT NULL, PRIMARY KEY"
                    + " (building_id, room_id, recorded_at))"));
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

  /** Moments as epoch milliseconds; these tests never ask for buckets. */
  private static final class Millis implements SqlDialect {
    @Override
    public Argument instant(Instant instant) {
      return (position, statement, context) -> statement.setLong(position, instant.toEpochMilli());
    }

    @Override
    public Instant instant(ResultSet rows, String column) throws SQLException {
      return Instant.ofEpochMilli(rows.getLong(column));
    }

    @Override
    public String bucketsQuery() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object bucketWidth(Interval interval) {
      throw new UnsupportedOperationException();
    }
  }
}
