package dev.temperature.application.port.in;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Period;
import dev.temperature.domain.RoomId;
import java.util.Objects;

/** A room and the time to look at: the last so-long, or a fixed window. */
public record PeriodQuery(BuildingId building, RoomId room, Period period) {
  public PeriodQuery {
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(period, "period");
  }
}
