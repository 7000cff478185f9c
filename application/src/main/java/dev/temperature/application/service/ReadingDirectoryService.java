package dev.temperature.application.service;

import dev.temperature.application.port.in.ListReadingsUseCase;
import dev.temperature.application.port.in.ListRoomsUseCase;
import dev.temperature.application.port.in.ReadingPage;
import dev.temperature.application.port.in.ReadingsQuery;
import dev.temperature.application.port.out.KnownRooms;
import dev.temperature.application.port.out.ListReadings;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.ReadingPolicy;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What is stored: the buildings and rooms with readings, and the readings themselves. */
public final class ReadingDirectoryService implements ListReadingsUseCase, ListRoomsUseCase {
  private final ListReadings readings;
  private final KnownRooms rooms;
  private final QueryLimits limits;
  private final ReadingPolicy policy;
  private final Clock clock;

  public ReadingDirectoryService(
      ListReadings readings,
      KnownRooms rooms,
      QueryLimits limits,
      ReadingPolicy policy,
      Clock clock) {
    this.readings = Objects.requireNonNull(readings);
    this.rooms = Objects.requireNonNull(rooms);
    this.limits = Objects.requireNonNull(limits);
    this.policy = Objects.requireNonNull(policy);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public ReadingPage readings(ReadingsQuery query) {
    // The edge checks a client's page size against the same limit; past it is a caller's bug.
    if (query.limit() > limits.maxPageSize()) {
      throw new IllegalArgumentException(
          "a page holds at most " + limits.maxPageSize() + " readings, asked " + query.limit());
    }
    Instant now = clock.instant();
    // Without a period: everything a reading can carry, up to the latest accepted future time.
    Window window =
        query
            .period()
            .map(period -> period.requireAtMost(limits.maxPeriod()).resolve(now))
            // A clock or skew set beyond every window's end is moved to it (Window.between).
            .orElseGet(() -> Window.between(Reading.EARLIEST, now.plus(policy.maxFutureSkew())));
    Window covered = window;
    if (query.before().isPresent()) {
      Instant before = query.before().get();
      if (!before.isAfter(window.from())) {
        return new ReadingPage(List.of(), Optional.empty(), covered);
      }
      window = new Window(window.from(), min(window.to(), before.minusMillis(1)));
    }
    // One more than asked tells whether there is a next page without a second query.
    List<Reading> found =
        readings.newestFirst(query.building(), query.room(), window, query.limit() + 1);
    if (found.size() <= query.limit()) {
      return new ReadingPage(found, Optional.empty(), covered);
    }
    List<Reading> page = found.subList(0, query.limit());
    return new ReadingPage(page, Optional.of(page.get(page.size() - 1).recordedAt()), covered);
  }

  @Override
  public List<BuildingId> buildings() {
    return rooms.buildings();
  }

  @Override
  public List<RoomId> rooms(BuildingId building) {
    return rooms.rooms(building);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
