package dev.temperature.adapters.timescale;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.jdbc.Connections;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.util.Duration;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The pools of {@code storage.database} and {@code storage.readDatabase}: the defaults a file's
 * block is merged over, the driver settings, the writer's small pool beside the queries', and each
 * pool with its health check.
 */
final class PostgresPools {
  private static final Map<String, String> DEFAULT_PROPERTIES =
      Map.of(
          "reWriteBatchedInserts", "true",
          "connectTimeout", "5",
          "socketTimeout", "30",
          "ApplicationName", "temperature-api");

  private PostgresPools() {}

  /**
   * The writers' pool beyond the group-commit writers' own connections (one each, held for a group
   * at a time): the health check and a retry after a lost connection go on beside them.
   */
  static final int WRITER_POOL_SPARE = 1;

  /** One open pool: the data source (Flyway needs it) and JDBI over it. */
  record Pool(ManagedDataSource dataSource, Jdbi jdbi) {
    /**
     * As the JDBC store reaches it, with the purge it runs before its one retry; {@code database}
     * names it in failures when queries have a database of their own, else it is empty.
     */
    Connections connections(String database) {
      return new Connections(jdbi, this::discardConnections, database);
    }

    /** Dropwizard's pool is Tomcat's; purge closes idle connections now and busy ones on return. */
    private void discardConnections() {
      if (dataSource instanceof DataSourceProxy pool) {
        pool.purge();
      }
    }
  }

  static DataSourceFactory defaults() {
    DataSourceFactory database = new DataSourceFactory();
    database.setDriverClass("org.postgresql.Driver");
    database.setMaxWaitForConnection(Duration.seconds(2));
    database.setCheckConnectionOnBorrow(true);
    // Validate a borrowed connection if it has not been checked for a second (the pool's default
    // is 30 s), so that connections a database restart killed are replaced promptly.
    database.setValidationInterval(Duration.seconds(1));
    database.setValidationQuery("SELECT 1");
    database.setMinSize(2);
    database.setMaxSize(16);
    database.setProperties(new HashMap<>(DEFAULT_PROPERTIES));
    return database;
  }

  /**
   * The same defaults, read-only sessions (a statement that would write fails rather than reaching
   * a primary by mistake), and a pool that starts even when the replica does not answer yet: the
   * service then starts, takes writes, and readiness names the replica until it answers.
   */
  static DataSourceFactory readDefaults() {
    DataSourceFactory database = defaults();
    database.setReadOnlyByDefault(true);
    database.setIgnoreExceptionOnPreLoad(true);
    return database;
  }

  /**
   * The writers' block: a copy of {@code database} (the same server, role and driver settings) with
   * a pool of a connection per writer and {@link #WRITER_POOL_SPARE}, so that queries keep the
   * block's pool to themselves.
   */
  static DataSourceFactory writerBlock(DataSourceFactory database, int writers, ObjectMapper json) {
    DataSourceFactory writer = json.convertValue(database, DataSourceFactory.class);
    writer.setMinSize(1);
    writer.setInitialSize(1);
    writer.setMaxSize(writers + WRITER_POOL_SPARE);
    return writer;
  }

  /**
   * The driver settings a {@code properties} map in the file adds to or overrides, key by key:
   * Jackson replaces a map whole, which would silently drop the timeouts.
   */
  static Map<String, String> driverProperties(
      DataSourceFactory database, Duration statementTimeout) {
    Map<String, String> merged = new HashMap<>(DEFAULT_PROPERTIES);
    merged.putAll(database.getProperties());
    // Session settings travel in the startup packet's options; an operator's own options stay.
    String options = merged.getOrDefault("options", "");
    if (!options.contains("statement_timeout")) {
      merged.put(
          "options",
          (options + " -c statement_timeout=" + statementTimeout.toMilliseconds()).strip());
    }
    return merged;
  }

  /**
   * A plain data source of the schema's owner, without a pool: the database and driver settings of
   * {@code database} (already merged, see {@link #driverProperties}), the owner's user and
   * password. Used at start-up to prepare the schema, and by the retention job for drop_chunks,
   * which only the table's owner may run; every connection is closed when its work is done.
   */
  static DataSource owner(DataSourceFactory database, SchemaOwner owner) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(database.getUrl());
    try {
      for (Map.Entry<String, String> property : database.getProperties().entrySet()) {
        source.setProperty(property.getKey(), property.getValue());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("storage.database.properties: " + e.getMessage(), e);
    }
    source.setApplicationName("temperature-api-migrations");
    source.setUser(owner.getUser());
    source.setPassword(owner.getPassword());
    return source;
  }

  /**
   * The pool, registered with the lifecycle (closed on shutdown), and a health check named {@code
   * name} that runs the validation query.
   */
  static Pool open(Environment environment, DataSourceFactory database, String name) {
    ManagedDataSource dataSource = database.build(environment.metrics(), name);
    return new Pool(dataSource, new JdbiFactory().build(environment, database, dataSource, name));
  }
}
