package dev.temperature.application.port.out;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.QueryPlan;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Span;
import java.util.List;
import java.util.Optional;

/**
 * Reads a room's readings at the resolution each span asks for: the readings themselves, or the
 * hourly and daily rollups the store keeps beside them. The application decides which span comes
 * from where ({@link QueryPlan}); the store answers all of them in one request.
 *
 * <p>A store keeps its rollups equal to its readings on every write, late and corrected readings
 * included: the hourly rollup of a room and UTC hour is the count, sum, lowest and highest value of
 * exactly the readings of that hour, the daily one of that UTC day. Rollups outlive the readings
 * (retention), so an hourly span is answered from the rollups even where the readings are gone.
 */
public interface RollupReadings {
  /**
   * The aggregate of each span, in the order given: {@link Aggregate#EMPTY} for a span without
   * readings. One request to the database however many spans; no request for none.
   */
  List<Aggregate> aggregates(BuildingId building, RoomId room, List<Span> spans);

  /**
   * As {@link RoomOverviews#overview}, with each room's aggregate made of {@code spans} instead of
   * a window's readings: at most {@code limit} rooms of the building after {@code after}, in
   * ascending code-point order, each with its newest reading of all time. One request to the
   * database per page; with no span every aggregate is {@link Aggregate#EMPTY}.
   */
  List<RoomOverview> overviews(
      BuildingId building, List<Span> spans, Optional<RoomId> after, int limit);
}
