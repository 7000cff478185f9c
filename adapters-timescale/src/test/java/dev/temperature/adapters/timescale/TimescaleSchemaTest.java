package dev.temperature.adapters.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

@RequiresService({Service.POSTGRES, Service.POSTGRES_PLAIN})
class TimescaleSchemaTest {
  private static final Instant AT = Instant.parse("2024-12-10T16:45:00Z");
  private static final Window MOMENT = new Window(AT, AT);

  @Test
  void onTimescaleTheReadingsTableIsAHypertableWithSevenDayChunks() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      database.store();
      try (Connection connection = database.connect();
          Statement sql = connection.createStatement()) {
        ResultSet hypertables =
            sql.executeQuery(
                "SELECT hypertable_name FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_name = 'readings'");
        assertThat(hypertables.next()).as("readings is listed as a hypertable").isTrue();
        ResultSet dimension =
            sql.executeQuery(
                "SELECT column_name, time_interval FROM timescaledb_information.dimensions"
                    + " WHERE hypertable_name = 'readings'");
        assertThat(dimension.next()).isTrue();
        assertThat(dimension.getString("column_name")).isEqualTo("recorded_at");
        assertThat(dimension.getString("time_interval")).isEqualTo("7 days");
      }
    }
  }

  @Test
  void onTimescaleTheFeaturesAreDetectedNotAssumed() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      database.store();
      TimescaleFeatures features = database.prepareAgain();
      assertThat(features.extension()).isTrue();
      assertThat(features.hypertable()).isTrue();
      assertThat(features.license()).isPresent();
      try (Connection connection = database.connect();
          Statement sql = connection.createStatement()) {
        ResultSet license = sql.executeQuery("SELECT current_setting('timescaledb.license')");
        license.next();
        assertThat(features.license()).hasValue(license.getString(1));
        assertThat(features.communityFeatures())
            .isEqualTo("timescale".equals(license.getString(1)));
      }
    }
  }

  @Test
  void onPlainPostgresTheTableIsOrdinaryAndTheExtensionIsNotForced() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_PLAIN_URL")) {
      database.store();
      assertThat(database.prepareAgain()).isEqualTo(TimescaleFeatures.PLAIN_POSTGRESQL);
      try (Connection connection = database.connect();
          Statement sql = connection.createStatement()) {
        ResultSet extension =
            sql.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'");
        extension.next();
        assertThat(extension.getInt(1)).isZero();
        ResultSet table = sql.executeQuery("SELECT to_regclass('readings') IS NOT NULL");
        table.next();
        assertThat(table.getBoolean(1)).isTrue();
      }
    }
  }

  @Test
  void preparingTwiceChangesNothing() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      database.store();
      String before = schemaFingerprint(database);
      database.prepareAgain();
      database.prepareAgain();
      assertThat(schemaFingerprint(database)).isEqualTo(before);
    }
  }

  @Test
  void aBrokenConnectionIsReplacedAndTheStoreRecovers() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      BuildingId building = new BuildingId("outage-" + System.nanoTime());
      RoomId room = new RoomId("r");
      Instant at = Instant.parse("2024-12-10T16:45:00Z");
      database.store().append(List.of(new Reading(building, room, Temperature.celsius(20), at)));

      // What a database restart does to a pool: every connection it holds dies.
      try (Connection admin = database.connect();
          Statement sql = admin.createStatement()) {
        sql.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = 'temperature-api' AND pid <> pg_backend_pid()");
      }

      // Writes and queries have pools of their own: each finds its dead connections and retries.
      database
          .store()
          .append(List.of(new Reading(building, room, Temperature.celsius(21), at.plusSeconds(1))));
      assertThat(
              database.store().aggregate(building, room, new Window(at, at.plusSeconds(1))).count())
          .isEqualTo(2);
      HealthCheck.Result health = database.environment.healthChecks().runHealthCheck("timescale");
      assertThat(health.isHealthy()).as(health.toString()).isTrue();
    }
  }

  @Test
  void anUnreachableDatabaseIsUnavailableNotAnError() {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    Jdbi unreachable = Jdbi.create("jdbc:postgresql://127.0.0.1:1/temperature?connectTimeout=2");
    ReadingStore store =
        TestDatabase.storeOn(unreachable, TimescaleFeatures.PLAIN_POSTGRESQL, () -> {});
    Reading reading =
        new Reading(new BuildingId("b"), new RoomId("r"), Temperature.celsius(20), Instant.EPOCH);

    assertThatThrownBy(() -> store.append(List.of(reading)))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("PostgreSQL could not store readings");
  }

  @Test
  void aStatementTheServerRefusesIsABugNotAnOutage() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      // A search path without the readings table: PostgreSQL answers 42P01, undefined table.
      AtomicInteger discarded = new AtomicInteger();
      ReadingStore store = unpooledStore(database, "currentSchema", "no_such_schema", discarded);

      assertThatThrownBy(() -> store.aggregate(new BuildingId("b"), new RoomId("r"), MOMENT))
          .isInstanceOf(IllegalStateException.class)
          .isNotInstanceOf(StorageUnavailableException.class)
          .hasMessageContaining("SQLSTATE 42P01");
      assertThat(discarded).hasValue(0);
    }
  }

  @Test
  void aStatementThatTimesOutIsUnavailableAndNotRetried() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      database.store();
      AtomicInteger discarded = new AtomicInteger();
      ReadingStore store = unpooledStore(database, "socketTimeout", "1", discarded);

      // Another session holds the table, so the aggregate waits until the driver gives up.
      try (Connection locker = database.connect()) {
        locker.setAutoCommit(false);
        try (Statement sql = locker.createStatement()) {
          sql.execute("LOCK TABLE readings IN ACCESS EXCLUSIVE MODE");
          assertThatThrownBy(() -> store.aggregate(new BuildingId("b"), new RoomId("r"), MOMENT))
              .isInstanceOf(StorageUnavailableException.class)
              .hasRootCauseInstanceOf(SocketTimeoutException.class);
        } finally {
          locker.rollback();
        }
      }
      assertThat(discarded).as("a timeout does not purge the pool for a retry").hasValue(0);
    }
  }

  @Test
  void startUpFailsClearlyWhenTheDatabaseCannotBeReached() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      TimescaleStorageFactory factory = database.factory();
      factory.getDatabase().setUrl("jdbc:postgresql://127.0.0.1:1/temperature");

      assertThatThrownBy(() -> factory.build(database.environment))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot prepare the readings schema")
          .hasMessageContaining("127.0.0.1:1")
          .hasMessageNotContaining(String.valueOf(database.password))
          .hasMessageNotContaining(String.valueOf(database.ownerPassword));
    }
  }

  @Test
  void theServingRoleReadsAndWritesRowsButMayNotChangeTheSchemaOrTheServer() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      database.store();
      try (Connection serving = database.connect();
          Statement sql = serving.createStatement()) {
        ResultSet role =
            sql.executeQuery(
                "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles"
                    + " WHERE rolname = current_user");
        role.next();
        for (int column = 1; column <= 4; column++) {
          assertThat(role.getBoolean(column)).as("column %d of pg_roles", column).isFalse();
        }
        for (String change :
            List.of(
                "CREATE TABLE intruder (i int)",
                "DROP TABLE readings",
                "TRUNCATE readings",
                "ALTER TABLE readings ADD COLUMN intruder int",
                "CREATE INDEX intruder ON readings (temperature)",
                "SELECT count(*) FROM flyway_schema_history",
                "DELETE FROM flyway_schema_history")) {
          assertThatThrownBy(() -> sql.execute(change))
              .as(change)
              .isInstanceOfSatisfying(
                  SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
      }
    }
  }

  @Test
  void aTableTheOwnerCreatesLaterIsTheServingRolesToReadAndWriteWithoutAGrantOfItsOwn()
      throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      database.store();
      String table = "later_" + UUID.randomUUID().toString().substring(0, 8);
      // What a later release's migration does, as the owner: a table of its own, no GRANT.
      try (Connection owner = database.connectAsOwner();
          Statement sql = owner.createStatement()) {
        sql.execute("CREATE TABLE " + table + " (room text PRIMARY KEY, n int NOT NULL)");
      }
      try (Connection serving = database.connect();
          Statement sql = serving.createStatement()) {
        sql.execute("INSERT INTO " + table + " VALUES ('kitchen', 1)");
        sql.execute("UPDATE " + table + " SET n = n + 1");
        ResultSet rows = sql.executeQuery("SELECT n FROM " + table);
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(2);
        sql.execute("DELETE FROM " + table);
        assertThatThrownBy(() -> sql.execute("DROP TABLE " + table))
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      } finally {
        try (Connection owner = database.connectAsOwner();
            Statement sql = owner.createStatement()) {
          sql.execute("DROP TABLE " + table);
        }
      }
    }
  }

  @Test
  void theExtensionTheSetUpInstalledIsUsedWithoutASuperuserOrTheRightToInstallIt()
      throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      String name = "setup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection admin = database.connectAsSuperuser("postgres");
          Statement sql = admin.createStatement()) {
        sql.execute("CREATE DATABASE " + name);
      }
      try {
        // What a set-up does as the superuser: the extension, and for the owner the right to
        // create tables in the schema, but not in the database, so it could not install anything.
        try (Connection admin = database.connectAsSuperuser(name);
            Statement sql = admin.createStatement()) {
          sql.execute("SET client_min_messages = warning");
          sql.execute("CREATE EXTENSION timescaledb");
          sql.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
          sql.execute(
              "GRANT CONNECT ON DATABASE "
                  + name
                  + " TO \""
                  + database.owner
                  + "\", \""
                  + database.user
                  + "\"");
          sql.execute("GRANT USAGE, CREATE ON SCHEMA public TO \"" + database.owner + "\"");
        }
        try (TestDatabase fresh = database.other(name)) {
          BuildingId building = new BuildingId("set-up");
          fresh
              .store()
              .append(List.of(new Reading(building, new RoomId("r"), Temperature.celsius(20), AT)));

          assertThat(fresh.store().aggregate(building, new RoomId("r"), MOMENT).count()).isOne();
          TimescaleFeatures features = fresh.prepareAgain();
          assertThat(features.extension()).isTrue();
          assertThat(features.hypertable()).isTrue();
          try (Connection owner = fresh.connectAsOwner();
              Statement sql = owner.createStatement()) {
            ResultSet rights =
                sql.executeQuery(
                    "SELECT r.rolsuper, has_database_privilege(current_database(), 'CREATE')"
                        + " FROM pg_roles r WHERE r.rolname = current_user");
            rights.next();
            assertThat(rights.getBoolean(1)).as("the owner is a superuser").isFalse();
            assertThat(rights.getBoolean(2)).as("the owner may install extensions").isFalse();
          }
        }
      } finally {
        try (Connection admin = database.connectAsSuperuser("postgres");
            Statement sql = admin.createStatement()) {
          sql.execute("DROP DATABASE " + name + " WITH (FORCE)");
        }
      }
    }
  }

  @Test
  void servingWithoutTheOwnerOnAnEmptyDatabaseFailsStartUpNamingTheSetting() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      String name = "unowned_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection admin = database.connectAsSuperuser("postgres");
          Statement sql = admin.createStatement()) {
        sql.execute("CREATE DATABASE " + name);
      }
      try (TestDatabase fresh = database.other(name)) {
        TimescaleStorageFactory factory = fresh.factory();
        factory.setMigrations(new SchemaOwner());

        assertThatThrownBy(() -> factory.build(fresh.environment))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("as user " + database.user)
            .hasMessageContaining("storage.migrations");
      } finally {
        try (Connection admin = database.connectAsSuperuser("postgres");
            Statement sql = admin.createStatement()) {
          sql.execute("DROP DATABASE " + name + " WITH (FORCE)");
        }
      }
    }
  }

  /** Migration history, tables, indexes and hypertables: everything a re-run could change. */
  private static String schemaFingerprint(TestDatabase database) throws Exception {
    try (Connection connection = database.connectAsOwner();
        Statement sql = connection.createStatement()) {
      ResultSet rows =
          sql.executeQuery(
              """
              SELECT string_agg(item, E'\\n' ORDER BY item) FROM (
                SELECT 'migration ' || version || ' ' || success FROM flyway_schema_history
                UNION ALL
                SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = current_schema()
                UNION ALL
                SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = current_schema()
                UNION ALL
                SELECT 'hypertable ' || hypertable_name FROM timescaledb_information.hypertables
              ) AS schema(item)
              """);
      rows.next();
      return rows.getString(1);
    }
  }

  /**
   * A store on plain connections with one extra driver setting, counting how often it asks for the
   * pool to be discarded.
   */
  private static ReadingStore unpooledStore(
      TestDatabase database, String setting, String value, AtomicInteger discarded) {
    Properties settings = new Properties();
    settings.setProperty("user", database.user);
    settings.setProperty("password", database.password);
    settings.setProperty(setting, value);
    return TestDatabase.storeOn(
        Jdbi.create(database.url, settings),
        TimescaleFeatures.PLAIN_POSTGRESQL,
        discarded::incrementAndGet);
  }
}
