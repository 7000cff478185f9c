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
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 *   migrations:                  # optional: the schema's owner, when database's user only serves
 *     user: temperature
 *     password: ${POSTGRES_MIGRATIONS_PASSWORD}
 * </pre>
 *
 * The {@code database} block is merged over defaults chosen for this service (the PostgreSQL
 * driver, a 2 s wait for a pooled connection, a connection check on borrow at most once a second so
 * a restarted database is noticed, batched inserts rewritten to multi-row statements), so a
 * configuration needs only the url, user and password. {@code readDatabase} gets the same defaults,
 * read-only connections, and the user and password of {@code database} unless it names its own (a
 * physical replica has the primary's roles); with an empty url, its default, there is none and
 * queries go to {@code database}. With {@code migrations} (see {@link SchemaOwner}), {@code
 * database}'s user needs no right to change the schema: the owner prepares it and grants the
 * serving role reads and writes of the tables (docs/adr/0011-least-privilege.md).
 */
@JsonTypeName("timescale")
public class TimescaleStorageFactory implements StorageFactory {
  private static final Logger LOG = LoggerFactory.getLogger(TimescaleStorageFactory.class);

  /** The health check, and pool name in the metrics, of {@code readDatabase}. */
  static final String READ_HEALTH_CHECK = "timescale-read";

  @Valid @NotNull @JsonMerge private DataSourceFactory database = PostgresPools.defaults();

  /**
   * Queries only: the file's block merged over {@link PostgresPools#readDefaults()}. An empty url,
   * the default, means none, so that a shipped file can leave the choice to the environment ({@code
   * url: ${POSTGRES_READ_URL:-}}); the block is validated only when it names a database.
   */
  @JsonProperty("readDatabase")
  @JsonMerge
  @NotNull
  private DataSourceFactory readDatabase = PostgresPools.readDefaults();

  /** The schema's owner, when {@code database}'s user only serves; empty by default. */
  @Valid @NotNull private SchemaOwner migrations = new SchemaOwner();

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
   * The driver settings of one database block, with {@code statementTimeout} as a session option.
   */
  Map<String, String> driverProperties(DataSourceFactory database) {
    return PostgresPools.driverProperties(database, statementTimeout);
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
  public SchemaOwner getMigrations() {
    return migrations;
  }

  @JsonProperty
  public void setMigrations(SchemaOwner migrations) {
    this.migrations = migrations;
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

  @Override
  public Map<String, String> secrets() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("storage.database.password", database.getPassword());
    secrets.put("storage.migrations.password", migrations.getPassword());
    secrets.put("storage.readDatabase.password", readDatabase.getPassword());
    secrets.values().removeIf(value -> value == null || value.isEmpty());
    return secrets;
  }

  @Override
  public ReadingStore build(Environment environment) {
    // One pool for JDBI and Flyway; JdbiFactory registers it with the lifecycle (closed on
    // shutdown) and adds a health check named "timescale" that runs the validation query.
    database.setProperties(driverProperties());
    PostgresPools.Pool primary = PostgresPools.open(environment, database, "timescale");
    TimescaleFeatures features;
    try {
      features = prepareSchema(primary);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot prepare the readings schema in PostgreSQL at "
              + database.getUrl()
              + " as user "
              + (migrations.isNamed() ? migrations.getUser() : database.getUser())
              + ": "
              + e.getMessage()
              + (migrations.isNamed() || !PostgresFailures.isPermissionDenied(e)
                  ? ""
                  : " (the user may not change the schema: name the schema's owner in"
                      + " storage.migrations)"),
          e);
    }
    TimescaleSchema.checkServingRole(primary.jdbi(), database.getUser());
    Connections writes = primary.connections();
    return new JdbcReadingStore(
        writes,
        hasReadDatabase() ? readConnections(environment) : writes,
        new PostgresDialect(features),
        new PostgresFailures());
  }

  /**
   * As {@code database}'s user, or, when {@code migrations} names the owner, on a connection of the
   * owner's of its own, closed once done, that also grants the serving role its reads and writes.
   */
  private TimescaleFeatures prepareSchema(PostgresPools.Pool primary) {
    java.time.Duration chunks = chunkTimeInterval.toJavaDuration();
    if (!migrations.isNamed()) {
      return TimescaleSchema.prepare(primary.dataSource(), primary.jdbi(), chunks);
    }
    return TimescaleSchema.prepareAsOwner(
        PostgresPools.owner(database, migrations), database.getUser(), chunks);
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
    PostgresPools.Pool replica = PostgresPools.open(environment, readDatabase, READ_HEALTH_CHECK);
    LOG.info(
        "Queries go to the read database at {}, writes to {}: a reading may show in answers only"
            + " once the replica has replayed it",
        readDatabase.getUrl(),
        database.getUrl());
    return replica.connections();
  }
}
