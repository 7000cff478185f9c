package dev.temperature.application.port.out;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import java.util.List;

/** Which buildings and rooms have readings. */
public interface KnownRooms {
  /** Every building with at least one reading, ascending, each once. */
  List<BuildingId> buildings();

  /** Every room of the building with at least one reading, ascending, each once. */
  List<RoomId> rooms(BuildingId building);
}
