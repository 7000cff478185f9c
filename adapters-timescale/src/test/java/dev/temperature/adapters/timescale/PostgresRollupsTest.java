package dev.temperature.adapters.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Span;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL shows of the rollups: the migration that gives an existing table its
 * rollups, and expiry by TimescaleDB's chunks, also from two replicas at once. Each test works in a
 * schema of its own, made by the schema's owner, so that its expiry removes nothing of the other
 * tests. The stores run as production's roles: serving as a role that may only read and write rows,
 * with the owner named for the migrations and for drop_chunks.
 */
@RequiresService(Service.POSTGRES)
class PostgresRollupsTest {
  private static final BuildingId BUILDING = new BuildingId("b");
  private static final RoomId ROOM = new RoomId("r");
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /** A fresh schema on the database named by {@code variable}, and its JDBC URL. */
  private static String schema(TestDatabase database) throws Exception {
    String schema = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = database.connectAsOwner();
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE SCHEMA " + schema);
    }
    return database.url + "?currentSchema=" + schema + ",public";
  }

  private static List<Reading> hourly(int hours) {
    List<Reading> readings = new ArrayList<>();
    for (int hour = 0; hour < hours; hour++) {
      readings.add(
          new Reading(
              BUILDING,
              ROOM,
              Temperature.celsius(15 + hour % 10),
              START.plus(Duration.ofHours(hour)).plusSeconds(90)));
    }
    return readings;
  }

  /** As the serving role. */
  private static long count(TestDatabase database, String url, String sql) throws Exception {
    return count(url, database.user, database.password, sql);
  }

  private static long count(String url, String user, String password, String sql) throws Exception {
    try (Connection connection = java.sql.DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void aTableFromBeforeTheRollupsGetsThemFromItsReadings() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      String url = schema(database);
      // The migrations are the owner's business, as in production.
      Flyway.configure()
          .dataSource(url, database.owner, database.ownerPassword)
          .locations(TimescaleSchema.MIGRATIONS)
          .target("1")
          .load()
          .migrate();
      Jdbi jdbi = Jdbi.create(url, database.owner, database.ownerPassword);
      ReadingStore before =
          TestDatabase.storeOn(jdbi, TimescaleFeatures.PLAIN_POSTGRESQL, () -> {});
      // Version 1 has no rollup tables: write as a release before them did.
      jdbi.useHandle(
          handle -> {
            for (Reading reading : hourly(50)) {
              handle.execute(
                  "INSERT INTO readings VALUES (?, ?, ?, ?)",
                  reading.building().value(),
                  reading.room().value(),
                  reading.recordedAt().atOffset(java.time.ZoneOffset.UTC),
                  reading.temperature().celsius());
            }
          });

      var dataSource = new org.postgresql.ds.PGSimpleDataSource();
      dataSource.setUrl(url);
      dataSource.setUser(database.owner);
      dataSource.setPassword(database.ownerPassword);
      TimescaleFeatures features = TimescaleSchema.prepare(dataSource, jdbi, Duration.ofDays(7));
      ReadingStore store = TestDatabase.storeOn(jdbi, features, () -> {});

      String owner = database.owner;
      String password = database.ownerPassword;
      assertThat(count(url, owner, password, "SELECT count(*) FROM rollups_hourly")).isEqualTo(50);
      assertThat(count(url, owner, password, "SELECT count(*) FROM rollups_daily")).isEqualTo(3);
      assertThat(
              store
                  .aggregates(
                      BUILDING, ROOM, List.of(Span.days(START, START.plus(Duration.ofDays(2)))))
                  .get(0))
          .isEqualTo(
              before.aggregate(
                  BUILDING,
                  ROOM,
                  new Window(START, START.plus(Duration.ofDays(2)).minusMillis(1))));
    }
  }

  @Test
  void expiryDropsWholeChunksRemovesTheRestAndKeepsTheRollups() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      String url = schema(database);
      TimescaleStorageFactory factory = database.factory();
      factory.getDatabase().setUrl(url);
      try (TestDatabase.Opened opened = database.open(factory)) {
        ReadingStore store = opened.store();
        store.append(hourly(40 * 24));
        long chunks = count(database, url, "SELECT count(*) FROM show_chunks('readings')");
        Instant cutoff = START.plus(Duration.ofDays(20)).plusSeconds(1800);
        Aggregate rollups =
            store
                .aggregates(
                    BUILDING, ROOM, List.of(Span.days(START, START.plus(Duration.ofDays(40)))))
                .get(0);

        // Only the table's owner may drop its chunks: the serving role may not.
        assertThatThrownBy(
                () ->
                    count(
                        database,
                        url,
                        "SELECT count(*) FROM drop_chunks('readings', older_than =>"
                            + " TIMESTAMPTZ '2024-01-10T00:00:00Z')"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("must be owner");

        store.expireReadings(cutoff);

        assertThat(count(database, url, "SELECT count(*) FROM show_chunks('readings')"))
            .as("whole chunks before the cutoff are dropped, as the schema's owner")
            .isLessThan(chunks);
        assertThat(store.aggregate(BUILDING, ROOM, new Window(START, cutoff.minusMillis(1))))
            .isEqualTo(Aggregate.EMPTY);
        assertThat(
                store
                    .aggregate(BUILDING, ROOM, new Window(cutoff, START.plus(Duration.ofDays(40))))
                    .count())
            .isEqualTo(20 * 24 - 1);
        assertThat(
                store
                    .aggregates(
                        BUILDING, ROOM, List.of(Span.days(START, START.plus(Duration.ofDays(40)))))
                    .get(0))
            .isEqualTo(rollups);
      }
    }
  }

  @Test
  void twoReplicasExpiringAtOnceEndWithTheSameStore() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      String url = schema(database);
      TimescaleStorageFactory first = database.factory();
      first.getDatabase().setUrl(url);
      TimescaleStorageFactory second = database.factory();
      second.getDatabase().setUrl(url);
      try (TestDatabase.Opened one = database.open(first);
          TestDatabase.Opened two = database.open(second)) {
        one.store().append(hourly(30 * 24));
        Instant cutoff = START.plus(Duration.ofDays(15));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          List<Callable<Void>> replicas = new ArrayList<>();
          for (ReadingStore store : List.of(one.store(), two.store())) {
            replicas.add(
                () -> {
                  store.expireReadings(cutoff);
                  store.expireRollups(START.plus(Duration.ofDays(2)));
                  return null;
                });
          }
          for (Future<Void> done : pool.invokeAll(replicas, 2, TimeUnit.MINUTES)) {
            done.get();
          }
        } finally {
          pool.shutdownNow();
        }

        assertThat(count(database, url, "SELECT count(*) FROM readings")).isEqualTo(15 * 24);
        assertThat(count(database, url, "SELECT count(*) FROM rollups_hourly")).isEqualTo(28 * 24);
        assertThat(count(database, url, "SELECT count(*) FROM rollups_daily")).isEqualTo(28);
      }
    }
  }

  @Test
  void aServingRoleWithoutTheOwnersConnectionsDeletesTheRowsAndKeepsTheRollups() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      String url = schema(database);
      TimescaleStorageFactory factory = database.factory();
      factory.getDatabase().setUrl(url);
      try (TestDatabase.Opened opened = database.open(factory)) {
        opened.store().append(hourly(40 * 24));
      }
      long chunks = count(database, url, "SELECT count(*) FROM show_chunks('readings')");
      // Composed without storage.migrations: the serving role alone.
      ReadingStore serving =
          TestDatabase.storeOn(
              Jdbi.create(url, database.user, database.password),
              new TimescaleFeatures(java.util.Optional.of("2"), java.util.Optional.empty(), true),
              () -> {});
      Instant cutoff = START.plus(Duration.ofDays(20));

      serving.expireReadings(cutoff);

      assertThat(count(database, url, "SELECT count(*) FROM show_chunks('readings')"))
          .isEqualTo(chunks);
      assertThat(count(database, url, "SELECT count(*) FROM readings")).isEqualTo(20 * 24);
      assertThat(count(database, url, "SELECT count(*) FROM rollups_hourly")).isEqualTo(40 * 24);
    }
  }
}
