package dev.temperature.application.port.in;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Period;
import dev.temperature.domain.RoomId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a room's readings, newest first: within {@code period} (all of them when empty), older
 * than {@code before} (the cursor of the previous page), at most {@code limit}.
 */
public record ReadingsQuery(
    BuildingId building,
    RoomId room,
    Optional<Period> period,
    Optional<Instant> before,
    int limit) {
  public ReadingsQuery {
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(before, "before");
    if (limit < 1) {
      throw new IllegalArgumentException("a page holds at least one reading, asked " + limit);
    }
  }
}
