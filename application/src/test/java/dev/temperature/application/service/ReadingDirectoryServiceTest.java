package dev.temperature.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.in.ReadingPage;
import dev.temperature.application.port.in.ReadingsQuery;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Lookback;
import dev.temperature.domain.Period;
import dev.temperature.domain.Reading;
import dev.temperature.domain.ReadingPolicy;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadingDirectoryServiceTest {
  private static final Instant NOW = Instant.parse("2024-12-10T17:00:00Z");
  private static final BuildingId BUILDING = new BuildingId("b1");
  private static final RoomId ROOM = new RoomId("r1");

  private final InMemoryReadingStore store = new InMemoryReadingStore();
  private final ReadingDirectoryService service =
      new ReadingDirectoryService(
          store,
          store,
          QueryLimits.DEFAULT,
          ReadingPolicy.DEFAULT,
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void pagesWalkEveryReadingNewestFirstExactlyOnce() {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      readings.add(new Reading(BUILDING, ROOM, Temperature.celsius(i), NOW.minusSeconds(60L * i)));
    }
    store.append(readings);

    List<Instant> seen = new ArrayList<>();
    Optional<Instant> before = Optional.empty();
    int pages = 0;
    do {
      ReadingPage page =
          service.readings(new ReadingsQuery(BUILDING, ROOM, Optional.empty(), before, 3));
      page.readings().forEach(reading -> seen.add(reading.recordedAt()));
      before = page.next();
      pages++;
    } while (before.isPresent());

    assertThat(pages).isEqualTo(3);
    assertThat(seen)
        .hasSize(7)
        .doesNotHaveDuplicates()
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void readingsUpToTheFutureSkewAreListedWithoutAPeriod() {
    store.append(
        List.of(new Reading(BUILDING, ROOM, Temperature.celsius(1), NOW.plusSeconds(120))));

    assertThat(
            service
                .readings(new ReadingsQuery(BUILDING, ROOM, Optional.empty(), Optional.empty(), 10))
                .readings())
        .hasSize(1);
  }

  @Test
  void aPeriodNarrowsThePage() {
    store.append(
        List.of(
            new Reading(BUILDING, ROOM, Temperature.celsius(1), NOW.minusSeconds(7200)),
            new Reading(BUILDING, ROOM, Temperature.celsius(2), NOW.minusSeconds(60))));

    ReadingPage page =
        service.readings(
            new ReadingsQuery(
                BUILDING,
                ROOM,
                Optional.of(Window.between(NOW.minusSeconds(3600), NOW)),
                Optional.empty(),
                10));

    assertThat(page.readings()).extracting(r -> r.temperature().celsius()).containsExactly(2.0);
    assertThat(page.next()).isEmpty();
  }

  @Test
  void everyPageReportsTheWindowItsPeriodCoveredNotTheCursorsPart() {
    store.append(
        List.of(
            new Reading(BUILDING, ROOM, Temperature.celsius(1), NOW.minusSeconds(120)),
            new Reading(BUILDING, ROOM, Temperature.celsius(2), NOW.minusSeconds(60))));
    Optional<Period> lastHour = Optional.of(Lookback.parse("1h"));

    ReadingPage first =
        service.readings(new ReadingsQuery(BUILDING, ROOM, lastHour, Optional.empty(), 1));
    ReadingPage second =
        service.readings(new ReadingsQuery(BUILDING, ROOM, lastHour, first.next(), 1));
    ReadingPage everything =
        service.readings(new ReadingsQuery(BUILDING, ROOM, Optional.empty(), Optional.empty(), 10));

    Window hour = new Window(NOW.minusSeconds(3600), NOW);
    assertThat(first.window()).isEqualTo(hour);
    assertThat(second.window()).isEqualTo(hour);
    assertThat(second.readings()).extracting(r -> r.temperature().celsius()).containsExactly(1.0);
    assertThat(everything.window())
        .isEqualTo(new Window(Window.EARLIEST, NOW.plus(ReadingPolicy.DEFAULT.maxFutureSkew())));
  }

  /** The HTTP edge refuses such a page size with a 400; reaching the service, it is a bug. */
  @Test
  void aLimitOutsideTheAllowedRangeIsRefused() {
    assertThatThrownBy(
            () ->
                service.readings(
                    new ReadingsQuery(BUILDING, ROOM, Optional.empty(), Optional.empty(), 1001)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 1000");
    assertThatThrownBy(
            () -> new ReadingsQuery(BUILDING, ROOM, Optional.empty(), Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPageOfTheLargestSizeIsAllowed() {
    store.append(List.of(new Reading(BUILDING, ROOM, Temperature.celsius(1), NOW)));

    ReadingPage page =
        service.readings(
            new ReadingsQuery(
                BUILDING,
                ROOM,
                Optional.empty(),
                Optional.empty(),
                QueryLimits.DEFAULT.maxPageSize()));

    assertThat(page.readings()).hasSize(1);
  }

  @Test
  void exactlyAPageOfReadingsHasNoNextPage() {
    store.append(
        List.of(
            new Reading(BUILDING, ROOM, Temperature.celsius(1), NOW.minusSeconds(2)),
            new Reading(BUILDING, ROOM, Temperature.celsius(2), NOW.minusSeconds(1))));

    ReadingPage page =
        service.readings(new ReadingsQuery(BUILDING, ROOM, Optional.empty(), Optional.empty(), 2));

    assertThat(page.readings()).hasSize(2);
    assertThat(page.next()).isEmpty();
  }

  @Test
  void aCursorAtOrBeforeTheStartOfTheWindowIsAnEmptyLastPage() {
    Window hour = new Window(NOW.minusSeconds(3600), NOW);
    store.append(List.of(new Reading(BUILDING, ROOM, Temperature.celsius(1), hour.from())));

    ReadingPage atStart =
        service.readings(
            new ReadingsQuery(BUILDING, ROOM, Optional.of(hour), Optional.of(hour.from()), 10));
    ReadingPage justAfter =
        service.readings(
            new ReadingsQuery(
                BUILDING, ROOM, Optional.of(hour), Optional.of(hour.from().plusMillis(1)), 10));
    ReadingPage longBefore =
        service.readings(
            new ReadingsQuery(BUILDING, ROOM, Optional.of(hour), Optional.of(Instant.EPOCH), 10));

    assertThat(atStart.readings()).isEmpty();
    assertThat(atStart.next()).isEmpty();
    assertThat(atStart.window()).isEqualTo(hour);
    assertThat(justAfter.readings()).hasSize(1);
    assertThat(longBefore.readings()).isEmpty();
  }

  @Test
  void aCursorAfterTheEndOfTheWindowListsTheWholeWindow() {
    Window hour = new Window(NOW.minusSeconds(3600), NOW);
    store.append(
        List.of(
            new Reading(BUILDING, ROOM, Temperature.celsius(1), NOW),
            new Reading(BUILDING, ROOM, Temperature.celsius(2), NOW.plusSeconds(10))));

    ReadingPage later =
        service.readings(
            new ReadingsQuery(
                BUILDING, ROOM, Optional.of(hour), Optional.of(NOW.plusSeconds(60)), 10));
    ReadingPage atTheEnd =
        service.readings(
            new ReadingsQuery(BUILDING, ROOM, Optional.of(hour), Optional.of(NOW), 10));

    assertThat(later.readings()).extracting(r -> r.recordedAt()).containsExactly(NOW);
    assertThat(atTheEnd.readings()).isEmpty();
  }

  @Test
  void aClockNearTheEndOfWindowsListsUpToTheirEnd() {
    Instant late = Window.LATEST.minusSeconds(60);
    ReadingDirectoryService nearTheEnd =
        new ReadingDirectoryService(
            store,
            store,
            QueryLimits.DEFAULT,
            ReadingPolicy.DEFAULT,
            Clock.fixed(late, ZoneOffset.UTC));
    store.append(List.of(new Reading(BUILDING, ROOM, Temperature.celsius(1), Window.LATEST)));

    ReadingPage page =
        nearTheEnd.readings(
            new ReadingsQuery(BUILDING, ROOM, Optional.empty(), Optional.empty(), 10));

    assertThat(page.window()).isEqualTo(new Window(Window.EARLIEST, Window.LATEST));
    assertThat(page.readings()).hasSize(1);
  }

  @Test
  void roomsAndBuildingsComeFromTheStore() {
    store.append(List.of(new Reading(BUILDING, ROOM, Temperature.celsius(1), NOW)));

    assertThat(service.buildings()).containsExactly(BUILDING);
    assertThat(service.rooms(BUILDING)).containsExactly(ROOM);
  }
}
