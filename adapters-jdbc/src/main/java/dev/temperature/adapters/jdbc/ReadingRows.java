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
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The rows of {@link ReadingSql}'s queries as domain values; instants as the dialect reads them.
 */
final class ReadingRows {
  private final SqlDialect dialect;
  private final ForeignIds foreign = new ForeignIds();

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

  /** A building id of a listing: column id; empty when another tool stored one we refuse. */
  Optional<BuildingId> building(ResultSet rows) throws SQLException {
    return foreign.parse("building", rows.getString("id"), BuildingId::new);
  }

  /** A room id of a listing: column id; empty when another tool stored one we refuse. */
  Optional<RoomId> room(ResultSet rows) throws SQLException {
    return foreign.parse("room", rows.getString("id"), RoomId::new);
  }

  /**
   * A room of the overview as stored: its id, and the room with its newest reading (latest_*) and
   * the window's aggregate, or empty when the id is not one this API accepts.
   */
  record OverviewRow(String id, Optional<RoomOverview> room) {}

  OverviewRow overview(ResultSet rows, BuildingId building) throws SQLException {
    String id = rows.getString("room_id");
    double latest = rows.getDouble("latest_temperature");
    Instant latestAt = dialect.instant(rows, "latest_at");
    Aggregate recent = aggregate(rows);
    return new OverviewRow(
        id,
        foreign
            .parse("room", id, RoomId::new)
            .map(
                room ->
                    new RoomOverview(
                        new Reading(building, room, Temperature.celsius(latest), latestAt),
                        recent)));
  }
}
