package dev.temperature.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.temperature.application.port.in.PeriodQuery;
import dev.temperature.application.port.in.SeriesQuery;
import dev.temperature.application.service.QueryLimits;
import dev.temperature.application.service.RetentionService;
import dev.temperature.application.service.TemperatureQueryService;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.Bucketing;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.QueryPlan;
import dev.temperature.domain.Reading;
import dev.temperature.domain.Resolution;
import dev.temperature.domain.Retention;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Series;
import dev.temperature.domain.Span;
import dev.temperature.domain.Statistics;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import dev.temperature.domain.Zone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store promises about its hourly and daily rollups: they hold exactly what their
 * readings say, through late readings, corrections, retries and concurrent writers, they outlive
 * expired readings, and a rebuild puts right what was written behind the store's back. Answers
 * planned over rollups ({@link QueryPlan}) are then the answers of the readings themselves, in
 * every time zone's calendar. Part of {@link ReadingStoreContract}, which every store passes.
 *
 * <p>"The same answer" means: the same count, lowest and highest value, and the same mean as the
 * API rounds it; the sum may differ in its last bits, as sums in another order do.
 */
public abstract class RollupContract {
  /** Three days before Europe/Zurich's spring change (2024-03-31) and some days after. */
  private static final Instant MARCH = Instant.parse("2024-03-28T00:00:00Z");

  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  private static final Instant FOREVER = Window.EARLIEST;

  private String run;

  /** The store under test, as in {@link ReadingStoreContract#store()}. */
  protected abstract ReadingStore store();

  /**
   * Stores readings straight into the database without the rollups a write through the store keeps,
   * as an import behind the store's back would.
   */
  protected abstract void appendReadingsOnly(List<Reading> readings);

  /** As in {@link ReadingStoreContract#counted()}. */
  protected abstract ReadingStoreContract.Counted counted();

  @BeforeEach
  void newRollupRun() {
    run = "u" + UUID.randomUUID().toString().substring(0, 8);
  }

  private BuildingId building(String name) {
    return new BuildingId(run + "-" + name);
  }

  private static final RoomId ROOM = new RoomId("r");

  /** A reading every {@code step} in {@code [from, to)}, values that do not repeat for a while. */
  private static List<Reading> every(BuildingId building, Duration step, Instant from, Instant to) {
    List<Reading> readings = new ArrayList<>();
    int i = 0;
    for (Instant at = from; at.isBefore(to); at = at.plus(step), i++) {
      readings.add(reading(building, 15 + (i * 7 % 200) / 10.0 + (i % 3) * 0.001, at));
    }
    return readings;
  }

  private static Reading reading(BuildingId building, double celsius, Instant at) {
    return new Reading(building, ROOM, Temperature.celsius(celsius), at);
  }

  private void append(List<Reading> readings) {
    // In slices, as requests would bring them, so that rollups grow over several writes.
    for (int i = 0; i < readings.size(); i += 97) {
      store().append(readings.subList(i, Math.min(readings.size(), i + 97)));
    }
  }

  /** The window's answer from the readings alone. */
  private Aggregate raw(BuildingId building, Instant from, Instant to) {
    return store().aggregate(building, ROOM, new Window(from, to.minusMillis(1)));
  }

  private Aggregate planned(BuildingId building, Window window) {
    return sum(store().aggregates(building, ROOM, QueryPlan.of(window, FOREVER).spans()));
  }

  private static Aggregate sum(List<Aggregate> parts) {
    Aggregate total = Aggregate.EMPTY;
    for (Aggregate part : parts) {
      total = total.plus(part);
    }
    return total;
  }

  private static void assertSameAnswer(Aggregate actual, Aggregate expected) {
    assertThat(actual.count()).as("count").isEqualTo(expected.count());
    if (expected.isEmpty()) {
      assertThat(actual).isEqualTo(Aggregate.EMPTY);
      return;
    }
    assertThat(actual.min()).as("min").isEqualTo(expected.min());
    assertThat(actual.max()).as("max").isEqualTo(expected.max());
    assertThat(actual.mean()).as("mean").isEqualTo(expected.mean());
    assertThat(actual.sum())
        .as("sum")
        .isCloseTo(expected.sum(), within(1e-9 * Math.max(1, Math.abs(expected.sum()))));
  }

  /** Every hour and every day of {@code [from, to)} from its rollup, as from its readings. */
  private void assertRollupsMatchReadings(BuildingId building, Instant from, Instant to) {
    List<Span> spans = new ArrayList<>();
    for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
      spans.add(Span.hours(hour, hour.plus(Duration.ofHours(1))));
    }
    for (Instant day = Resolution.DAY.floor(from);
        day.isBefore(to);
        day = day.plus(Duration.ofDays(1))) {
      spans.add(Span.days(day, day.plus(Duration.ofDays(1))));
    }
    List<Aggregate> answers = store().aggregates(building, ROOM, spans);
    assertThat(answers).hasSameSizeAs(spans);
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      assertSameAnswer(answers.get(i), raw(building, span.from(), span.to()));
    }
  }

  private TemperatureQueryService queries(Instant now, Retention retention) {
    return new TemperatureQueryService(
        store(),
        store(),
        store(),
        QueryLimits.DEFAULT,
        retention,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void eachSpanIsAnsweredAtItsResolutionAsItsReadingsWouldBe() {
    BuildingId b = building("spans");
    Instant end = MARCH.plus(Duration.ofDays(3));
    append(every(b, TEN_MINUTES, MARCH, end));

    List<Span> spans =
        List.of(
            Span.raw(MARCH.plusSeconds(617), MARCH.plusSeconds(7 * 3600 + 5)),
            Span.hours(MARCH.plus(Duration.ofHours(5)), MARCH.plus(Duration.ofHours(29))),
            Span.days(MARCH, end),
            Span.days(end, end.plus(Duration.ofDays(2))),
            Span.raw(MARCH.minusSeconds(3600), MARCH));
    List<Aggregate> answers = store().aggregates(b, ROOM, spans);

    assertThat(answers).hasSize(5);
    for (int i = 0; i < spans.size(); i++) {
      assertSameAnswer(answers.get(i), raw(b, spans.get(i).from(), spans.get(i).to()));
    }
    assertThat(answers.get(2).count()).isEqualTo(3 * 144);
    assertThat(answers.get(3)).isEqualTo(Aggregate.EMPTY);
    assertThat(store().aggregates(b, ROOM, List.of())).isEmpty();
  }

  @Test
  void aLongWindowWithEdgesInsideHoursIsAnsweredFromRollupsAsFromItsReadings() {
    BuildingId b = building("long");
    Instant end = MARCH.plus(Duration.ofDays(4));
    append(every(b, Duration.ofMinutes(7), MARCH, end));
    Window window =
        new Window(MARCH.plusSeconds(3 * 3600 + 17 * 60 + 30), end.minusSeconds(5 * 3600 + 1));

    QueryPlan plan = QueryPlan.of(window, FOREVER);

    assertThat(plan.spans()).extracting(Span::resolution).contains(Resolution.DAY);
    assertSameAnswer(planned(b, window), store().aggregate(b, ROOM, window));
    Statistics stats = queries(end, Retention.FOREVER).statistics(new PeriodQuery(b, ROOM, window));
    assertThat(stats).isEqualTo(Statistics.of(window, store().aggregate(b, ROOM, window)));
  }

  @Test
  void readingsOnHourBoundariesBelongToTheHourTheyStart() {
    BuildingId b = building("boundaries");
    Instant ten = MARCH.plus(Duration.ofHours(10));
    Instant eleven = ten.plus(Duration.ofHours(1));
    store()
        .append(
            List.of(
                reading(b, 1.0, ten.minusMillis(1)),
                reading(b, 2.0, ten),
                reading(b, 3.0, eleven.minusMillis(1)),
                reading(b, 4.0, eleven),
                reading(b, 5.0, eleven.plus(Duration.ofHours(1)))));

    assertThat(store().aggregates(b, ROOM, List.of(Span.hours(ten, eleven))))
        .containsExactly(new Aggregate(2, 5.0, 2.0, 3.0));
    for (Window window :
        List.of(
            new Window(ten, eleven),
            new Window(ten, eleven.minusMillis(1)),
            new Window(ten.minusMillis(1), eleven.plus(Duration.ofHours(1))),
            new Window(ten.plusMillis(1), eleven.plus(Duration.ofHours(1)).minusMillis(1)))) {
      assertSameAnswer(planned(b, window), store().aggregate(b, ROOM, window));
    }
  }

  @Test
  void aLateReadingUpdatesTheRollupsOfItsHourAndDay() {
    BuildingId b = building("late");
    Instant end = MARCH.plus(Duration.ofDays(2));
    append(every(b, TEN_MINUTES, MARCH, end));

    store()
        .append(
            List.of(
                reading(b, -40.0, MARCH.plus(Duration.ofHours(5)).plusSeconds(61)),
                reading(b, 99.5, MARCH.plus(Duration.ofHours(30)).plusSeconds(1))));

    assertRollupsMatchReadings(b, MARCH, end);
    assertThat(store().aggregates(b, ROOM, List.of(Span.days(MARCH, end))).get(0).count())
        .isEqualTo(2 * 144 + 2);
  }

  @Test
  void correctionsThatRaiseTheLowestOrLowerTheHighestRecomputeTheirHour() {
    BuildingId b = building("corrected");
    Instant nine = MARCH.plus(Duration.ofHours(9));
    store()
        .append(
            List.of(
                reading(b, 10.0, nine),
                reading(b, 20.0, nine.plusSeconds(600)),
                reading(b, 30.0, nine.plusSeconds(1200)),
                reading(b, 25.0, nine.plus(Duration.ofHours(3)))));

    // The lowest and highest readings are corrected inward: no sum or min can be updated in place.
    store().append(List.of(reading(b, 18.0, nine), reading(b, 22.0, nine.plusSeconds(1200))));

    Span hour = Span.hours(nine, nine.plus(Duration.ofHours(1)));
    assertThat(store().aggregates(b, ROOM, List.of(hour)).get(0))
        .satisfies(
            aggregate -> {
              assertThat(aggregate.count()).isEqualTo(3);
              assertThat(aggregate.min()).isEqualTo(18.0);
              assertThat(aggregate.max()).isEqualTo(22.0);
              assertThat(aggregate.sum()).isCloseTo(60.0, within(1e-9));
            });
    assertRollupsMatchReadings(b, MARCH, MARCH.plus(Duration.ofDays(1)));
  }

  @Test
  void retriesAndRepeatsWithinOneAppendCountOnce() {
    BuildingId b = building("retried");
    List<Reading> readings = every(b, TEN_MINUTES, MARCH, MARCH.plus(Duration.ofHours(3)));
    store().append(readings);
    store().append(readings);
    List<Reading> repeated = new ArrayList<>(readings.subList(0, 5));
    repeated.add(reading(b, 77.0, readings.get(2).recordedAt()));
    store().append(repeated);

    assertRollupsMatchReadings(b, MARCH, MARCH.plus(Duration.ofHours(3)));
    assertThat(
            store()
                .aggregates(b, ROOM, List.of(Span.hours(MARCH, MARCH.plus(Duration.ofHours(3)))))
                .get(0))
        .extracting(Aggregate::count, Aggregate::max)
        .containsExactly(18L, 77.0);
  }

  @Test
  void emptyHoursAndDaysAreEmptyAggregates() {
    BuildingId b = building("gaps");
    store()
        .append(
            List.of(
                reading(b, 20.0, MARCH.plusSeconds(60)),
                reading(b, 21.0, MARCH.plus(Duration.ofDays(3)).plusSeconds(60))));

    List<Aggregate> answers =
        store()
            .aggregates(
                b,
                ROOM,
                List.of(
                    Span.hours(MARCH.plus(Duration.ofHours(1)), MARCH.plus(Duration.ofHours(30))),
                    Span.days(MARCH.plus(Duration.ofDays(1)), MARCH.plus(Duration.ofDays(3)))));

    assertThat(answers).containsExactly(Aggregate.EMPTY, Aggregate.EMPTY);
    Window window = new Window(MARCH, MARCH.plus(Duration.ofDays(4)));
    assertSameAnswer(planned(b, window), new Aggregate(2, 41.0, 20.0, 21.0));
  }

  @Test
  void windowsShorterThanAnHourAreTheReadingsOfTheWindow() {
    BuildingId b = building("short");
    append(every(b, Duration.ofMinutes(1), MARCH, MARCH.plus(Duration.ofHours(2))));
    Window window = new Window(MARCH.plusSeconds(1830), MARCH.plusSeconds(1830 + 3540));

    assertThat(QueryPlan.of(window, FOREVER).isRawOnly()).isTrue();
    assertSameAnswer(
        sum(
            store()
                .aggregates(b, ROOM, List.of(Span.raw(window.from(), window.to().plusMillis(1))))),
        store().aggregate(b, ROOM, window));
    assertThat(
            queries(MARCH.plus(Duration.ofHours(2)), Retention.FOREVER)
                .average(new PeriodQuery(b, ROOM, window))
                .count())
        .isEqualTo(59);
  }

  @Test
  void rollupsOutliveTheReadingsTheySummarise() {
    BuildingId b = building("expired");
    Instant end = MARCH.plus(Duration.ofDays(3));
    append(every(b, TEN_MINUTES, MARCH, end));
    List<Span> spans =
        List.of(
            Span.days(MARCH, MARCH.plus(Duration.ofDays(1))),
            Span.hours(MARCH.plus(Duration.ofDays(1)), MARCH.plus(Duration.ofHours(30))),
            Span.raw(MARCH, end));
    List<Aggregate> before = store().aggregates(b, ROOM, spans);
    Instant cutoff = MARCH.plus(Duration.ofHours(36));

    store().expireReadings(cutoff);
    store().expireReadings(cutoff);

    List<Aggregate> after = store().aggregates(b, ROOM, spans);
    assertThat(after.subList(0, 2)).isEqualTo(before.subList(0, 2));
    assertSameAnswer(after.get(2), raw(b, cutoff, end));
    assertThat(store().newestFirst(b, ROOM, new Window(MARCH, cutoff.minusMillis(1)), 5)).isEmpty();

    store().expireRollups(MARCH.plus(Duration.ofDays(1)));

    List<Aggregate> trimmed = store().aggregates(b, ROOM, spans);
    assertThat(trimmed.get(0)).isEqualTo(Aggregate.EMPTY);
    assertThat(trimmed.get(1)).isEqualTo(before.get(1));
  }

  @Test
  void aQueryPastTheReadingsRetentionIsAnsweredFromHourlyRollupsAndSaysSo() {
    BuildingId b = building("retained");
    Instant start = MARCH;
    Instant now = start.plus(Duration.ofDays(40)).plusSeconds(1234);
    append(every(b, Duration.ofMinutes(20), start, now));
    Retention thirtyDays = new Retention(Optional.of(Duration.ofDays(30)), Optional.empty());
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    // Every whole hour's readings from before the expiry: what the rollups must still say.
    Instant from = start.plus(Duration.ofDays(2)).plusSeconds(1500);
    Aggregate wholeHours = raw(b, Resolution.HOUR.ceil(from), now.plusMillis(1));

    new RetentionService(store(), store(), store(), thirtyDays, clock).apply();

    assertThat(raw(b, start, start.plus(Duration.ofDays(5)))).isEqualTo(Aggregate.EMPTY);
    Statistics stats =
        queries(now, thirtyDays).statistics(new PeriodQuery(b, ROOM, new Window(from, now)));
    assertThat(stats.resolution()).isEqualTo(Resolution.HOUR);
    assertThat(stats.count()).isEqualTo(wholeHours.count());
    assertThat(stats.min().map(Temperature::celsius)).hasValue(wholeHours.min());
    assertThat(stats.max().map(Temperature::celsius)).hasValue(wholeHours.max());
    assertThat(stats.average()).isEqualTo(wholeHours.mean());
  }

  @Test
  void aRebuildPutsRightWhatWasWrittenBehindTheStoresBack() {
    BuildingId b = building("rebuilt");
    Instant end = MARCH.plus(Duration.ofDays(2));
    append(every(b, TEN_MINUTES, MARCH, MARCH.plus(Duration.ofDays(1))));
    appendReadingsOnly(every(b, TEN_MINUTES, MARCH.plus(Duration.ofDays(1)), end));
    appendReadingsOnly(List.of(reading(b, -5.0, MARCH.plusSeconds(3 * 3600 + 1))));

    long hours = store().rebuildRollups(MARCH, end);

    assertThat(hours).isGreaterThanOrEqualTo(48);
    assertRollupsMatchReadings(b, MARCH, end);
    store().rebuildRollups(MARCH, end);
    assertRollupsMatchReadings(b, MARCH, end);
  }

  @Test
  void concurrentWritersAndCorrectionsKeepTheRollupsExact() throws Exception {
    BuildingId b = building("busy");
    Instant end = MARCH.plus(Duration.ofHours(6));
    List<Reading> first = every(b, Duration.ofMinutes(1), MARCH, end);
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        tasks.add(
            () -> {
              for (int i = writer; i < first.size(); i += writers) {
                Reading reading = first.get(i);
                store().append(List.of(reading));
                // Now and then a correction of a reading another writer wrote.
                if (i % 5 == 0) {
                  Reading other = first.get((i * 7) % first.size());
                  store()
                      .append(
                          List.of(
                              reading(b, other.temperature().celsius() + 50, other.recordedAt())));
                }
              }
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(tasks, 2, TimeUnit.MINUTES)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertRollupsMatchReadings(b, MARCH, end);
  }

  @Test
  void anOverviewOverSpansIsTheOverviewOfItsWindow() {
    BuildingId b = building("overview");
    Instant end = MARCH.plus(Duration.ofDays(2));
    List<Reading> readings = new ArrayList<>();
    for (String room : List.of("a", "b", "c")) {
      for (Reading reading : every(b, TEN_MINUTES, MARCH, end)) {
        readings.add(
            new Reading(
                b,
                new RoomId(room),
                Temperature.celsius(reading.temperature().celsius() + room.charAt(0) - 'a'),
                reading.recordedAt()));
      }
    }
    append(readings);
    store().append(List.of(reading(b, 1.0, MARCH.plusSeconds(60)))); // room "r", early only
    Window window = new Window(MARCH.plusSeconds(5000), end.minusSeconds(4000));

    List<RoomOverview> planned =
        store().overviews(b, QueryPlan.of(window, FOREVER).spans(), Optional.empty(), 10);
    List<RoomOverview> plain = store().overview(b, window, Optional.empty(), 10);

    assertThat(planned)
        .extracting(RoomOverview::latest)
        .isEqualTo(plain.stream().map(RoomOverview::latest).toList());
    for (int i = 0; i < plain.size(); i++) {
      assertSameAnswer(planned.get(i).recent(), plain.get(i).recent());
    }
    assertThat(store().overviews(b, List.of(), Optional.of(new RoomId("a")), 2))
        .extracting(room -> room.room().value(), RoomOverview::recent)
        .containsExactly(tuple("b", Aggregate.EMPTY), tuple("c", Aggregate.EMPTY));
  }

  @Test
  void manySpansCostOneRequest() {
    ReadingStoreContract.Counted counted = counted();
    BuildingId b = building("cost");
    append(every(b, TEN_MINUTES, MARCH, MARCH.plus(Duration.ofDays(2))));
    List<Span> spans = new ArrayList<>();
    for (int hour = 0; hour < 48; hour++) {
      Instant start = MARCH.plus(Duration.ofHours(hour));
      spans.add(Span.raw(start, start.plusSeconds(900)));
      spans.add(Span.hours(start, start.plus(Duration.ofHours(1))));
    }
    spans.add(Span.days(MARCH, MARCH.plus(Duration.ofDays(2))));
    long before = counted.requests().getAsLong();

    List<Aggregate> answers = counted.store().aggregates(b, ROOM, spans);

    assertThat(counted.requests().getAsLong() - before).isEqualTo(1);
    assertThat(answers).hasSize(spans.size());
    assertThat(answers.get(1).count()).isEqualTo(6);
    assertThat(answers.get(0).count()).isEqualTo(2);
  }

  /**
   * A window has at most two raw spans, its edges, which a store may read one by one; a series
   * whose buckets start inside hours has many. However many there are and wherever they stand among
   * the rollup spans, each is answered as its readings would be, an empty one included.
   */
  @Test
  void rawSpansAmongRollupSpansAreTheirReadingsHoweverManyThereAre() {
    BuildingId b = building("edges");
    Instant end = MARCH.plus(Duration.ofDays(2));
    append(every(b, Duration.ofMinutes(7), MARCH, end.plus(Duration.ofHours(3))));
    List<Span> raws =
        List.of(
            Span.raw(MARCH.minusSeconds(1800), MARCH.plusSeconds(1250)),
            Span.raw(end.plusSeconds(1801), end.plusSeconds(2 * 3600 + 17)),
            Span.raw(MARCH.plusSeconds(2 * 3600 + 1), MARCH.plusSeconds(3 * 3600 + 599)),
            Span.raw(end.plus(Duration.ofHours(5)), end.plus(Duration.ofHours(6))));
    Span hours = Span.hours(MARCH.plus(Duration.ofHours(4)), MARCH.plus(Duration.ofDays(1)));
    Span days = Span.days(MARCH.plus(Duration.ofDays(1)), end);

    for (int count = 0; count <= raws.size(); count++) {
      List<Span> spans = new ArrayList<>(raws.subList(0, count));
      spans.add(Math.min(1, count), hours);
      spans.add(days);
      List<Aggregate> answers = store().aggregates(b, ROOM, spans);

      assertThat(answers).as("%d raw spans", count).hasSameSizeAs(spans);
      for (int i = 0; i < spans.size(); i++) {
        assertSameAnswer(answers.get(i), raw(b, spans.get(i).from(), spans.get(i).to()));
      }
    }
    assertThat(store().aggregates(b, ROOM, raws).get(3)).isEqualTo(Aggregate.EMPTY);
  }

  private record Case(String interval, String zone, Instant from, Instant to) {}

  /**
   * Each bucket of the series is the aggregate of its readings: {@code [its start, the next
   * bucket's start)} of the zone's calendar, clipped to the window.
   */
  private void assertSeriesOfReadings(BuildingId b, Case asked, List<Instant> expectedStarts) {
    Window window = new Window(asked.from(), asked.to());
    Bucketing interval = Bucketing.parse(asked.interval(), Zone.parse(asked.zone()));
    Series series =
        queries(asked.to().plus(Duration.ofDays(1)), Retention.FOREVER)
            .series(new SeriesQuery(b, ROOM, window, interval));

    assertThat(series.buckets()).extracting(TimeBucket::start).isEqualTo(expectedStarts);
    assertThat(series.resolution()).isEqualTo(Resolution.RAW);
    Instant end = asked.to().plusMillis(1);
    for (int i = 0; i < expectedStarts.size(); i++) {
      Instant from = i == 0 ? asked.from() : expectedStarts.get(i);
      Instant to = i + 1 < expectedStarts.size() ? expectedStarts.get(i + 1) : end;
      assertSameAnswer(series.buckets().get(i).aggregate(), raw(b, from, to));
    }
  }

  private static List<Instant> instants(String... texts) {
    return Arrays.stream(texts).map(Instant::parse).toList();
  }

  @Test
  void dailyBucketsInZurichFollowLocalMidnightThroughBothDaylightSavingChanges() {
    BuildingId b = building("zurich");
    append(every(b, TEN_MINUTES, MARCH, MARCH.plus(Duration.ofDays(5))));
    Instant october = Instant.parse("2024-10-25T00:00:00Z");
    append(every(b, TEN_MINUTES, october, october.plus(Duration.ofDays(4))));

    // 2024-03-31 has 23 hours in Zurich, 2024-10-27 has 25.
    assertSeriesOfReadings(
        b,
        new Case(
            "1d",
            "Europe/Zurich",
            Instant.parse("2024-03-29T12:00:00Z"),
            Instant.parse("2024-04-01T12:00:00Z")),
        instants(
            "2024-03-28T23:00:00Z",
            "2024-03-29T23:00:00Z",
            "2024-03-30T23:00:00Z",
            "2024-03-31T22:00:00Z"));
    assertSeriesOfReadings(
        b,
        new Case(
            "P1D",
            "Europe/Zurich",
            Instant.parse("2024-10-25T22:00:00Z"),
            Instant.parse("2024-10-28T22:59:59.999Z")),
        instants("2024-10-25T22:00:00Z", "2024-10-26T22:00:00Z", "2024-10-27T23:00:00Z"));
  }

  @Test
  void dailyBucketsInAHalfHourZoneStartAtItsMidnight() {
    BuildingId b = building("kolkata");
    append(every(b, Duration.ofMinutes(5), MARCH, MARCH.plus(Duration.ofDays(4))));

    assertSeriesOfReadings(
        b,
        new Case(
            "1d",
            "Asia/Kolkata",
            Instant.parse("2024-03-28T02:10:00Z"),
            Instant.parse("2024-03-31T20:00:00Z")),
        instants(
            "2024-03-27T18:30:00Z",
            "2024-03-28T18:30:00Z",
            "2024-03-29T18:30:00Z",
            "2024-03-30T18:30:00Z",
            "2024-03-31T18:30:00Z"));
  }

  @Test
  void monthsHaveTheirLengthLeapDayIncludedAndWeeksStartOnMonday() {
    BuildingId b = building("months");
    Instant january = Instant.parse("2024-01-01T00:00:00Z");
    append(every(b, Duration.ofHours(3), january.minus(Duration.ofDays(3)), MARCH));
    store()
        .append(
            List.of(
                reading(b, 29.0, Instant.parse("2024-02-29T23:59:59.999Z")),
                reading(b, 1.0, Instant.parse("2024-03-01T00:00:00Z")),
                reading(b, 31.0, Instant.parse("2024-01-31T22:59:59.999Z"))));

    assertSeriesOfReadings(
        b,
        new Case(
            "1M", "UTC", january.minus(Duration.ofDays(2)), Instant.parse("2024-03-01T00:00:00Z")),
        instants(
            "2023-12-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
            "2024-02-01T00:00:00Z",
            "2024-03-01T00:00:00Z"));
    // In Zurich, January ends at 23:00 UTC: the reading at 22:59:59.999 UTC is January's last.
    assertSeriesOfReadings(
        b,
        new Case("1M", "Europe/Zurich", january, Instant.parse("2024-02-29T23:59:59.999Z")),
        instants("2023-12-31T23:00:00Z", "2024-01-31T23:00:00Z", "2024-02-29T23:00:00Z"));
    // 2024-02-26 is a Monday; the week of 2024-02-29 ends on Sunday 2024-03-03.
    assertSeriesOfReadings(
        b,
        new Case(
            "1w",
            "UTC",
            Instant.parse("2024-02-20T06:00:00Z"),
            Instant.parse("2024-03-01T00:00:00Z")),
        instants("2024-02-19T00:00:00Z", "2024-02-26T00:00:00Z"));
  }

  @Test
  void anHourlySeriesOverDaysIsTheReadingsOfEachHour() {
    BuildingId b = building("hourly");
    Instant end = MARCH.plus(Duration.ofDays(3));
    append(every(b, Duration.ofMinutes(6), MARCH, end));
    Window window = new Window(MARCH.plusSeconds(1799), end.minusSeconds(1));

    Series series =
        queries(end, Retention.FOREVER)
            .series(new SeriesQuery(b, ROOM, window, Bucketing.parse("1h", Zone.UTC)));

    assertThat(series.buckets()).hasSize(72);
    for (int i = 0; i < 72; i++) {
      Instant start = MARCH.plus(Duration.ofHours(i));
      Instant from = i == 0 ? window.from() : start;
      Instant to = i == 71 ? window.to().plusMillis(1) : start.plus(Duration.ofHours(1));
      assertThat(series.buckets().get(i).start()).isEqualTo(start);
      assertSameAnswer(series.buckets().get(i).aggregate(), raw(b, from, to));
    }
  }
}
