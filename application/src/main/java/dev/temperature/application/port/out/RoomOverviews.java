package dev.temperature.application.port.out;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Window;
import java.util.List;
import java.util.Optional;

/** Every room of a building at a glance, a page at a time, in one request to the database. */
public interface RoomOverviews {
  /**
   * At most {@code limit} rooms of the building that have readings, in ascending code-point order
   * of their ids, only those after {@code after} when it is given: each with its newest reading of
   * all time and the aggregate of its readings inside {@code window} (both ends included; {@link
   * Aggregate#EMPTY} when there are none). Costs one request to the database however many rooms the
   * page holds; one more for the rooms after them when rooms whose stored ids are not valid ids
   * (written by another tool) had to be left out, so that a page is full whenever more rooms
   * follow.
   */
  List<RoomOverview> overview(
      BuildingId building, Window window, Optional<RoomId> after, int limit);
}
