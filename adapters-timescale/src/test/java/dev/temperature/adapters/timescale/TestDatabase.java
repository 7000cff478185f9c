package dev.temperature.adapters.timescale;

import dev.temperature.adapters.jdbc.Connections;
import dev.temperature.adapters.jdbc.JdbcReadingStore;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.ReadingStoreContract.Counted;
import io.dropwizard.core.setup.Environment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A real PostgreSQL database named by the environment ({@code make services} writes the variables
 * to .services.env). A test that uses one declares it with {@code @RequiresService}, which skips it
 * on a workstation without the database and fails it in CI.
 */
final class TestDatabase implements AutoCloseable {
  final String url;
  final String user = System.getenv("POSTGRES_USER");
  final String password = System.getenv("POSTGRES_PASSWORD");
  final Environment environment = new Environment("timescale-test");
  private ReadingStore store;

  private TestDatabase(String url) {
    this.url = url;
  }

  /**
   * The database whose JDBC URL is in {@code variable}: POSTGRES_URL, POSTGRES_PLAIN_URL or
   * POSTGRES_REPLICA_URL, of the service the test declares.
   */
  static TestDatabase require(String variable) {
    String url = System.getenv(variable);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          variable
              + " is not set: declare the database with @RequiresService(Service.POSTGRES...)");
    }
    return new TestDatabase(url);
  }

  TimescaleStorageFactory factory() {
    TimescaleStorageFactory factory = new TimescaleStorageFactory();
    factory.getDatabase().setUrl(url);
    factory.getDatabase().setUser(user);
    factory.getDatabase().setPassword(password);
    return factory;
  }

  /** The store built the way the server builds it. */
  ReadingStore store() {
    if (store == null) {
      store = factory().build(environment);
    }
    return store;
  }

  /** A store built by a factory of the test's making, closed with it. */
  record Opened(ReadingStore store, Environment environment) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
        managed.stop();
      }
    }
  }

  Opened open(TimescaleStorageFactory factory) {
    Environment own = new Environment("timescale-test-own");
    return new Opened(factory.build(own), own);
  }

  /** A store as the factory composes it, on connections of the test's choosing. */
  static JdbcReadingStore storeOn(Jdbi jdbi, TimescaleFeatures features, Runnable discard) {
    return new JdbcReadingStore(
        new Connections(jdbi, discard), new PostgresDialect(features), new PostgresFailures());
  }

  /**
   * A store on this database, composed as the factory composes it, that counts the statements it
   * runs: JDBI tells its logger of every statement before it goes to the database.
   */
  Counted counted() {
    Jdbi jdbi = Jdbi.create(url, user, password);
    AtomicLong statements = new AtomicLong();
    jdbi.setSqlLogger(
        new SqlLogger() {
          @Override
          public void logBeforeExecution(StatementContext context) {
            statements.incrementAndGet();
          }
        });
    return new Counted(storeOn(jdbi, prepareAgain(), () -> {}), statements::get);
  }

  /** Prepares the schema once more, as a start-up does, and says what it found on the server. */
  TimescaleFeatures prepareAgain() {
    var dataSource = factory().getDatabase().build(environment.metrics(), "again");
    try {
      return TimescaleSchema.prepare(dataSource, Jdbi.create(dataSource), Duration.ofDays(7));
    } finally {
      try {
        dataSource.stop();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void close() throws Exception {
    for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
      managed.stop();
    }
  }
}
