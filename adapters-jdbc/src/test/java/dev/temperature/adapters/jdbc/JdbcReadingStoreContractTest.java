package dev.temperature.adapters.jdbc;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.ReadingStoreContract;
import dev.temperature.domain.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.sqlite.SQLiteConfig;

/**
 * The storage contract against the core alone, on a SQLite file with a dialect of epoch
 * milliseconds: the engine modules run it with their own dialects, this run lets the core's
 * mutation tests (make mutation) see its queries tested.
 */
class JdbcReadingStoreContractTest extends ReadingStoreContract {
  private static final Path FILE = file();

  /** Concurrent writers wait for each other's lock, as the SQLite module configures it. */
  private static final Properties WAIT = wait(5000);

  private static final Jdbi JDBI = open();
  private static final ReadingStore STORE =
      new JdbcReadingStore(new Connections(JDBI, () -> {}), new MillisDialect(), new Failures());

  @Override
  protected ReadingStore store() {
    return STORE;
  }

  /** Plain INSERTs of its own, as an import behind the store's back would write them. */
  @Override
  protected void appendReadingsOnly(List<Reading> readings) {
    JDBI.useHandle(
        handle -> {
          PreparedBatch insert =
              handle.prepareBatch(
                  "INSERT INTO readings VALUES (:building, :room, :at, :celsius) ON CONFLICT DO"
                      + " UPDATE SET temperature = excluded.temperature");
          for (Reading reading : readings) {
            insert
                .bind("building", reading.building().value())
                .bind("room", reading.room().value())
                .bind("at", reading.recordedAt().toEpochMilli())
                .bind("celsius", reading.temperature().celsius())
                .add();
          }
          insert.execute();
        });
  }

  @Override
  protected Counted counted() {
    Jdbi counting = Jdbi.create("jdbc:sqlite:" + FILE, WAIT);
    AtomicLong statements = new AtomicLong();
    counting.setSqlLogger(
        new SqlLogger() {
          @Override
          public void logBeforeExecution(StatementContext context) {
            statements.incrementAndGet();
          }
        });
    return new Counted(
        new JdbcReadingStore(
            new Connections(counting, () -> {}), new MillisDialect(), new Failures()),
        statements::get);
  }

  @AfterAll
  static void removeFile() throws Exception {
    Files.deleteIfExists(FILE);
  }

  private static Properties wait(int millis) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(millis);
    return config.toProperties();
  }

  private static Path file() {
    try {
      return Files.createTempFile("jdbc-contract", ".db");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Jdbi open() {
    Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + FILE, WAIT);
    JdbcReadingStoreTest.createTable(jdbi);
    return jdbi;
  }

  /** SQLite's failures are the engine module's business; none is expected here. */
  private static final class Failures implements FailurePolicy {
    @Override
    public String engine() {
      return "SQLite";
    }

    @Override
    public Optional<String> refusal(Throwable failure) {
      return Optional.empty();
    }

    @Override
    public String refusalHint() {
      return "";
    }

    @Override
    public boolean lostConnection(Throwable failure) {
      return false;
    }
  }
}
