package dev.temperature.application.port.in;

import dev.temperature.domain.Bucketing;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Period;
import dev.temperature.domain.RoomId;
import java.util.Objects;

/**
 * A room, a period, and the buckets to split it into: fixed lengths or calendar units of a zone.
 */
public record SeriesQuery(BuildingId building, RoomId room, Period period, Bucketing interval) {
  public SeriesQuery {
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(interval, "interval");
  }
}
