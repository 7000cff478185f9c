package dev.temperature.adapters.sqlite;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, tracked in SQLite's own {@code PRAGMA user_version}. Migration n
 * takes the file from version n to n+1; each runs in its own transaction, so a crash leaves the
 * file at a whole version and the next start carries on.
 */
final class SqliteSchema {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteSchema.class);

  private static final List<String> MIGRATIONS =
      List.of(
          """
          CREATE TABLE readings (
            building_id TEXT NOT NULL,
            room_id     TEXT NOT NULL,
            recorded_at INTEGER NOT NULL, -- milliseconds since 1970-01-01T00:00:00Z
            temperature REAL NOT NULL,    -- degrees Celsius
            PRIMARY KEY (building_id, room_id, recorded_at)
          ) WITHOUT ROWID
          """,
          // 2: hourly and daily rollups (count, sum, lowest, highest per room and UTC hour or day),
          // filled from the readings already stored.
          """
          CREATE TABLE rollups_hourly (
            building_id TEXT NOT NULL,
            room_id     TEXT NOT NULL,
            hour_start  INTEGER NOT NULL, -- milliseconds since the epoch, a whole UTC hour
            n           INTEGER NOT NULL,
            total       REAL NOT NULL,
            lowest      REAL NOT NULL,
            highest     REAL NOT NULL,
            PRIMARY KEY (building_id, room_id, hour_start)
          ) WITHOUT ROWID;
          CREATE TABLE rollups_daily (
            building_id TEXT NOT NULL,
            room_id     TEXT NOT NULL,
            day_start   INTEGER NOT NULL, -- milliseconds since the epoch, a UTC midnight
            n           INTEGER NOT NULL,
            total       REAL NOT NULL,
            lowest      REAL NOT NULL,
            highest     REAL NOT NULL,
            PRIMARY KEY (building_id, room_id, day_start)
          ) WITHOUT ROWID;
          INSERT INTO rollups_hourly
          SELECT building_id, room_id,
                 recorded_at - ((recorded_at % 3600000) + 3600000) % 3600000,
                 count(*), total(temperature), min(temperature), max(temperature)
          FROM readings GROUP BY 1, 2, 3;
          INSERT INTO rollups_daily
          SELECT building_id, room_id, hour_start - ((hour_start % 86400000) + 86400000) % 86400000,
                 sum(n), total(total), min(lowest), max(highest)
          FROM rollups_hourly GROUP BY 1, 2, 3;
          """);

  static final int CURRENT_VERSION = MIGRATIONS.size();

  private SqliteSchema() {}

  static void migrate(Jdbi jdbi) {
    int version = version(jdbi);
    if (version > CURRENT_VERSION) {
      throw new IllegalStateException(
          "the SQLite file has schema version "
              + version
              + ", newer than this release understands ("
              + CURRENT_VERSION
              + "); use a newer release or another file");
    }
    for (int next = version; next < CURRENT_VERSION; next++) {
      int target = next + 1;
      String migration = MIGRATIONS.get(next);
      jdbi.useTransaction(
          handle -> {
            handle.createScript(migration).execute();
            // PRAGMA takes no bind parameters; target is an int from this class, not user input.
            handle.execute("PRAGMA user_version = " + target);
          });
      LOG.info("SQLite schema migrated to version {}", target);
    }
  }

  static int version(Jdbi jdbi) {
    return jdbi.withHandle(
        handle -> handle.createQuery("PRAGMA user_version").mapTo(Integer.class).one());
  }
}
