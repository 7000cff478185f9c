package dev.temperature.application.port.in;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Resolution;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Window;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a building's rooms, in ascending order of id, each with its newest reading and the
 * aggregate of {@code window}. {@code next} is the last room of this page when there are more: pass
 * it back as {@code after} for the next page. {@code resolution} says how fine the aggregates are.
 */
public record BuildingOverview(
    BuildingId building,
    Window window,
    List<RoomOverview> rooms,
    Optional<RoomId> next,
    Resolution resolution) {
  public BuildingOverview {
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(window, "window");
    rooms = List.copyOf(rooms);
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(resolution, "resolution");
  }
}
