package dev.temperature.adapters.timescale;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database to the schema this release needs: Flyway's versioned migrations first (under
 * a PostgreSQL advisory lock, so replicas starting together do not race), then the TimescaleDB
 * set-up that depends on what the server offers. Running it again changes nothing.
 */
final class TimescaleSchema {
  private static final Logger LOG = LoggerFactory.getLogger(TimescaleSchema.class);
  static final String MIGRATIONS = "classpath:db/timescale";

  private TimescaleSchema() {}

  static TimescaleFeatures prepare(DataSource dataSource, Jdbi jdbi, Duration chunkTimeInterval) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(MIGRATIONS)
        .failOnMissingLocations(true)
        .load()
        .migrate();
    return jdbi.withHandle(handle -> timescale(handle, chunkTimeInterval));
  }

  private static TimescaleFeatures timescale(Handle handle, Duration chunkTimeInterval) {
    Optional<String> version = installedVersion(handle);
    if (version.isEmpty() && available(handle)) {
      version = tryToInstall(handle);
    }
    if (version.isEmpty()) {
      LOG.warn(
          "Running WITHOUT TimescaleDB: the timescaledb extension is not installed in this database,"
              + " so readings live in an ordinary PostgreSQL table. Everything works; large"
              + " histories are slower. To use it, install the extension, add it to"
              + " shared_preload_libraries, run CREATE EXTENSION timescaledb as a superuser, and"
              + " restart the service while the table is still empty.");
      return TimescaleFeatures.PLAIN_POSTGRESQL;
    }
    Optional<String> license =
        handle
            .createQuery("SELECT current_setting('timescaledb.license', true)")
            .mapTo(String.class)
            .findOne();
    boolean hypertable = isHypertable(handle) || makeHypertable(handle, chunkTimeInterval);
    TimescaleFeatures features = new TimescaleFeatures(version, license, hypertable);
    LOG.info(
        "TimescaleDB {} ({} license{}); readings {} a hypertable",
        version.get(),
        license.orElse("unknown"),
        features.communityFeatures()
            ? ""
            : ": hypertables and time_bucket, no compression, retention or continuous aggregates",
        hypertable ? "is" : "is NOT");
    return features;
  }

  private static Optional<String> installedVersion(Handle handle) {
    return handle
        .createQuery("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")
        .mapTo(String.class)
        .findOne();
  }

  private static boolean available(Handle handle) {
    return handle
        .createQuery(
            "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')")
        .mapTo(Boolean.class)
        .one();
  }

  /**
   * TimescaleDB 2 is a trusted extension: the database owner (or anyone with CREATE on the
   * database) may install it. Other roles are refused, which is fine: the table then stays
   * ordinary.
   */
  private static Optional<String> tryToInstall(Handle handle) {
    try {
      handle.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
      LOG.info("Installed the timescaledb extension in this database");
      return installedVersion(handle);
    } catch (JdbiException e) {
      LOG.warn(
          "The timescaledb extension is available on this server but could not be installed in"
              + " this database ({}); continuing with an ordinary table. Run CREATE EXTENSION"
              + " timescaledb as the database owner to use hypertables",
          rootMessage(e));
      return Optional.empty();
    }
  }

  private static boolean isHypertable(Handle handle) {
    return handle
        .createQuery(
            """
            SELECT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                           WHERE hypertable_schema = current_schema()
                             AND hypertable_name = 'readings')
            """)
        .mapTo(Boolean.class)
        .one();
  }

  /**
   * Converts the table while it is empty. A table that already holds readings is left alone:
   * converting it copies every row under a lock, which is the operator's call, not a start-up's.
   */
  private static boolean makeHypertable(Handle handle, Duration chunkTimeInterval) {
    boolean empty =
        handle.createQuery("SELECT NOT EXISTS (SELECT 1 FROM readings)").mapTo(Boolean.class).one();
    if (!empty) {
      LOG.warn(
          "The readings table holds data but is not a hypertable. To convert it (locks the table"
              + " while it copies): SELECT create_hypertable('readings', 'recorded_at',"
              + " chunk_time_interval => INTERVAL '{} seconds', migrate_data => true);",
          chunkTimeInterval.toSeconds());
      return false;
    }
    // The classic signature, so that TimescaleDB releases before 2.13 (no by_range) work too.
    handle
        .createQuery(
            """
            SELECT create_hypertable('readings', 'recorded_at',
                                     chunk_time_interval => CAST(:interval AS interval),
                                     create_default_indexes => false,
                                     if_not_exists => true)
            """)
        .bind("interval", chunkTimeInterval.toSeconds() + " seconds")
        .mapToMap()
        .one();
    LOG.info(
        "Made readings a hypertable with a chunk interval of {}",
        chunkTimeInterval.toString().substring(2).toLowerCase(Locale.ROOT));
    return true;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
