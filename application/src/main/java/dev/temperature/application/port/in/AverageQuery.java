package dev.temperature.application.port.in;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Lookback;
import dev.temperature.domain.RoomId;
import java.util.Objects;

/** The room to average and how far back from now to look. */
public record AverageQuery(BuildingId building, RoomId room, Lookback lookback) {
  public AverageQuery {
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(lookback, "lookback");
  }
}
