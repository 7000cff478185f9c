package dev.temperature.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.in.BuildingOverview;
import dev.temperature.application.port.in.OverviewQuery;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.application.port.out.RollupReadings;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Lookback;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OverviewServiceTest {
  private static final Instant NOW = Instant.parse("2024-12-10T17:00:00Z");
  private static final BuildingId BUILDING = new BuildingId("b1");

  private final InMemoryReadingStore store = new InMemoryReadingStore();
  private final OverviewService service =
      new OverviewService(
          store, store, store, QueryLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

  private static Reading reading(String room, double celsius, Instant at) {
    return new Reading(BUILDING, new RoomId(room), Temperature.celsius(celsius), at);
  }

  @Test
  void theLatestReadingIsTheNewestHoweverOld() {
    store.append(
        List.of(
            reading("r", 18.0, Reading.EARLIEST),
            reading("r", 19.0, NOW.minus(Duration.ofDays(400))),
            reading("other", 25.0, NOW)));

    assertThat(service.latest(BUILDING, new RoomId("r")))
        .contains(reading("r", 19.0, NOW.minus(Duration.ofDays(400))));
    assertThat(service.latest(BUILDING, new RoomId("nowhere"))).isEmpty();
  }

  @Test
  void theDefaultPeriodIsTheLastFifteenMinutes() {
    store.append(
        List.of(
            reading("r", 10.0, NOW.minusSeconds(15 * 60 + 1)),
            reading("r", 20.0, NOW.minusSeconds(15 * 60)),
            reading("r", 22.0, NOW)));

    BuildingOverview overview =
        service.overview(
            new OverviewQuery(BUILDING, OverviewQuery.DEFAULT_PERIOD, Optional.empty(), 10));

    assertThat(overview.window()).isEqualTo(new Window(NOW.minusSeconds(15 * 60), NOW));
    assertThat(overview.rooms())
        .containsExactly(
            new RoomOverview(reading("r", 22.0, NOW), new Aggregate(2, 42.0, 20.0, 22.0)));
    assertThat(overview.next()).isEmpty();
  }

  @Test
  void pagesWalkEveryRoomOnceAndTheLastHasNoNext() {
    List<Reading> readings = new ArrayList<>();
    for (int room = 0; room < 7; room++) {
      readings.add(reading("room-" + room, room, NOW));
    }
    store.append(readings);

    List<String> seen = new ArrayList<>();
    Optional<RoomId> after = Optional.empty();
    int pages = 0;
    do {
      BuildingOverview page =
          service.overview(new OverviewQuery(BUILDING, Lookback.parse("1h"), after, 3));
      page.rooms().forEach(room -> seen.add(room.room().value()));
      after = page.next();
      pages++;
    } while (after.isPresent());

    assertThat(pages).isEqualTo(3);
    assertThat(seen)
        .containsExactly("room-0", "room-1", "room-2", "room-3", "room-4", "room-5", "room-6");
  }

  @Test
  void aPeriodWithoutAWholeHourIsAnsweredByThePlainOverviewWithoutRollups() {
    RollupReadings unused = new RollupsNeverAsked();
    OverviewService plain =
        new OverviewService(
            store, store, unused, QueryLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    store.append(List.of(reading("a", 21, NOW.minusSeconds(60))));

    BuildingOverview overview =
        plain.overview(new OverviewQuery(BUILDING, Lookback.parse("15m"), Optional.empty(), 10));

    assertThat(overview.rooms())
        .singleElement()
        .satisfies(room -> assertThat(room.recent().count()).isEqualTo(1));
  }

  @Test
  void aShortPeriodReadFromTheReadingsAlonePagesToo() {
    store.append(List.of(reading("a", 1, NOW), reading("b", 2, NOW), reading("c", 3, NOW)));

    BuildingOverview first =
        service.overview(new OverviewQuery(BUILDING, Lookback.parse("15m"), Optional.empty(), 2));
    BuildingOverview second =
        service.overview(new OverviewQuery(BUILDING, Lookback.parse("15m"), first.next(), 2));

    assertThat(first.resolution()).isEqualTo(dev.temperature.domain.Resolution.RAW);
    assertThat(first.rooms()).extracting(room -> room.room().value()).containsExactly("a", "b");
    assertThat(first.next()).contains(new RoomId("b"));
    assertThat(second.rooms()).extracting(room -> room.room().value()).containsExactly("c");
    assertThat(second.next()).isEmpty();
  }

  @Test
  void aFullLastPageHasNoNext() {
    store.append(List.of(reading("a", 1, NOW), reading("b", 2, NOW)));

    BuildingOverview page =
        service.overview(new OverviewQuery(BUILDING, Lookback.parse("1h"), Optional.empty(), 2));

    assertThat(page.rooms()).hasSize(2);
    assertThat(page.next()).isEmpty();
  }

  @Test
  void aPeriodLongerThanTheLimitIsRefused() {
    assertThatThrownBy(
            () ->
                service.overview(
                    new OverviewQuery(BUILDING, Lookback.parse("400d"), Optional.empty(), 10)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("longer than the maximum");
  }

  @Test
  void aLongPeriodShortensThePageToTheMostRoomDaysAndTheRestFollows() {
    OverviewService capped =
        new OverviewService(
            store,
            store,
            store,
            new QueryLimits(Duration.ofDays(366), 2000, 1000, 70),
            Clock.fixed(NOW, ZoneOffset.UTC));
    for (String room :
        List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11")) {
      store.append(List.of(reading(room, 20.0, NOW)));
    }

    // 70 room-days hold exactly ten rooms over seven days: ten of the eleven asked.
    BuildingOverview first =
        capped.overview(new OverviewQuery(BUILDING, Lookback.parse("7d"), Optional.empty(), 11));
    assertThat(first.rooms()).hasSize(10);
    assertThat(first.next()).contains(first.rooms().get(9).room());
    BuildingOverview second =
        capped.overview(new OverviewQuery(BUILDING, first.window(), first.next(), 11));
    assertThat(second.rooms()).hasSize(1);
    assertThat(second.next()).isEmpty();
  }

  @Test
  void aPeriodLongerThanTheMostRoomDaysStillAnswersOneRoomAPage() {
    OverviewService capped =
        new OverviewService(
            store,
            store,
            store,
            new QueryLimits(Duration.ofDays(366), 2000, 1000, 1),
            Clock.fixed(NOW, ZoneOffset.UTC));
    store.append(List.of(reading("a", 20.0, NOW), reading("b", 21.0, NOW)));
    Window twelveHours = new Window(NOW.minus(Duration.ofHours(12)), NOW);
    Window twoDays = new Window(NOW.minus(Duration.ofDays(2)), NOW);

    // Half a day: two rooms fit in one room-day.
    assertThat(
            capped.overview(new OverviewQuery(BUILDING, twelveHours, Optional.empty(), 3)).rooms())
        .hasSize(2);
    BuildingOverview page =
        capped.overview(new OverviewQuery(BUILDING, twoDays, Optional.empty(), 3));
    assertThat(page.rooms()).extracting(RoomOverview::room).containsExactly(new RoomId("a"));
    assertThat(page.next()).contains(new RoomId("a"));
  }

  @Test
  void theDefaultsLetTheDashboardsPagesThroughWhole() {
    // The dashboard asks 100 rooms over 15 minutes, the largest page a day at most.
    for (String room : List.of("r1", "r2", "r3")) {
      store.append(List.of(reading(room, 20.0, NOW)));
    }
    assertThat(QueryLimits.DEFAULT.overviewRooms(new Window(NOW.minusSeconds(900), NOW), 100))
        .isEqualTo(100);
    assertThat(
            QueryLimits.DEFAULT.overviewRooms(new Window(NOW.minus(Duration.ofDays(1)), NOW), 1000))
        .isEqualTo(1000);
    assertThat(
            QueryLimits.DEFAULT.overviewRooms(
                new Window(NOW.minus(Duration.ofDays(366)), NOW), 1000))
        .isEqualTo(2);
    assertThat(
            service
                .overview(
                    new OverviewQuery(BUILDING, Lookback.parse("366d"), Optional.empty(), 1000))
                .rooms())
        .hasSize(2);
  }

  @Test
  void limitsMustBeAtLeastOne() {
    assertThatThrownBy(() -> new QueryLimits(Duration.ofDays(1), 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new QueryLimits(Duration.ofDays(1), 1, 1).maxOverviewRoomDays())
        .isEqualTo(QueryLimits.DEFAULT_OVERVIEW_ROOM_DAYS);
  }

  @Test
  void aPageOfTheLargestSizeIsAllowed() {
    OverviewService small =
        new OverviewService(
            store,
            store,
            store,
            new QueryLimits(QueryLimits.DEFAULT.maxPeriod(), 10, 2),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(
            small
                .overview(new OverviewQuery(BUILDING, Lookback.parse("1h"), Optional.empty(), 2))
                .rooms())
        .isEmpty();
    assertThatThrownBy(
            () ->
                small.overview(
                    new OverviewQuery(BUILDING, Lookback.parse("1h"), Optional.empty(), 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 2 rooms");
  }

  @Test
  void aPageLargerThanTheLimitIsACallersBug() {
    assertThatThrownBy(
            () ->
                service.overview(
                    new OverviewQuery(BUILDING, Lookback.parse("1h"), Optional.empty(), 1001)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLongPeriodIsReadFromTheRollupsAndAPeriodPastTheRetentionSaysSo() {
    List<Reading> readings = new ArrayList<>();
    for (int hour = 1; hour <= 60 * 24; hour++) {
      readings.add(reading("a", 20.0, NOW.minus(Duration.ofHours(hour)).plusSeconds(60)));
    }
    store.append(readings);
    store.appendReadingsOnly(List.of(reading("a", 99.0, NOW.minus(Duration.ofDays(10)))));
    OverviewService kept =
        new OverviewService(
            store,
            store,
            store,
            QueryLimits.DEFAULT,
            new dev.temperature.domain.Retention(
                Optional.of(Duration.ofDays(30)), Optional.empty()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    BuildingOverview recent =
        service.overview(new OverviewQuery(BUILDING, Lookback.parse("20d"), Optional.empty(), 10));
    BuildingOverview long_ =
        kept.overview(new OverviewQuery(BUILDING, Lookback.parse("50d"), Optional.empty(), 10));

    assertThat(recent.rooms().get(0).recent().count())
        .as("the reading behind the store's back is in no rollup")
        .isEqualTo(20 * 24);
    assertThat(recent.resolution()).isEqualTo(dev.temperature.domain.Resolution.RAW);
    assertThat(long_.resolution()).isEqualTo(dev.temperature.domain.Resolution.HOUR);
    assertThat(long_.rooms().get(0).recent().count()).isEqualTo(50 * 24);
  }
}
