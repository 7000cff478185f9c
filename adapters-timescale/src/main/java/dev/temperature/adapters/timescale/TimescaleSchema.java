package dev.temperature.adapters.timescale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>None of it needs a superuser: the TimescaleDB extension is looked for, not assumed, and used
 * when the set-up installed it (CREATE EXTENSION, as the superuser); the migrations need the
 * schema's owner, or a role with CREATE on it. When the service serves as another role, the owner
 * grants that role reads and writes of every table and view in the schema, now and by default
 * privilege for those it creates later, and nothing more (docs/adr/0011-least-privilege.md).
 */
final class TimescaleSchema {
  private static final Logger LOG = LoggerFactory.getLogger(TimescaleSchema.class);
  static final String MIGRATIONS = "classpath:db/timescale";

  /** Flyway's own table, which the serving role has no business changing. */
  static final String HISTORY = "flyway_schema_history";

  /** What the serving role may do to the tables: read and write rows, never the schema. */
  static final String SERVING_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE";

  private TimescaleSchema() {}

  /**
   * Prepares the schema as its owner, on connections of {@code owner} that are closed once done,
   * and grants {@code servingRole} {@link #SERVING_PRIVILEGES} on every table and view the owner
   * has in the schema but Flyway's history, and the same by default on those it creates later (a
   * new migration's tables, for instance), so that a release's new tables need no grant of their
   * own.
   */
  static TimescaleFeatures prepareAsOwner(
      DataSource owner, String servingRole, Duration chunkTimeInterval) {
    Jdbi jdbi = Jdbi.create(owner);
    TimescaleFeatures features = prepare(owner, jdbi, chunkTimeInterval);
    jdbi.useHandle(handle -> grantServing(handle, servingRole));
    return features;
  }

  /**
   * Every statement through {@code format(... %I ...)}: the role's name is written into the
   * statement by PostgreSQL's own identifier quoting, never by string concatenation here.
   */
  private static void grantServing(Handle handle, String servingRole) {
    List<String> grants = new ArrayList<>();
    boolean usage =
        handle
            .createQuery("SELECT has_schema_privilege(:role, current_schema(), 'USAGE')")
            .bind("role", servingRole)
            .mapTo(Boolean.class)
            .one();
    if (!usage) {
      grants.add(sql(handle, "GRANT USAGE ON SCHEMA %I TO %I", servingRole));
    }
    grants.add(
        sql(
            handle,
            "ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT "
                + SERVING_PRIVILEGES
                + " ON TABLES TO %I",
            servingRole));
    grants.add(
        sql(
            handle,
            "ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I",
            servingRole));
    grants.addAll(
        handle
            .createQuery(
                """
                SELECT format('GRANT %s ON TABLE %I.%I TO %I', :privileges,
                              c.relnamespace::regnamespace::text, c.relname, :role)
                FROM pg_class c
                WHERE c.relnamespace = current_schema()::regnamespace
                  AND c.relkind IN ('r', 'p', 'v', 'm')
                  AND pg_get_userbyid(c.relowner) = current_user
                  AND c.relname <> :history
                ORDER BY c.relname
                """)
            .bind("privileges", SERVING_PRIVILEGES)
            .bind("role", servingRole)
            .bind("history", HISTORY)
            .mapTo(String.class)
            .list());
    // The default privileges above also reach the history, should Flyway ever create it again.
    grants.add(
        handle
            .createQuery(
                "SELECT format('REVOKE ALL ON TABLE %I.%I FROM %I', current_schema(), :history,"
                    + " :role) WHERE to_regclass(:history) IS NOT NULL")
            .bind("history", HISTORY)
            .bind("role", servingRole)
            .mapTo(String.class)
            .findOne()
            .orElse("SELECT 1"));
    for (String grant : grants) {
      handle.execute(grant);
    }
    LOG.info(
        "Granted {} on the tables of schema {} to the serving role {}, now and for tables created"
            + " later",
        SERVING_PRIVILEGES,
        handle.createQuery("SELECT current_schema()").mapTo(String.class).one(),
        servingRole);
  }

  /** {@code template} with the current schema and the role as its two {@code %I}. */
  private static String sql(Handle handle, String template, String role) {
    return handle
        .createQuery("SELECT format(:template, current_schema(), :role)")
        .bind("template", template)
        .bind("role", role)
        .mapTo(String.class)
        .one();
  }

  /**
   * What the serving role can do, checked at start-up rather than by the first request: it must be
   * able to read and write the readings (else start-up fails, naming the fix), and should not be a
   * superuser, which could do anything at all to the server (a warning, as the service works).
   */
  static void checkServingRole(Jdbi serving, String user) {
    record Rights(boolean superuser, boolean readsAndWrites) {}
    Rights rights =
        serving.withHandle(
            handle ->
                handle
                    .createQuery(
                        """
                        SELECT r.rolsuper AS superuser,
                               has_table_privilege('readings', 'SELECT')
                                 AND has_table_privilege('readings', 'INSERT')
                                 AND has_table_privilege('readings', 'UPDATE') AS reads_and_writes
                        FROM pg_roles r WHERE r.rolname = current_user
                        """)
                    .map(
                        (rows, ctx) ->
                            new Rights(
                                rows.getBoolean("superuser"), rows.getBoolean("reads_and_writes")))
                    .one());
    if (!rights.readsAndWrites()) {
      throw new IllegalStateException(
          "storage.database.user "
              + user
              + " may not read and write the readings table: name the schema's owner in"
              + " storage.migrations, which grants it at start-up, or grant it "
              + SERVING_PRIVILEGES
              + " on the table");
    }
    if (rights.superuser()) {
      LOG.warn(
          "storage.database.user {} is a PostgreSQL superuser: whoever takes over the service may"
              + " then do anything to the whole server. Serve as a role that may only read and"
              + " write the tables, with the schema's owner in storage.migrations (see"
              + " docs/storage/timescale.md)",
          user);
    }
  }

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
