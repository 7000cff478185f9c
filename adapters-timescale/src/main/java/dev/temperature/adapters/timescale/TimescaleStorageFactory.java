package dev.temperature.adapters.timescale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.temperature.adapters.jdbc.Connections;
import dev.temperature.adapters.jdbc.JdbcReadingStore;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.storage.StorageFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code storage.type: timescale}: PostgreSQL, with TimescaleDB when the server has it.
 *
 * <pre>
 * storage:
 *   type: timescale
 *   chunkTimeInterval: 7d        # hypertable chunk size, used when the table is created
 *   statementTimeout: 25s        # PostgreSQL cancels a statement that runs longer
 *   database:                    # Dropwizard's DataSourceFactory; any of its keys
 *     url: jdbc:postgresql://db:5432/temperature
 *     user: temperature
 *     password: ${POSTGRES_PASSWORD}
 *   readDatabase:                # optional: a streaming replica for every query
 *     url: jdbc:postgresql://db-replica:5432/temperature
 * </pre>
 *
 * The {@code database} block is merged over defaults chosen for this service (the PostgreSQL
 * driver, a 2 s wait for a pooled connection, a connection check on borrow at most once a second so
 * a restarted database is noticed, batched inserts rewritten to multi-row statements), so a
 * configuration needs only the url, user and password. {@code readDatabase} gets the same defaults,
 * read-only connections, and the user and password of {@code database} unless it names its own (a
 * physical replica has the primary's roles); with an empty url, its default, there is none and
 * queries go to {@code database}.
 */
@JsonTypeName("timescale")
public class TimescaleStorageFactory implements StorageFactory {
  private static final Logger LOG = LoggerFactory.getLogger(TimescaleStorageFactory.class);

  /** The health check, and pool name in the metrics, of {@code readDatabase}. */
  static final String READ_HEALTH_CHECK = "timescale-read";

  private static final Map<String, String> DEFAULT_PROPERTIES =
      Map.of(
          "reWriteBatchedInserts", "true",
          "connectTimeout", "5",
          "socketTimeout", "30",
          "ApplicationName", "temperature-api");

  @Valid @NotNull @JsonMerge private DataSourceFactory database = defaults();

  /**
   * Queries only: the file's block merged over {@link #readDefaults()}. An empty url, the default,
   * means none, so that a shipped file can leave the choice to the environment ({@code url:
   * ${POSTGRES_READ_URL:-}}); the block is validated only when it names a database.
   */
  @JsonProperty("readDatabase")
  @JsonMerge
  @NotNull
  private DataSourceFactory readDatabase = readDefaults();

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration chunkTimeInterval = Duration.days(7);

  /**
   * How long PostgreSQL lets one statement run before it cancels it itself. Below the driver's
   * socketTimeout, so that a statement the service gave up on does not keep running on the server.
   */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration statementTimeout = Duration.seconds(25);

  private static DataSourceFactory defaults() {
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
  private static DataSourceFactory readDefaults() {
    DataSourceFactory database = defaults();
    database.setReadOnlyByDefault(true);
    database.setIgnoreExceptionOnPreLoad(true);
    return database;
  }

  /** Whether queries have a database of their own: {@code storage.readDatabase.url} is set. */
  @JsonIgnore
  public boolean hasReadDatabase() {
    return readDatabase != null
        && readDatabase.getUrl() != null
        && !readDatabase.getUrl().isBlank();
  }

  /** The read database, or null when queries go to {@code database}. */
  @Valid
  @JsonIgnore
  public DataSourceFactory getReadDatabase() {
    return hasReadDatabase() ? readDatabase : null;
  }

  /** The {@code readDatabase} block as configured, whether or not it names a database. */
  DataSourceFactory readDatabaseBlock() {
    return readDatabase;
  }

  /** The driver settings of {@code database}; see {@link #driverProperties(DataSourceFactory)}. */
  Map<String, String> driverProperties() {
    return driverProperties(database);
  }

  /**
   * The driver settings a {@code properties} map in the file adds to or overrides, key by key:
   * Jackson replaces a map whole, which would silently drop the timeouts.
   */
  Map<String, String> driverProperties(DataSourceFactory database) {
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

  @ValidationMethod(
      message = "storage.statementTimeout must be shorter than the driver's socketTimeout")
  @JsonIgnore
  public boolean isStatementTimeoutBelowSocketTimeout() {
    return statementTimeoutBelowSocketTimeout(database)
        && (!hasReadDatabase() || statementTimeoutBelowSocketTimeout(readDatabase));
  }

  private boolean statementTimeoutBelowSocketTimeout(DataSourceFactory database) {
    String socketTimeout = driverProperties(database).get("socketTimeout");
    try {
      long seconds = Long.parseLong(socketTimeout.strip());
      return seconds == 0 || statementTimeout.toSeconds() < seconds;
    } catch (NumberFormatException | NullPointerException e) {
      return true; // the driver reports a malformed value itself
    }
  }

  @JsonProperty
  public DataSourceFactory getDatabase() {
    return database;
  }

  @JsonProperty
  public void setDatabase(DataSourceFactory database) {
    this.database = database;
  }

  @JsonProperty
  public Duration getChunkTimeInterval() {
    return chunkTimeInterval;
  }

  @JsonProperty
  public void setChunkTimeInterval(Duration chunkTimeInterval) {
    this.chunkTimeInterval = chunkTimeInterval;
  }

  @JsonProperty
  public Duration getStatementTimeout() {
    return statementTimeout;
  }

  @JsonProperty
  public void setStatementTimeout(Duration statementTimeout) {
    this.statementTimeout = statementTimeout;
  }

  /** Dropwizard's pool is Tomcat's; purge closes idle connections now and busy ones on return. */
  private static void discardConnections(ManagedDataSource dataSource) {
    if (dataSource instanceof DataSourceProxy pool) {
      pool.purge();
    }
  }

  @Override
  public ReadingStore build(Environment environment) {
    // One pool for JDBI and Flyway; JdbiFactory registers it with the lifecycle (closed on
    // shutdown) and adds a health check named "timescale" that runs the validation query.
    database.setProperties(driverProperties());
    ManagedDataSource dataSource = database.build(environment.metrics(), "timescale");
    Jdbi jdbi = new JdbiFactory().build(environment, database, dataSource, "timescale");
    TimescaleFeatures features;
    try {
      features = TimescaleSchema.prepare(dataSource, jdbi, chunkTimeInterval.toJavaDuration());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot prepare the readings schema in PostgreSQL at "
              + database.getUrl()
              + " as user "
              + database.getUser()
              + ": "
              + e.getMessage(),
          e);
    }
    Connections writes = new Connections(jdbi, () -> discardConnections(dataSource));
    return new JdbcReadingStore(
        writes,
        hasReadDatabase() ? readConnections(environment) : writes,
        new PostgresDialect(features),
        new PostgresFailures());
  }

  /**
   * The replica's pool, with a health check of its own named "timescale-read", which readiness
   * counts: a replica that cannot answer makes every query a 503. Its schema is the primary's, by
   * replication, so nothing is prepared there; an unreachable replica does not stop start-up.
   */
  private Connections readConnections(Environment environment) {
    if (readDatabase.getUser() == null) {
      readDatabase.setUser(database.getUser());
    }
    if (readDatabase.getPassword() == null) {
      readDatabase.setPassword(database.getPassword());
    }
    readDatabase.setProperties(driverProperties(readDatabase));
    ManagedDataSource dataSource = readDatabase.build(environment.metrics(), READ_HEALTH_CHECK);
    Jdbi jdbi = new JdbiFactory().build(environment, readDatabase, dataSource, READ_HEALTH_CHECK);
    LOG.info(
        "Queries go to the read database at {}, writes to {}: a reading may show in answers only"
            + " once the replica has replayed it",
        readDatabase.getUrl(),
        database.getUrl());
    return new Connections(jdbi, () -> discardConnections(dataSource));
  }
}
