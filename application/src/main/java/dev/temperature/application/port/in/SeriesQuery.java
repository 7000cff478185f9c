package dev.temperature.application.port.in;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Period;
import dev.temperature.domain.RoomId;
import java.util.Objects;

/** A room, a period, and the width of the buckets to split it into. */
public record SeriesQuery(BuildingId building, RoomId room, Period period, Interval interval) {
  public SeriesQuery {
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(interval, "interval");
  }
}
