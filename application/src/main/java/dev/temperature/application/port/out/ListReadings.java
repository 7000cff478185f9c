package dev.temperature.application.port.out;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;
import java.util.List;

/** Reads a room's readings back. */
public interface ListReadings {
  /**
   * At most {@code limit} readings of the room inside {@code window} (both ends included), newest
   * first.
   */
  List<Reading> newestFirst(BuildingId building, RoomId room, Window window, int limit);
}
