package dev.temperature.adapters.sqlite;

import dev.temperature.adapters.jdbc.Connections;
import dev.temperature.adapters.jdbc.JdbcReadingStore;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.ReadingStoreContract.Counted;
import dev.temperature.domain.Reading;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/** A store opened the way the server opens it, and closed the way the server closes it. */
final class OpenSqliteStore implements AutoCloseable {
  final Environment environment = new Environment("sqlite-test");
  final ReadingStore store;
  private final Path file;

  OpenSqliteStore(Path file) {
    this.file = file;
    SqliteStorageFactory factory = new SqliteStorageFactory();
    factory.setPath(file.toString());
    store = factory.build(environment);
  }

  /**
   * A store on the same file, composed as the factory composes it, that counts the statements it
   * runs: JDBI tells its logger of every statement before it goes to the database.
   */
  Counted counted() {
    Properties pragmas = new Properties();
    pragmas.putAll(SqliteStorageFactory.connectionProperties(5000));
    Jdbi jdbi = Jdbi.create(SqliteStorageFactory.jdbcUrl(file), pragmas);
    AtomicLong statements = new AtomicLong();
    jdbi.setSqlLogger(
        new SqlLogger() {
          @Override
          public void logBeforeExecution(StatementContext context) {
            statements.incrementAndGet();
          }
        });
    return new Counted(
        new JdbcReadingStore(
            new Connections(jdbi, () -> {}), new SqliteDialect(), new SqliteFailures()),
        statements::get);
  }

  /** Stores readings with SQL of its own, as an import behind the store's back would. */
  void appendReadingsOnly(List<Reading> readings) {
    Jdbi jdbi = Jdbi.create(SqliteStorageFactory.jdbcUrl(file));
    jdbi.useTransaction(
        handle -> {
          PreparedBatch batch =
              handle.prepareBatch(
                  "INSERT OR REPLACE INTO readings (building_id, room_id, recorded_at, temperature)"
                      + " VALUES (?, ?, ?, ?)");
          for (Reading reading : readings) {
            batch
                .bind(0, reading.building().value())
                .bind(1, reading.room().value())
                .bind(2, reading.recordedAt().toEpochMilli())
                .bind(3, reading.temperature().celsius())
                .add();
          }
          batch.execute();
        });
  }

  @Override
  public void close() throws Exception {
    for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
      managed.stop();
    }
  }
}
