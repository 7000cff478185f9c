package dev.temperature.application.port.in;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import java.util.List;

/** The buildings and rooms that have readings. */
public interface ListRoomsUseCase {
  /** Every building with at least one reading, in ascending order. */
  List<BuildingId> buildings();

  /** Every room of {@code building} with at least one reading, in ascending order. */
  List<RoomId> rooms(BuildingId building);
}
