package dev.temperature.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.temperature.application.alerting.AlertEvaluationService;
import dev.temperature.application.alerting.AlertingSettings;
import dev.temperature.application.alerting.EvaluationObserver;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import dev.temperature.domain.alerting.Alert;
import dev.temperature.domain.alerting.AlertName;
import dev.temperature.domain.alerting.AlertRule;
import dev.temperature.domain.alerting.AlertRules;
import dev.temperature.domain.alerting.AlertState;
import dev.temperature.domain.alerting.Condition;
import dev.temperature.domain.alerting.RoomSelector;
import dev.temperature.domain.alerting.Statistic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics every storage adapter promises, run by each adapter against its real database.
 * Extend it, return the store under test from {@link #store()}, and keep the database between tests
 * if you like: every test writes under building ids of its own, so tests never see each other's
 * readings. It takes in the rollups' contract ({@link RollupContract}).
 */
public abstract class ReadingStoreContract extends RollupContract {
  private static final Instant T0 = Instant.parse("2024-12-10T16:45:00Z");
  private static final Window AROUND_T0 = new Window(T0.minusSeconds(3600), T0.plusSeconds(3600));

  /** A unique prefix per test, so that a shared database needs no cleaning. */
  private String run;

  /** The store under test. May be the same instance for every test. */
  @Override
  protected abstract ReadingStore store();

  /**
   * A store on the same database as {@link #store()}, composed the same way, with a count of the
   * requests it has sent the database: statements for a SQL engine, HTTP requests for InfluxDB,
   * calls for the in-memory fake. Abstract, so that no store can leave the cost check out.
   */
  @Override
  protected abstract Counted counted();

  /** A store and how many requests it has sent its database so far. */
  public record Counted(ReadingStore store, LongSupplier requests) {}

  @BeforeEach
  void newRun() {
    run = "t" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected BuildingId building(String name) {
    return new BuildingId(run + "-" + name);
  }

  /**
   * Room "r" of {@code b}: 10.0 and 30.0 on the window's two ends, 1.0 and 100.0 a millisecond
   * outside them, so that only the two inside count: 2 readings, sum 40.
   */
  private void storeAroundTheEdges(BuildingId b, Window window) {
    store()
        .append(
            List.of(
                reading(b, "r", 1.0, window.from().minusMillis(1)),
                reading(b, "r", 10.0, window.from()),
                reading(b, "r", 30.0, window.to()),
                reading(b, "r", 100.0, window.to().plusMillis(1))));
  }

  protected static Reading reading(BuildingId building, String room, double celsius, Instant at) {
    return new Reading(building, new RoomId(room), Temperature.celsius(celsius), at);
  }

  private Aggregate aggregate(BuildingId building, String room, Window window) {
    return store().aggregate(building, new RoomId(room), window);
  }

  @Test
  void aStoredReadingComesBackInItsAggregate() {
    BuildingId b = building("b");
    store().append(List.of(reading(b, "r", 21.5, T0)));

    assertThat(aggregate(b, "r", AROUND_T0)).isEqualTo(new Aggregate(1, 21.5, 21.5, 21.5));
  }

  @Test
  void aggregateHasCountSumMinAndMaxOfTheWindow() {
    BuildingId b = building("b");
    store()
        .append(
            List.of(
                reading(b, "r", 19.0, T0.minusSeconds(60)),
                reading(b, "r", 21.0, T0),
                reading(b, "r", 23.5, T0.plusSeconds(60))));

    Aggregate aggregate = aggregate(b, "r", AROUND_T0);
    assertThat(aggregate.count()).isEqualTo(3);
    assertThat(aggregate.sum()).isCloseTo(63.5, within(1e-9));
    assertThat(aggregate.min()).isEqualTo(19.0);
    assertThat(aggregate.max()).isEqualTo(23.5);
  }

  @Test
  void theLastWriteForTheSameMomentWins() {
    BuildingId b = building("b");
    store().append(List.of(reading(b, "r", 20.0, T0)));
    store().append(List.of(reading(b, "r", 25.0, T0)));

    assertThat(aggregate(b, "r", AROUND_T0)).isEqualTo(new Aggregate(1, 25.0, 25.0, 25.0));
  }

  @Test
  void withinOneAppendTheLaterReadingForTheSameMomentWins() {
    BuildingId b = building("b");
    store().append(List.of(reading(b, "r", 20.0, T0), reading(b, "r", 22.0, T0)));

    assertThat(aggregate(b, "r", AROUND_T0)).isEqualTo(new Aggregate(1, 22.0, 22.0, 22.0));
  }

  @Test
  void readingsOneMillisecondApartAreDistinct() {
    BuildingId b = building("b");
    store().append(List.of(reading(b, "r", 20.0, T0), reading(b, "r", 22.0, T0.plusMillis(1))));

    assertThat(aggregate(b, "r", AROUND_T0).count()).isEqualTo(2);
    assertThat(aggregate(b, "r", new Window(T0.plusMillis(1), T0.plusSeconds(1))))
        .isEqualTo(new Aggregate(1, 22.0, 22.0, 22.0));
  }

  @Test
  void subMillisecondDifferencesAreTheSameReading() {
    BuildingId b = building("b");
    store()
        .append(
            List.of(
                reading(b, "r", 20.0, T0.plusNanos(100_000)),
                reading(b, "r", 24.0, T0.plusNanos(900_000))));

    assertThat(aggregate(b, "r", new Window(T0, T0))).isEqualTo(new Aggregate(1, 24.0, 24.0, 24.0));
  }

  @Test
  void bothEndsOfTheWindowAreIncluded() {
    BuildingId b = building("b");
    Window window = new Window(T0, T0.plus(Duration.ofMinutes(15)));
    storeAroundTheEdges(b, window);

    assertThat(aggregate(b, "r", window)).isEqualTo(new Aggregate(2, 40.0, 10.0, 30.0));
  }

  @Test
  void aWindowOfZeroLengthHoldsTheReadingAtThatMoment() {
    BuildingId b = building("b");
    store().append(List.of(reading(b, "r", 18.25, T0), reading(b, "r", 19.0, T0.plusMillis(1))));

    assertThat(aggregate(b, "r", new Window(T0, T0)))
        .isEqualTo(new Aggregate(1, 18.25, 18.25, 18.25));
  }

  @Test
  void anEmptyWindowIsTheEmptyAggregate() {
    BuildingId b = building("b");
    store().append(List.of(reading(b, "r", 20.0, T0)));

    assertThat(aggregate(b, "r", new Window(T0.plusMillis(1), T0.plusSeconds(60))))
        .isEqualTo(Aggregate.EMPTY);
  }

  @Test
  void anUnknownBuildingOrRoomIsTheEmptyAggregate() {
    BuildingId b = building("b");
    store().append(List.of(reading(b, "r", 20.0, T0)));

    assertThat(aggregate(building("nobody"), "r", AROUND_T0)).isEqualTo(Aggregate.EMPTY);
    assertThat(aggregate(b, "nowhere", AROUND_T0)).isEqualTo(Aggregate.EMPTY);
  }

  @Test
  void readingsOfOtherRoomsAndBuildingsNeverLeakIntoAnAggregate() {
    // Ids that share prefixes, differ only in '.', '_', '-' or case, or would match as patterns.
    List<String> buildingNames = List.of("b1", "b10", "b1.x", "b1_x", "b1-x", "B1");
    List<String> rooms = List.of("r1", "r10", "r1.a", "r1_a", "r1-a", "R1", "r");
    List<Reading> readings = new ArrayList<>();
    double value = 0;
    for (String name : buildingNames) {
      for (String room : rooms) {
        value += 1;
        readings.add(reading(building(name), room, value, T0));
      }
    }
    store().append(readings);

    for (Reading expected : readings) {
      assertThat(aggregate(expected.building(), expected.room().value(), AROUND_T0))
          .as("%s/%s", expected.building(), expected.room())
          .isEqualTo(
              new Aggregate(
                  1,
                  expected.temperature().celsius(),
                  expected.temperature().celsius(),
                  expected.temperature().celsius()));
    }
  }

  @Test
  void manyRoomsAreKeptApart() {
    BuildingId b = building("campus");
    List<Reading> readings = new ArrayList<>();
    for (int room = 0; room < 40; room++) {
      for (int i = 0; i < 25; i++) {
        readings.add(reading(b, "room-" + room, room + i / 100.0, T0.plusSeconds(i)));
      }
    }
    store().append(readings);

    for (int room = 0; room < 40; room++) {
      Aggregate aggregate = aggregate(b, "room-" + room, AROUND_T0);
      assertThat(aggregate.count()).isEqualTo(25);
      assertThat(aggregate.min()).isEqualTo(room);
      assertThat(aggregate.max()).isEqualTo(room + 0.24);
      assertThat(aggregate.sum()).isCloseTo(25 * room + 3.0, within(1e-9));
    }
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    BuildingId b = building("busy");
    int writers = 8;
    int perWriter = 40;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        tasks.add(
            () -> {
              for (int i = 0; i < perWriter; i++) {
                Instant at = T0.plusMillis(writer * 1000L + i);
                store().append(List.of(reading(b, "r", 20.0 + writer, at)));
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

    Aggregate aggregate = aggregate(b, "r", AROUND_T0);
    assertThat(aggregate.count()).isEqualTo((long) writers * perWriter);
    assertThat(aggregate.sum()).isCloseTo(perWriter * (20.0 * writers + 28.0), within(1e-9));
    assertThat(aggregate.min()).isEqualTo(20.0);
    assertThat(aggregate.max()).isEqualTo(27.0);
  }

  @Test
  void timestampsFarInThePastAreStoredAndFound() {
    BuildingId b = building("old");
    Instant beforeEpoch = Instant.parse("1950-06-01T12:00:00.250Z");
    store()
        .append(
            List.of(
                reading(b, "r", 5.0, Reading.EARLIEST),
                reading(b, "r", 6.0, beforeEpoch),
                reading(b, "r", 7.0, Instant.EPOCH)));

    assertThat(aggregate(b, "r", new Window(Reading.EARLIEST, Reading.EARLIEST)))
        .isEqualTo(new Aggregate(1, 5.0, 5.0, 5.0));
    assertThat(aggregate(b, "r", new Window(beforeEpoch, beforeEpoch)))
        .isEqualTo(new Aggregate(1, 6.0, 6.0, 6.0));
    assertThat(aggregate(b, "r", new Window(Reading.EARLIEST, Instant.EPOCH)).count()).isEqualTo(3);
  }

  @Test
  void valuesAtTheLimitsAreStoredExactly() {
    BuildingId b = building("edge");
    // The default plausible range's edges, absolute zero, and values that do not round-trip
    // through a float or a short decimal.
    double[] values = {-90.0, 150.0, -273.15, 0.1, 21.123456789012345, 0.0};
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      readings.add(reading(b, "r" + i, values[i], T0));
    }
    store().append(readings);

    for (int i = 0; i < values.length; i++) {
      Aggregate aggregate = aggregate(b, "r" + i, AROUND_T0);
      assertThat(aggregate.count()).isEqualTo(1);
      assertThat(aggregate.min()).isEqualTo(values[i]);
      assertThat(aggregate.max()).isEqualTo(aggregate.min());
    }
  }

  @Test
  void bucketsAreAlignedToTheEpochAndHoldTheirReadings() {
    BuildingId b = building("series");
    Instant ten = Instant.parse("2024-12-10T10:00:00Z");
    store()
        .append(
            List.of(
                reading(b, "r", 10.0, ten.plusSeconds(60)),
                reading(b, "r", 12.0, ten.plusSeconds(3599)),
                reading(b, "r", 20.0, ten.plusSeconds(3600)),
                reading(b, "r", 30.0, ten.plusSeconds(3 * 3600 + 1))));

    List<TimeBucket> buckets =
        store()
            .buckets(
                b,
                new RoomId("r"),
                new Window(ten, ten.plusSeconds(4 * 3600)),
                Interval.parse("1h"));

    assertThat(buckets)
        .containsExactly(
            new TimeBucket(ten, new Aggregate(2, 22.0, 10.0, 12.0)),
            new TimeBucket(ten.plusSeconds(3600), new Aggregate(1, 20.0, 20.0, 20.0)),
            new TimeBucket(ten.plusSeconds(3 * 3600), new Aggregate(1, 30.0, 30.0, 30.0)));
  }

  @Test
  void bucketsAreClippedToTheWindowAtBothEnds() {
    BuildingId b = building("clip");
    Instant ten = Instant.parse("2024-12-10T10:00:00Z");
    store()
        .append(
            List.of(
                reading(b, "r", 1.0, ten.plusSeconds(60)),
                reading(b, "r", 2.0, ten.plusSeconds(1800)),
                reading(b, "r", 3.0, ten.plusSeconds(3600 + 1800)),
                reading(b, "r", 4.0, ten.plusSeconds(3600 + 1801))));
    Window window = new Window(ten.plusSeconds(1800), ten.plusSeconds(3600 + 1800));

    List<TimeBucket> buckets = store().buckets(b, new RoomId("r"), window, Interval.parse("1h"));

    assertThat(buckets)
        .containsExactly(
            new TimeBucket(ten, new Aggregate(1, 2.0, 2.0, 2.0)),
            new TimeBucket(ten.plusSeconds(3600), new Aggregate(1, 3.0, 3.0, 3.0)));
  }

  @Test
  void theWholeRangeOfWindowsCanBeAskedAbout() {
    BuildingId b = building("whole-range");
    RoomId room = new RoomId("r");
    Window everything = new Window(Window.EARLIEST, Window.LATEST);
    Interval yearAndADay = Interval.parse("366d");
    store().append(List.of(reading(b, "r", 1.0, Window.EARLIEST), reading(b, "r", 3.0, T0)));

    assertThat(store().aggregate(b, room, everything)).isEqualTo(new Aggregate(2, 4.0, 1.0, 3.0));
    assertThat(store().newestFirst(b, room, everything, 10))
        .extracting(Reading::recordedAt)
        .containsExactly(T0, Window.EARLIEST);
    // The first bucket starts before 1900 (alignment is to the epoch); every store can say so.
    assertThat(store().buckets(b, room, everything, yearAndADay))
        .containsExactly(
            new TimeBucket(
                yearAndADay.bucketStart(Window.EARLIEST), new Aggregate(1, 1.0, 1.0, 1.0)),
            new TimeBucket(yearAndADay.bucketStart(T0), new Aggregate(1, 3.0, 3.0, 3.0)));
  }

  @Test
  void bucketsBefore1970AreAlignedByFloorNotTruncation() {
    BuildingId b = building("old-series");
    Instant before = Instant.parse("1969-12-31T23:30:00Z");
    store().append(List.of(reading(b, "r", 5.0, before)));

    List<TimeBucket> buckets =
        store()
            .buckets(
                b,
                new RoomId("r"),
                new Window(Instant.parse("1969-12-31T22:00:00Z"), Instant.EPOCH),
                Interval.parse("1h"));

    assertThat(buckets)
        .containsExactly(
            new TimeBucket(Instant.parse("1969-12-31T23:00:00Z"), new Aggregate(1, 5.0, 5.0, 5.0)));
  }

  @Test
  void bucketsOfOtherRoomsAreNotIncluded() {
    BuildingId b = building("series-leak");
    store().append(List.of(reading(b, "r1", 5.0, T0), reading(b, "r10", 6.0, T0)));

    assertThat(store().buckets(b, new RoomId("r1"), AROUND_T0, Interval.parse("1d")))
        .extracting(TimeBucket::aggregate)
        .containsExactly(new Aggregate(1, 5.0, 5.0, 5.0));
  }

  @Test
  void readingsComeBackNewestFirstWithinTheWindowAndLimit() {
    BuildingId b = building("list");
    store()
        .append(
            List.of(
                reading(b, "r", 1.0, T0.minusSeconds(10)),
                reading(b, "r", 2.0, T0),
                reading(b, "r", 3.0, T0.plusMillis(1)),
                reading(b, "r", 4.0, T0.plusSeconds(10)),
                reading(b, "other", 9.0, T0)));

    List<Reading> all = store().newestFirst(b, new RoomId("r"), AROUND_T0, 10);
    assertThat(all)
        .extracting(Reading::recordedAt)
        .containsExactly(T0.plusSeconds(10), T0.plusMillis(1), T0, T0.minusSeconds(10));
    assertThat(all.get(1).temperature().celsius()).isEqualTo(3.0);
    assertThat(all.get(1).building()).isEqualTo(b);
    assertThat(all.get(1).room()).isEqualTo(new RoomId("r"));

    assertThat(store().newestFirst(b, new RoomId("r"), new Window(T0, T0.plusMillis(1)), 10))
        .extracting(Reading::recordedAt)
        .containsExactly(T0.plusMillis(1), T0);
    assertThat(store().newestFirst(b, new RoomId("r"), AROUND_T0, 2))
        .extracting(Reading::recordedAt)
        .containsExactly(T0.plusSeconds(10), T0.plusMillis(1));
  }

  @Test
  void readingsFarInThePastListWithTheirExactTime() {
    BuildingId b = building("old-list");
    Instant old = Instant.parse("1950-06-01T12:00:00.250Z");
    store().append(List.of(reading(b, "r", 6.5, old)));

    assertThat(store().newestFirst(b, new RoomId("r"), new Window(Reading.EARLIEST, T0), 5))
        .containsExactly(reading(b, "r", 6.5, old));
  }

  @Test
  void buildingsAndRoomsWithReadingsAreListedInOrderOnce() {
    BuildingId first = building("a-dir");
    BuildingId second = building("b-dir");
    store()
        .append(
            List.of(
                reading(second, "z", 1.0, T0),
                reading(first, "r10", 1.0, T0),
                reading(first, "r1", 1.0, T0),
                reading(first, "r1", 2.0, T0.plusSeconds(1)),
                reading(first, "R1", 1.0, T0)));

    List<BuildingId> buildings = store().buildings();
    assertThat(buildings).contains(first, second).doesNotHaveDuplicates();
    assertThat(buildings.indexOf(first)).isLessThan(buildings.indexOf(second));
    assertThat(buildings).isSortedAccordingTo(Comparator.comparing(BuildingId::value));
    assertThat(store().rooms(first))
        .containsExactly(new RoomId("R1"), new RoomId("r1"), new RoomId("r10"));
    assertThat(store().rooms(building("nobody"))).isEmpty();
  }

  private static final Window ALL_TIME = new Window(Window.EARLIEST, Window.LATEST);

  private List<RoomOverview> overview(BuildingId building, Window window) {
    return store().overview(building, window, Optional.empty(), 1000);
  }

  @Test
  void theNewestReadingIsFoundAtEitherEndOfTime() {
    BuildingId b = building("latest");
    store()
        .append(
            List.of(
                reading(b, "old", 1.0, Reading.EARLIEST),
                reading(b, "new", 1.0, T0),
                reading(b, "new", 2.0, Window.LATEST)));

    assertThat(store().newestFirst(b, new RoomId("old"), ALL_TIME, 1))
        .containsExactly(reading(b, "old", 1.0, Reading.EARLIEST));
    assertThat(store().newestFirst(b, new RoomId("new"), ALL_TIME, 1))
        .containsExactly(reading(b, "new", 2.0, Window.LATEST));
  }

  @Test
  void overviewGivesEachRoomItsNewestReadingAndTheAggregateOfTheWindow() {
    BuildingId b = building("overview");
    Window lastQuarter = new Window(T0.minusSeconds(900), T0);
    store()
        .append(
            List.of(
                reading(b, "kitchen", 18.0, T0.minusSeconds(1800)),
                reading(b, "kitchen", 20.0, T0.minusSeconds(600)),
                reading(b, "kitchen", 21.5, T0.minusSeconds(60)),
                reading(b, "kitchen", 30.0, T0.plusSeconds(60)),
                reading(b, "hall", 19.0, T0.minusSeconds(3600)),
                reading(building("other"), "kitchen", 99.0, T0)));

    assertThat(overview(b, lastQuarter))
        .containsExactly(
            new RoomOverview(reading(b, "hall", 19.0, T0.minusSeconds(3600)), Aggregate.EMPTY),
            new RoomOverview(
                reading(b, "kitchen", 30.0, T0.plusSeconds(60)),
                new Aggregate(2, 41.5, 20.0, 21.5)));
  }

  @Test
  void overviewIncludesBothEndsOfTheWindow() {
    BuildingId b = building("overview-ends");
    Window window = new Window(T0, T0.plusSeconds(900));
    storeAroundTheEdges(b, window);

    assertThat(overview(b, window))
        .extracting(RoomOverview::recent)
        .containsExactly(new Aggregate(2, 40.0, 10.0, 30.0));
  }

  @Test
  void overviewOrdersRoomsByCodePointAndKeepsBuildingsApart() {
    BuildingId b = building("b1");
    List<String> rooms = List.of("r1", "R1", "r10", "r1.a", "r1_a", "r1-a", "0", "z");
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < rooms.size(); i++) {
      readings.add(reading(b, rooms.get(i), i, T0));
      readings.add(reading(building("b10"), rooms.get(i), 50.0 + i, T0.plusSeconds(1)));
      readings.add(reading(building("B1"), rooms.get(i), 70.0 + i, T0.plusSeconds(2)));
    }
    store().append(readings);

    List<RoomOverview> overview = overview(b, AROUND_T0);

    assertThat(overview)
        .extracting(overviewed -> overviewed.room().value())
        .containsExactly("0", "R1", "r1", "r1-a", "r1.a", "r10", "r1_a", "z");
    for (RoomOverview room : overview) {
      double celsius = rooms.indexOf(room.room().value());
      assertThat(room.latest()).isEqualTo(reading(b, room.room().value(), celsius, T0));
      assertThat(room.recent()).isEqualTo(new Aggregate(1, celsius, celsius, celsius));
    }
  }

  @Test
  void overviewPagesStartAfterTheGivenRoomAndHoldAtMostTheLimit() {
    BuildingId b = building("overview-pages");
    List<Reading> readings = new ArrayList<>();
    for (String room : List.of("a", "a-1", "a.1", "a_1", "b", "B", "c")) {
      readings.add(reading(b, room, 20.0, T0));
    }
    store().append(readings);

    assertThat(store().overview(b, AROUND_T0, Optional.empty(), 3))
        .extracting(room -> room.room().value())
        .containsExactly("B", "a", "a-1");
    assertThat(store().overview(b, AROUND_T0, Optional.of(new RoomId("a-1")), 3))
        .extracting(room -> room.room().value())
        .containsExactly("a.1", "a_1", "b");
    assertThat(store().overview(b, AROUND_T0, Optional.of(new RoomId("b")), 3))
        .extracting(room -> room.room().value())
        .containsExactly("c");
    // A room that is not there still orders the rest: after "a0" come the ids that sort later.
    assertThat(store().overview(b, AROUND_T0, Optional.of(new RoomId("a0")), 2))
        .extracting(room -> room.room().value())
        .containsExactly("a_1", "b");
    assertThat(store().overview(b, AROUND_T0, Optional.of(new RoomId("c")), 3)).isEmpty();
  }

  @Test
  void overviewOfABuildingWithoutReadingsIsEmpty() {
    assertThat(overview(building("nobody"), AROUND_T0)).isEmpty();
  }

  @Test
  void overviewFindsReadingsAtEitherEndOfTime() {
    BuildingId b = building("overview-range");
    store()
        .append(
            List.of(
                reading(b, "old", 5.0, Reading.EARLIEST),
                reading(b, "new", 6.0, Window.LATEST),
                reading(b, "new", 7.0, T0)));

    assertThat(overview(b, ALL_TIME))
        .containsExactly(
            new RoomOverview(
                reading(b, "new", 6.0, Window.LATEST), new Aggregate(2, 13.0, 6.0, 7.0)),
            new RoomOverview(
                reading(b, "old", 5.0, Reading.EARLIEST), new Aggregate(1, 5.0, 5.0, 5.0)));
  }

  @Test
  void overviewCostsOneRequestToTheDatabasePerPageHoweverManyRooms() {
    Counted counted = counted();
    BuildingId b = building("overview-cost");
    List<Reading> readings = new ArrayList<>();
    for (int room = 0; room < 25; room++) {
      for (int i = 0; i < 4; i++) {
        readings.add(reading(b, "room-" + (100 + room), room + i, T0.minusSeconds(60 * i)));
      }
    }
    store().append(readings);
    ReadingStore store = counted.store();
    long before = counted.requests().getAsLong();

    List<RoomOverview> seen = new ArrayList<>();
    Optional<RoomId> after = Optional.empty();
    int pages = 0;
    do {
      List<RoomOverview> page = store.overview(b, AROUND_T0, after, 10);
      pages++;
      seen.addAll(page);
      after = page.size() < 10 ? Optional.empty() : Optional.of(page.get(page.size() - 1).room());
    } while (after.isPresent());

    assertThat(seen).hasSize(25);
    assertThat(seen.get(24).recent()).isEqualTo(new Aggregate(4, 4 * 24 + 6.0, 24.0, 27.0));
    assertThat(pages).isEqualTo(3);
    assertThat(counted.requests().getAsLong() - before).isEqualTo(pages);
  }

  @Test
  void appendingNothingChangesNothing() {
    BuildingId b = building("b");
    store().append(List.of());

    assertThat(aggregate(b, "r", AROUND_T0)).isEqualTo(Aggregate.EMPTY);
  }

  private AlertEvaluationService alerting(ReadingStore store, int pageSize, AlertRule... rules) {
    AlertRules inForce = new AlertRules(List.of(rules));
    return new AlertEvaluationService(
        store,
        store,
        new AlertRuleSource() {
          @Override
          public AlertRules load() {
            return inForce;
          }

          @Override
          public String describe() {
            return "contract rules";
          }
        },
        AlertNotifier.NONE,
        new AlertingSettings(
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(15),
            Duration.ZERO,
            0,
            pageSize,
            "http://dashboard"),
        Clock.fixed(T0, ZoneOffset.UTC),
        EvaluationObserver.NONE);
  }

  private static AlertRule above(String name, BuildingId building, Duration window, double value) {
    return new AlertRule(
        new AlertName(name),
        RoomSelector.building(building),
        new Condition.Threshold(Statistic.AVERAGE, window, Condition.Direction.ABOVE, value, value),
        Duration.ZERO,
        Map.of(),
        Map.of());
  }

  private static AlertRule silentFor(String name, BuildingId building, Duration after) {
    return new AlertRule(
        new AlertName(name),
        RoomSelector.building(building),
        new Condition.Silence(after),
        Duration.ZERO,
        Map.of(),
        Map.of());
  }

  @Test
  void alertEvaluationFindsTheHotRoomAndTheSilentOneOfThisStore() {
    BuildingId b = building("alerts");
    store()
        .append(
            List.of(
                reading(b, "hot", 20.0, T0.minusSeconds(900)),
                reading(b, "hot", 39.0, T0.minusSeconds(60)),
                reading(b, "hot", 41.0, T0),
                reading(b, "cool", 20.0, T0.minusSeconds(30)),
                reading(b, "quiet", 25.0, T0.minusSeconds(7200))));
    AlertEvaluationService service =
        alerting(
            store(),
            1000,
            above("TooHot", b, Duration.ofMinutes(10), 30),
            silentFor("Silent", b, Duration.ofHours(1)));

    service.evaluate();

    assertThat(service.active().alerts())
        .extracting(alert -> alert.rule().value() + " " + alert.room() + " " + alert.value())
        .containsExactly("TooHot hot 40.0", "Silent quiet 7200.0");
    assertThat(service.active().alerts()).extracting(Alert::state).containsOnly(AlertState.FIRING);
  }

  @Test
  void alertEvaluationCostsOneRequestPerBuildingRuleWindowAndPage() {
    Counted counted = counted();
    BuildingId one = building("alerts-one");
    BuildingId two = building("alerts-two");
    List<Reading> readings = new ArrayList<>();
    for (int room = 0; room < 25; room++) {
      readings.add(reading(one, "room-" + (100 + room), room, T0.minusSeconds(room)));
      readings.add(reading(two, "room-" + (100 + room), room, T0.minusSeconds(room)));
    }
    store().append(readings);
    AlertRule[] rules = {
      above("OneHot", one, Duration.ofMinutes(5), 20),
      above("OneWarm", one, Duration.ofMinutes(15), 10),
      above("TwoHot", two, Duration.ofMinutes(5), 20),
      silentFor("OneSilent", one, Duration.ofSeconds(10)),
      silentFor("TwoSilent", two, Duration.ofSeconds(10))
    };

    long before = counted.requests().getAsLong();
    AlertEvaluationService onePage =
        alerting(counted.store(), AlertingSettings.ROOMS_PER_QUERY, rules);
    onePage.evaluate();
    long asked = counted.requests().getAsLong() - before;

    before = counted.requests().getAsLong();
    alerting(counted.store(), 10, rules).evaluate();
    long askedInPages = counted.requests().getAsLong() - before;

    // A page exactly as large as the building: the page is full, so one more (empty) is asked.
    before = counted.requests().getAsLong();
    alerting(counted.store(), 25, rules).evaluate();
    long askedInFullPages = counted.requests().getAsLong() - before;

    // Building one: windows 5m and 15m; building two: 5m. The silences ride along.
    assertThat(asked).isEqualTo(3);
    assertThat(askedInPages).isEqualTo(3 * 3);
    assertThat(askedInFullPages).isEqualTo(3 * 2);
    assertThat(onePage.active().alerts())
        .filteredOn(alert -> alert.rule().value().equals("OneWarm"))
        .hasSize(14);
    assertThat(onePage.active().alerts())
        .filteredOn(alert -> alert.rule().value().endsWith("Silent"))
        .hasSize(2 * 14);
  }
}
