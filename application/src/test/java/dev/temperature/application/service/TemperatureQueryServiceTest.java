package dev.temperature.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.in.PeriodQuery;
import dev.temperature.application.port.in.SeriesQuery;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.application.port.out.RollupReadings;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.Average;
import dev.temperature.domain.Bucketing;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Lookback;
import dev.temperature.domain.Reading;
import dev.temperature.domain.Resolution;
import dev.temperature.domain.Retention;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Series;
import dev.temperature.domain.Span;
import dev.temperature.domain.Statistics;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import dev.temperature.domain.Zone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemperatureQueryServiceTest {
  private static final Instant NOW = Instant.parse("2024-12-10T16:45:00.999999Z");
  private static final Instant NOW_MS = Instant.parse("2024-12-10T16:45:00.999Z");
  private static final BuildingId BUILDING = new BuildingId("b1");
  private static final RoomId ROOM = new RoomId("r1");

  private final InMemoryReadingStore store = new InMemoryReadingStore();
  private final TemperatureQueryService service =
      new TemperatureQueryService(
          store, store, store, QueryLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void averagesTheReadingsOfTheLastFifteenMinutesBothEndsIncluded() {
    store.append(
        List.of(
            reading(10.0, NOW_MS.minus(Duration.ofMinutes(15))),
            reading(20.0, NOW_MS.minusSeconds(60)),
            reading(30.0, NOW_MS),
            reading(99.0, NOW_MS.minus(Duration.ofMinutes(15)).minusMillis(1))));

    Average average = service.average(new PeriodQuery(BUILDING, ROOM, Lookback.parse("15m")));

    assertThat(average.count()).isEqualTo(3);
    assertThat(average.value()).get().extracting(Temperature::celsius).isEqualTo(20.0);
    assertThat(average.window().to()).isEqualTo(NOW_MS);
    assertThat(average.window().from()).isEqualTo(NOW_MS.minus(Duration.ofMinutes(15)));
  }

  @Test
  void anEmptyWindowHasNoAverage() {
    Average average = service.average(new PeriodQuery(BUILDING, ROOM, Lookback.parse("1h")));

    assertThat(average.count()).isZero();
    assertThat(average.value()).isEmpty();
  }

  @Test
  void refusesLookbacksBeyondTheConfiguredMaximum() {
    TemperatureQueryService strict =
        new TemperatureQueryService(
            store,
            store,
            store,
            new QueryLimits(Duration.ofHours(1), 10, 10),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(strict.average(new PeriodQuery(BUILDING, ROOM, Lookback.parse("60m"))).count())
        .isZero();
    assertThatThrownBy(() -> strict.average(new PeriodQuery(BUILDING, ROOM, Lookback.parse("61m"))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("maximum");
  }

  @Test
  void statisticsHaveCountAverageMinAndMax() {
    store.append(List.of(reading(18.0, NOW_MS.minusSeconds(60)), reading(22.5, NOW_MS)));

    Statistics stats = service.statistics(new PeriodQuery(BUILDING, ROOM, Lookback.parse("1h")));

    assertThat(stats.count()).isEqualTo(2);
    assertThat(stats.average()).hasValue(Temperature.celsius(20.25));
    assertThat(stats.min()).hasValue(Temperature.celsius(18.0));
    assertThat(stats.max()).hasValue(Temperature.celsius(22.5));
  }

  @Test
  void anExplicitWindowIsUsedAsGivenNotRelativeToNow() {
    Instant from = Instant.parse("2024-01-01T00:00:00Z");
    store.append(List.of(reading(10.0, from), reading(30.0, from.plusSeconds(3600))));

    Average average =
        service.average(
            new PeriodQuery(BUILDING, ROOM, Window.between(from, from.plusSeconds(60))));

    assertThat(average.count()).isEqualTo(1);
    assertThat(average.window().from()).isEqualTo(from);
  }

  @Test
  void aSeriesHasEveryBucketOfTheWindowEmptyOnesIncluded() {
    Instant start = Instant.parse("2024-12-10T13:00:00Z");
    store.append(
        List.of(reading(20.0, start.plusSeconds(600)), reading(24.0, start.plusSeconds(4200))));

    Series series =
        service.series(
            new SeriesQuery(
                BUILDING,
                ROOM,
                Window.between(start, start.plusSeconds(3 * 3600 - 1)),
                Interval.parse("1h")));

    assertThat(series.buckets()).hasSize(3);
    assertThat(series.buckets().get(0).aggregate().count()).isEqualTo(1);
    assertThat(series.buckets().get(1).aggregate().count()).isEqualTo(1);
    assertThat(series.buckets().get(2).aggregate()).isEqualTo(Aggregate.EMPTY);
  }

  @Test
  void aSeriesOfMoreBucketsThanAPageHoldsAnswersTheFirstPageAndTheRestOfThePeriod() {
    Instant start = Instant.parse("2024-12-10T13:00:00Z");
    store.append(
        List.of(reading(20.0, start.plusSeconds(600)), reading(24.0, start.plusSeconds(7300))));
    TemperatureQueryService paged =
        new TemperatureQueryService(
            store,
            store,
            store,
            new QueryLimits(Duration.ofDays(366), 2, 10),
            Clock.fixed(NOW, ZoneOffset.UTC));
    Window asked = Window.between(start, start.plusSeconds(3 * 3600 - 1));

    Series first = paged.series(new SeriesQuery(BUILDING, ROOM, asked, Interval.parse("1h")));
    Series second =
        paged.series(
            new SeriesQuery(BUILDING, ROOM, first.rest().orElseThrow(), Interval.parse("1h")));

    assertThat(first.buckets()).hasSize(2);
    assertThat(first.window())
        .isEqualTo(new Window(start, start.plusSeconds(2 * 3600).minusMillis(1)));
    assertThat(first.buckets().get(0).aggregate().count()).isEqualTo(1);
    assertThat(first.rest()).contains(new Window(start.plusSeconds(2 * 3600), asked.to()));
    assertThat(second.buckets()).hasSize(1);
    assertThat(second.buckets().get(0).aggregate().count()).isEqualTo(1);
    assertThat(second.rest()).isEmpty();
  }

  @Test
  void aLookbackLongerThanTheMaximumIsRefusedBeforeStorageIsAsked() {
    store.failWith(true);
    TemperatureQueryService capped =
        new TemperatureQueryService(
            store,
            store,
            store,
            new QueryLimits(Duration.ofDays(1), 24, 10),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThatThrownBy(
            () ->
                capped.series(
                    new SeriesQuery(BUILDING, ROOM, Lookback.parse("25h"), Interval.parse("1h"))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("maximum of 1d");
    assertThatThrownBy(() -> capped.average(new PeriodQuery(BUILDING, ROOM, Lookback.parse("25h"))))
        .isInstanceOf(InvalidValueException.class);
  }

  private static Reading reading(double celsius, Instant at) {
    return new Reading(BUILDING, ROOM, Temperature.celsius(celsius), at);
  }

  @Test
  void wholeHoursOfALongWindowComeFromTheRollupsAndItsEdgesFromTheReadings() {
    Instant start = Instant.parse("2024-12-01T00:00:00Z");
    List<Reading> readings = new java.util.ArrayList<>();
    for (int minute = 0; minute < 9 * 24 * 60; minute += 10) {
      readings.add(reading(20.0 + minute % 7, start.plus(Duration.ofMinutes(minute))));
    }
    store.append(readings);
    Window window = Window.between(start.plusSeconds(1234), NOW_MS);
    Aggregate raw = store.aggregate(BUILDING, ROOM, window);
    // Readings written behind the store's back reach the raw answer only: the difference shows
    // which part each came from.
    store.appendReadingsOnly(
        List.of(reading(99.0, start.plus(Duration.ofDays(3)).plusSeconds(30))));

    Statistics stats = service.statistics(new PeriodQuery(BUILDING, ROOM, window));

    assertThat(stats).isEqualTo(Statistics.of(window, raw));
    assertThat(stats.resolution()).isEqualTo(Resolution.RAW);
    assertThat(service.average(new PeriodQuery(BUILDING, ROOM, Lookback.parse("15m"))).count())
        .isEqualTo(store.aggregate(BUILDING, ROOM, Lookback.parse("15m").endingAt(NOW)).count());
  }

  @Test
  void pastTheRetentionTheAnswerComesFromHourlyRollupsAndSaysSo() {
    Instant start = NOW_MS.minus(Duration.ofDays(40));
    List<Reading> readings = new java.util.ArrayList<>();
    for (int hour = 0; hour < 40 * 24; hour++) {
      readings.add(reading(20.0, start.plus(Duration.ofHours(hour)).plusSeconds(600)));
    }
    store.append(readings);
    store.expireReadings(NOW_MS.minus(Duration.ofDays(31)));
    TemperatureQueryService kept =
        new TemperatureQueryService(
            store,
            store,
            store,
            QueryLimits.DEFAULT,
            new Retention(Optional.of(Duration.ofDays(30)), Optional.empty()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    Average average = kept.average(new PeriodQuery(BUILDING, ROOM, Lookback.parse("40d")));
    Series series =
        kept.series(
            new SeriesQuery(
                BUILDING, ROOM, Lookback.parse("40d"), Bucketing.parse("1d", Zone.UTC)));

    // The first reading's hour starts before the window: past the retention it does not count.
    assertThat(average.resolution()).isEqualTo(Resolution.HOUR);
    assertThat(average.count()).isEqualTo(40 * 24 - 1);
    assertThat(series.resolution()).isEqualTo(Resolution.HOUR);
    assertThat(
            kept.series(
                    new SeriesQuery(
                        BUILDING, ROOM, Lookback.parse("40d"), Bucketing.parse("1h", Zone.UTC)))
                .resolution())
        .as("fixed buckets past the retention come from the rollups too")
        .isEqualTo(Resolution.HOUR);
    assertThat(series.buckets().stream().mapToLong(bucket -> bucket.aggregate().count()).sum())
        .isEqualTo(40 * 24 - 1);
    assertThat(service.average(new PeriodQuery(BUILDING, ROOM, Lookback.parse("40d"))).count())
        .as("kept forever, every whole hour comes from its rollup, expired readings included")
        .isEqualTo(40 * 24 - 1);
  }

  @Test
  void aStoreThatAnswersTheWrongNumberOfSpansIsABug() {
    RollupReadings wrong =
        new RollupReadings() {
          @Override
          public List<Aggregate> aggregates(BuildingId building, RoomId room, List<Span> spans) {
            return List.of();
          }

          @Override
          public List<dev.temperature.domain.RoomOverview> overviews(
              BuildingId building, List<Span> spans, Optional<RoomId> after, int limit) {
            return List.of();
          }
        };
    TemperatureQueryService broken =
        new TemperatureQueryService(
            store, store, wrong, QueryLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThatThrownBy(() -> broken.average(new PeriodQuery(BUILDING, ROOM, Lookback.parse("3d"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0 aggregates for");
  }

  @Test
  void aWindowWithoutAWholeHourIsAnsweredByThePlainQueriesWithoutRollups() {
    RollupReadings unused = new RollupsNeverAsked();
    TemperatureQueryService plain =
        new TemperatureQueryService(
            store, store, unused, QueryLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    store.append(List.of(reading(18.0, NOW_MS.minusSeconds(600)), reading(22.0, NOW_MS)));

    Average average = plain.average(new PeriodQuery(BUILDING, ROOM, Lookback.parse("1h")));
    Series series =
        plain.series(
            new SeriesQuery(
                BUILDING, ROOM, Lookback.parse("1h"), Bucketing.parse("15m", Zone.UTC)));

    assertThat(average.count()).isEqualTo(2);
    assertThat(average.resolution()).isEqualTo(Resolution.RAW);
    assertThat(series.buckets().stream().mapToLong(bucket -> bucket.aggregate().count()).sum())
        .isEqualTo(2);
  }

  @Test
  void calendarSeriesAreReadOverSpansEvenWithoutAWholeHour() {
    Instant start = Instant.parse("2024-12-10T10:05:00Z");
    store.append(List.of(reading(18.0, start), reading(22.0, start.plusSeconds(60))));

    Series series =
        service.series(
            new SeriesQuery(
                BUILDING,
                ROOM,
                Window.between(start, start.plusSeconds(600)),
                Bucketing.parse("1d", Zone.parse("Europe/Zurich"))));

    assertThat(series.buckets())
        .containsExactly(
            new dev.temperature.domain.TimeBucket(
                Instant.parse("2024-12-09T23:00:00Z"), new Aggregate(2, 40.0, 18.0, 22.0)));
  }
}
