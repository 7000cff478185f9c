package dev.temperature.application.port.out;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;

/** Summarises a room's readings over a window, so that the store can do the work in one query. */
public interface AggregateReadings {
  /**
   * Count, sum, min and max of the temperatures recorded in the room with {@code recordedAt} inside
   * {@code window}, both ends included; {@link Aggregate#EMPTY} when there are none.
   *
   * @throws StorageUnavailableException when the store cannot be reached.
   */
  Aggregate aggregate(BuildingId building, RoomId room, Window window);
}
