package dev.temperature.adapters.timescale;

import dev.temperature.adapters.jdbc.Connections;
import dev.temperature.adapters.jdbc.JdbcReadingStore;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.ReadingStoreContract.Counted;
import dev.temperature.domain.Reading;
import dev.temperature.storage.StorageSettings;
import dev.temperature.testing.Service;
import io.dropwizard.core.setup.Environment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A real PostgreSQL database named by the environment ({@code make services} writes the variables
 * to .services.env). A test that uses one declares it with {@code @RequiresService}, which skips it
 * on a workstation without the database and fails it in CI.
 *
 * <p>The roles are production's: the store serves as {@code POSTGRES_USER}, which may only read and
 * write the tables, and prepares the schema as its owner, {@code POSTGRES_MIGRATIONS_USER}. Neither
 * is a superuser; {@code POSTGRES_SUPERUSER} is there for tests that must create or drop a whole
 * database.
 */
final class TestDatabase implements AutoCloseable {
  final String url;
  final String user = System.getenv("POSTGRES_USER");
  final String password = System.getenv("POSTGRES_PASSWORD");
  final String owner = System.getenv("POSTGRES_MIGRATIONS_USER");
  final String ownerPassword = System.getenv("POSTGRES_MIGRATIONS_PASSWORD");
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

  /** A variable of the roles, which the declared service names (POSTGRES_MIGRATIONS_USER...). */
  static String variable(String name) {
    return Service.POSTGRES.variable(name);
  }

  /** As the server is configured: serving as the user, migrating as the owner. */
  TimescaleStorageFactory factory() {
    TimescaleStorageFactory factory = new TimescaleStorageFactory();
    factory.getDatabase().setUrl(url);
    factory.getDatabase().setUser(user);
    factory.getDatabase().setPassword(password);
    factory.getMigrations().setUser(variable("POSTGRES_MIGRATIONS_USER"));
    factory.getMigrations().setPassword(variable("POSTGRES_MIGRATIONS_PASSWORD"));
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
    return open(factory, StorageSettings.DEFAULT);
  }

  Opened open(TimescaleStorageFactory factory, StorageSettings settings) {
    Environment own = new Environment("timescale-test-own");
    return new Opened(factory.build(own, settings), own);
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
    TimescaleStorageFactory factory = factory();
    return TimescaleSchema.prepareAsOwner(
        PostgresPools.owner(factory.getDatabase(), factory.getMigrations()),
        user,
        Duration.ofDays(7));
  }

  /** Stores readings with SQL of its own, as an import behind the store's back would. */
  void appendReadingsOnly(List<Reading> readings) {
    try (Connection connection = connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO readings (building_id, room_id, recorded_at, temperature)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (building_id, room_id, recorded_at)"
                    + " DO UPDATE SET temperature = excluded.temperature")) {
      for (Reading reading : readings) {
        insert.setString(1, reading.building().value());
        insert.setString(2, reading.room().value());
        insert.setObject(3, reading.recordedAt().atOffset(ZoneOffset.UTC));
        insert.setDouble(4, reading.temperature().celsius());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** As the serving role, the one the store uses. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** As the schema's owner. */
  Connection connectAsOwner() throws SQLException {
    return DriverManager.getConnection(
        url, variable("POSTGRES_MIGRATIONS_USER"), variable("POSTGRES_MIGRATIONS_PASSWORD"));
  }

  /** As the superuser, to the database {@code name} on the same server. */
  Connection connectAsSuperuser(String name) throws SQLException {
    return DriverManager.getConnection(
        urlOf(name), variable("POSTGRES_SUPERUSER"), variable("POSTGRES_SUPERUSER_PASSWORD"));
  }

  /** The database {@code name} on the same server, with the same roles. */
  TestDatabase other(String name) {
    return new TestDatabase(urlOf(name));
  }

  private String urlOf(String name) {
    return url.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  @Override
  public void close() throws Exception {
    for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
      managed.stop();
    }
  }
}
