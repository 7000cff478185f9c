package dev.temperature.adapters.timescale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.temperature.adapters.jdbc.Connections;
import dev.temperature.adapters.jdbc.JdbcReadingStore;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.storage.StorageFactory;
import dev.temperature.storage.StorageSettings;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 *   statementTimeout: 25s        # PostgreSQL cancels a write that runs longer
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
 *
 * <p>Writes have a pool of their own on {@code database}, a connection for each of {@code writers}
 * (default 2) and {@link PostgresPools#WRITER_POOL_SPARE}, which no query can take; the block's
 * pool is the queries'. Queries' sessions have {@code queries.timeout} as their statement_timeout,
 * writes' {@code statementTimeout}.
 */
@JsonTypeName("timescale")
public class TimescaleStorageFactory implements StorageFactory {
  private static final Logger LOG = LoggerFactory.getLogger(TimescaleStorageFactory.class);

  /** The health check, and pool name in the metrics, of {@code readDatabase}. */
  static final String READ_HEALTH_CHECK = "timescale-read";

  /** The pool name in the metrics of the queries' pool on {@code database}. */
  static final String QUERIES_POOL = "timescale-queries";

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
   * Group-commit writers, each with a connection of its own: two, so that PostgreSQL commits (and
   * flushes) one group while the next is sent, and a batch does not wait for the one before it.
   */
  @Min(1)
  @Max(StorageFactory.MAX_WRITERS)
  private int writers = 2;

  /**
   * How long PostgreSQL lets one write (or the schema's preparation) run before it cancels it
   * itself; queries have {@code queries.timeout}. Below the driver's socketTimeout, so that a
   * statement the service gave up on does not keep running on the server.
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

  /**
   * The driver settings of the writer's pool, with {@code statementTimeout} as a session option.
   */
  Map<String, String> driverProperties() {
    return PostgresPools.driverProperties(database, statementTimeout);
  }

  /**
   * The driver settings of the queries' pool ({@code readDatabase} when it names a database, else
   * {@code database}), with {@code queryTimeout} as the session's statement_timeout.
   */
  Map<String, String> queryDriverProperties(Duration queryTimeout) {
    return PostgresPools.driverProperties(queriesBlock(), queryTimeout);
  }

  @ValidationMethod(
      message = "storage.statementTimeout must be shorter than the driver's socketTimeout")
  @JsonIgnore
  public boolean isStatementTimeoutBelowSocketTimeout() {
    return below(statementTimeout, database);
  }

  /** Whether {@code timeout} ends before the driver's socketTimeout of {@code database} would. */
  private static boolean below(Duration timeout, DataSourceFactory database) {
    String socketTimeout = PostgresPools.driverProperties(database, timeout).get("socketTimeout");
    try {
      long seconds = Long.parseLong(socketTimeout.strip());
      return seconds == 0 || timeout.toMilliseconds() < TimeUnit.SECONDS.toMillis(seconds);
    } catch (NumberFormatException | NullPointerException e) {
      return true; // the driver reports a malformed value itself
    }
  }

  /**
   * The block the queries' pool is built from: {@code readDatabase} when it names a database, else
   * {@code database}.
   */
  private DataSourceFactory queriesBlock() {
    return hasReadDatabase() ? readDatabase : database;
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

  @Override
  @JsonProperty
  public int writers() {
    return writers;
  }

  @JsonProperty
  public void setWriters(int writers) {
    this.writers = writers;
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
  public ReadingStore build(Environment environment, StorageSettings settings) {
    Duration queryTimeout = Duration.milliseconds(settings.queryTimeout().toMillis());
    if (!below(queryTimeout, queriesBlock())) {
      throw new IllegalArgumentException(
          "queries.timeout ("
              + queryTimeout.toMilliseconds()
              + " ms) must be shorter than the driver's socketTimeout of storage."
              + (hasReadDatabase() ? "readDatabase" : "database")
              + ", so that PostgreSQL, not the socket, ends a query that overruns it");
    }
    // The writer's own small pool, which no query can take, made before the queries' pool takes
    // the block's settings over. JdbiFactory registers it with the lifecycle (closed on shutdown)
    // and adds a health check named "timescale" that runs the validation query on it.
    DataSourceFactory writer =
        PostgresPools.writerBlock(database, writers, environment.getObjectMapper());
    writer.setProperties(driverProperties());
    PostgresPools.Pool primary = PostgresPools.open(environment, writer, "timescale");
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
    // Before the queries' pool takes the block's settings over: the owner's sessions get the
    // writers' statement timeout.
    Optional<Connections> owner = schemaOwner(writer);
    return new JdbcReadingStore(
        primary.connections(hasReadDatabase() ? "primary" : ""),
        hasReadDatabase()
            ? readConnections(environment, queryTimeout)
            : queryConnections(environment, queryTimeout),
        owner,
        new PostgresDialect(features),
        new PostgresFailures());
  }

  /**
   * With {@code migrations}, connections as the schema's owner for the one statement of the
   * retention that needs the table's owner, TimescaleDB's drop_chunks: opened for each run of the
   * retention job and closed after it (no pool), with the writers' statement timeout. The serving
   * role itself may only read and write rows.
   */
  private Optional<Connections> schemaOwner(DataSourceFactory writer) {
    if (!migrations.isNamed()) {
      return Optional.empty();
    }
    return Optional.of(
        new Connections(
            Jdbi.create(PostgresPools.owner(writer, migrations)), () -> {}, "schema owner"));
  }

  /**
   * The queries' pool on {@code database}, as the block configures it, with {@code queries.timeout}
   * as the sessions' statement_timeout. It has no health check of its own: the writer's says
   * whether the database answers, and a pool that slow reads keep busy must not take the instance
   * out of service while its writes go through.
   */
  private Connections queryConnections(Environment environment, Duration queryTimeout) {
    database.setProperties(queryDriverProperties(queryTimeout));
    PostgresPools.Pool queries = PostgresPools.open(environment, database, QUERIES_POOL);
    environment.healthChecks().unregister(QUERIES_POOL);
    return queries.connections("");
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
   * replication, so nothing is prepared there; an unreachable replica does not stop start-up. Its
   * sessions' statement_timeout is {@code queries.timeout}.
   */
  private Connections readConnections(Environment environment, Duration queryTimeout) {
    if (readDatabase.getUser() == null) {
      readDatabase.setUser(database.getUser());
    }
    if (readDatabase.getPassword() == null) {
      readDatabase.setPassword(database.getPassword());
    }
    readDatabase.setProperties(queryDriverProperties(queryTimeout));
    PostgresPools.Pool replica = PostgresPools.open(environment, readDatabase, READ_HEALTH_CHECK);
    LOG.info(
        "Queries go to the read database at {}, writes to {}: a reading may show in answers only"
            + " once the replica has replayed it",
        readDatabase.getUrl(),
        database.getUrl());
    return replica.connections("read database");
  }
}
