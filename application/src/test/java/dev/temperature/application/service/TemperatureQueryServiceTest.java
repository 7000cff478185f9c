package dev.temperature.application.service;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.in.PeriodQuery;
import dev.temperature.application.port.in.SeriesQuery;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.Average;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Lookback;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Series;
import dev.temperature.domain.Statistics;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemperatureQueryServiceTest {
  private static final Instant NOW = Instant.parse("2024-12-10T16:45:00.999999Z");
  private static final Instant NOW_MS = Instant.parse("2024-12-10T16:45:00.999Z");
  private static final BuildingId BUILDING = new BuildingId("b1");
  private static final RoomId ROOM = new RoomId("r1");

  private final InMemoryReadingStore store = new InMemoryReadingStore();
  private final TemperatureQueryService service =
      new TemperatureQueryService(
          store, store, QueryLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

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
            store, store, new QueryLimits(Duration.ofDays(366), 2, 10), Clock.fixed(NOW, UTC));
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
            store, store, new QueryLimits(Duration.ofDays(1), 24, 10), Clock.fixed(NOW, UTC));

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
}
