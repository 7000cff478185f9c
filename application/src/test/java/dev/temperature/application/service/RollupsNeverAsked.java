package dev.temperature.application.service;

import dev.temperature.application.port.out.RollupReadings;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Span;
import java.util.List;
import java.util.Optional;

/** A rollups port for questions that must be answered by the plain queries: asked, it fails. */
final class RollupsNeverAsked implements RollupReadings {
  @Override
  public List<Aggregate> aggregates(BuildingId building, RoomId room, List<Span> spans) {
    throw new AssertionError("rollups asked for " + spans);
  }

  @Override
  public List<RoomOverview> overviews(
      BuildingId building, List<Span> spans, Optional<RoomId> after, int limit) {
    throw new AssertionError("rollups asked for " + spans);
  }
}
