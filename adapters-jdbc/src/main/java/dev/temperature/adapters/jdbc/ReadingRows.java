package dev.temperature.adapters.jdbc;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The rows of {@link ReadingSql}'s queries as domain values; instants as the dialect reads them.
 */
final class ReadingRows {
  private final SqlDialect dialect;

  ReadingRows(SqlDialect dialect) {
    this.dialect = Objects.requireNonNull(dialect);
  }

  /** The columns n, total, lowest and highest; SQL's NULL min and max of no rows read as 0. */
  static Aggregate aggregate(ResultSet rows) throws SQLException {
    return Aggregate.of(
        rows.getLong("n"),
        rows.getDouble("total"),
        rows.getDouble("lowest"),
        rows.getDouble("highest"));
  }

  /** A bucket's aggregate and its start, column bucket_start. */
  TimeBucket bucket(ResultSet rows) throws SQLException {
    return new TimeBucket(dialect.instant(rows, "bucket_start"), aggregate(rows));
  }

  /** A reading of the room asked about: columns temperature and recorded_at. */
  Reading reading(ResultSet rows, BuildingId building, RoomId room) throws SQLException {
    return new Reading(
        building,
        room,
        Temperature.celsius(rows.getDouble("temperature")),
        dialect.instant(rows, "recorded_at"));
  }

  /** A room of the overview: room_id, its newest reading (latest_*) and the window's aggregate. */
  RoomOverview overview(ResultSet rows, BuildingId building) throws SQLException {
    Reading latest =
        new Reading(
            building,
            new RoomId(rows.getString("room_id")),
            Temperature.celsius(rows.getDouble("latest_temperature")),
            dialect.instant(rows, "latest_at"));
    return new RoomOverview(latest, aggregate(rows));
  }
}
