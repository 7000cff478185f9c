package dev.temperature.application.service;

import dev.temperature.application.port.in.BuildingOverview;
import dev.temperature.application.port.in.BuildingOverviewUseCase;
import dev.temperature.application.port.in.LatestReadingUseCase;
import dev.temperature.application.port.in.OverviewQuery;
import dev.temperature.application.port.out.ListReadings;
import dev.temperature.application.port.out.RoomOverviews;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What each room is doing now: its newest reading, and a building's rooms at a glance. */
public final class OverviewService implements LatestReadingUseCase, BuildingOverviewUseCase {
  /** Every moment a reading can carry, so that the newest one is found however old or new. */
  private static final Window ALL_TIME = new Window(Window.EARLIEST, Window.LATEST);

  private final ListReadings readings;
  private final RoomOverviews overviews;
  private final QueryLimits limits;
  private final Clock clock;

  public OverviewService(
      ListReadings readings, RoomOverviews overviews, QueryLimits limits, Clock clock) {
    this.readings = Objects.requireNonNull(readings);
    this.overviews = Objects.requireNonNull(overviews);
    this.limits = Objects.requireNonNull(limits);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Optional<Reading> latest(BuildingId building, RoomId room) {
    return readings.newestFirst(building, room, ALL_TIME, 1).stream().findFirst();
  }

  @Override
  public BuildingOverview overview(OverviewQuery query) {
    // The edge checks a client's page size against the same limit; past it is a caller's bug.
    if (query.limit() > limits.maxPageSize()) {
      throw new IllegalArgumentException(
          "a page holds at most " + limits.maxPageSize() + " rooms, asked " + query.limit());
    }
    Window window = query.period().requireAtMost(limits.maxPeriod()).resolve(clock.instant());
    // A long period shortens the page rather than being refused: every room's readings over the
    // whole period are read, so a page holds no more room-days than queries.maxOverviewRoomDays.
    int rooms = limits.overviewRooms(window, query.limit());
    // One more than asked tells whether there is a next page without a second query.
    List<RoomOverview> found =
        overviews.overview(query.building(), window, query.after(), rooms + 1);
    if (found.size() <= rooms) {
      return new BuildingOverview(query.building(), window, found, Optional.empty());
    }
    List<RoomOverview> page = found.subList(0, rooms);
    return new BuildingOverview(
        query.building(), window, page, Optional.of(page.get(page.size() - 1).room()));
  }
}
