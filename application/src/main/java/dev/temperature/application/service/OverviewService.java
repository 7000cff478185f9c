package dev.temperature.application.service;

import dev.temperature.application.port.in.BuildingOverview;
import dev.temperature.application.port.in.BuildingOverviewUseCase;
import dev.temperature.application.port.in.LatestReadingUseCase;
import dev.temperature.application.port.in.OverviewQuery;
import dev.temperature.application.port.out.ListReadings;
import dev.temperature.application.port.out.RollupReadings;
import dev.temperature.application.port.out.RoomOverviews;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.QueryPlan;
import dev.temperature.domain.Reading;
import dev.temperature.domain.Retention;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What each room is doing now: its newest reading, and a building's rooms at a glance. */
public final class OverviewService implements LatestReadingUseCase, BuildingOverviewUseCase {
  /** Every moment a reading can carry, so that the newest one is found however old or new. */
  private static final Window ALL_TIME = new Window(Window.EARLIEST, Window.LATEST);

  private final ListReadings readings;
  private final RoomOverviews overviews;
  private final RollupReadings rollups;
  private final QueryLimits limits;
  private final Retention retention;
  private final Clock clock;

  /** Readings kept forever. */
  public OverviewService(
      ListReadings readings,
      RoomOverviews overviews,
      RollupReadings rollups,
      QueryLimits limits,
      Clock clock) {
    this(readings, overviews, rollups, limits, Retention.FOREVER, clock);
  }

  public OverviewService(
      ListReadings readings,
      RoomOverviews overviews,
      RollupReadings rollups,
      QueryLimits limits,
      Retention retention,
      Clock clock) {
    this.readings = Objects.requireNonNull(readings);
    this.overviews = Objects.requireNonNull(overviews);
    this.rollups = Objects.requireNonNull(rollups);
    this.limits = Objects.requireNonNull(limits);
    this.retention = Objects.requireNonNull(retention);
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
    Instant now = clock.instant();
    Window window = query.period().requireAtMost(limits.maxPeriod()).resolve(now);
    QueryPlan plan = QueryPlan.of(window, retention.rawFrom(now));
    // A long period shortens the page rather than being refused: a page holds no more room-days
    // than queries.maxOverviewRoomDays, the same whether rollups answer or not, so that the pages
    // of a question are the same whatever the retention and the plan.
    int rooms = limits.overviewRooms(window, query.limit());
    // One more than asked tells whether there is a next page without a second query. A window
    // with whole hours in it reads them from the rollups, in the same one request.
    List<RoomOverview> found =
        plan.isRawOnly()
            ? overviews.overview(query.building(), window, query.after(), rooms + 1)
            : rollups.overviews(query.building(), plan.spans(), query.after(), rooms + 1);
    if (found.size() <= rooms) {
      return new BuildingOverview(
          query.building(), window, found, Optional.empty(), plan.resolution());
    }
    List<RoomOverview> page = found.subList(0, rooms);
    return new BuildingOverview(
        query.building(),
        window,
        page,
        Optional.of(page.get(page.size() - 1).room()),
        plan.resolution());
  }
}
