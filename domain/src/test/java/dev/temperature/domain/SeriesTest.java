package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesTest {
  private static final Interval HOUR = Interval.parse("1h");

  @ParameterizedTest
  @CsvSource({
    "2024-12-10T16:45:00Z, 1h, 2024-12-10T16:00:00Z",
    "2024-12-10T16:00:00Z, 1h, 2024-12-10T16:00:00Z",
    "2024-12-10T15:59:59.999Z, 1h, 2024-12-10T15:00:00Z",
    "2024-12-10T16:45:00Z, 1d, 2024-12-10T00:00:00Z",
    "2024-12-10T16:45:00Z, 1w, 2024-12-05T00:00:00Z",
    "1969-12-31T23:30:00Z, 1h, 1969-12-31T23:00:00Z",
    "1950-06-01T12:34:56Z, 15m, 1950-06-01T12:30:00Z"
  })
  void bucketsAreAlignedToMultiplesOfTheIntervalSinceTheEpoch(
      String moment, String interval, String start) {
    assertThat(Interval.parse(interval).bucketStart(Instant.parse(moment)))
        .isEqualTo(Instant.parse(start));
  }

  @Test
  void anIntervalIsAtMostAYearAndADayAndNeverOverflowsInMilliseconds() {
    assertThat(Interval.parse("366d").millis()).isEqualTo(366L * 86_400_000);
    assertThatThrownBy(() -> Interval.parse("367d"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("longer than the maximum of 366d");
    assertThatThrownBy(() -> Interval.parse("106751991167w"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("longer than the maximum of 366d")
        .extracting(e -> ((InvalidValueException) e).subject())
        .isEqualTo(InvalidValueException.Subject.INTERVAL);
  }

  @Test
  void emptyBucketsAreFilledInAndTheEndsAreTheBucketsHoldingTheWindowEnds() {
    Window window =
        new Window(Instant.parse("2024-12-10T10:30:00Z"), Instant.parse("2024-12-10T13:00:00Z"));
    TimeBucket eleven =
        new TimeBucket(Instant.parse("2024-12-10T11:00:00Z"), new Aggregate(2, 40, 19, 21));

    Series series = Series.of(window, HOUR, List.of(eleven));

    assertThat(series.buckets())
        .extracting(TimeBucket::start)
        .containsExactly(
            Instant.parse("2024-12-10T10:00:00Z"),
            Instant.parse("2024-12-10T11:00:00Z"),
            Instant.parse("2024-12-10T12:00:00Z"),
            Instant.parse("2024-12-10T13:00:00Z"));
    assertThat(series.buckets().get(0).aggregate()).isEqualTo(Aggregate.EMPTY);
    assertThat(series.buckets().get(1)).isEqualTo(eleven);
    assertThat(Series.bucketCount(window, HOUR)).isEqualTo(4);
  }

  @Test
  void aBucketNotOnTheAlignmentIsAStorageBug() {
    Window window =
        new Window(Instant.parse("2024-12-10T10:00:00Z"), Instant.parse("2024-12-10T12:00:00Z"));
    TimeBucket misaligned =
        new TimeBucket(Instant.parse("2024-12-10T10:30:00Z"), new Aggregate(1, 1, 1, 1));

    assertThatThrownBy(() -> Series.of(window, HOUR, List.of(misaligned)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPeriodOfAtMostAPageOfBucketsIsAnsweredWhole() {
    Window day =
        new Window(Instant.parse("2024-12-10T00:00:00Z"), Instant.parse("2024-12-10T23:59:59Z"));

    assertThat(Series.bucketCount(day, HOUR)).isEqualTo(24);
    assertThat(Series.firstPage(day, HOUR, 24)).isEqualTo(day);
    assertThat(Series.rest(day, day)).isEmpty();
  }

  @Test
  void aLongerPeriodIsAnsweredAPageOfBucketsAtATimeFromABucketBoundary() {
    Window asked =
        new Window(Instant.parse("2024-12-10T00:30:00Z"), Instant.parse("2024-12-10T23:59:59Z"));

    Window page = Series.firstPage(asked, HOUR, 23);

    assertThat(Series.bucketCount(asked, HOUR)).isEqualTo(24);
    assertThat(page)
        .isEqualTo(
            new Window(
                Instant.parse("2024-12-10T00:30:00Z"), Instant.parse("2024-12-10T22:59:59.999Z")));
    assertThat(Series.bucketCount(page, HOUR)).isEqualTo(23);
    assertThat(Series.rest(asked, page))
        .contains(new Window(Instant.parse("2024-12-10T23:00:00Z"), asked.to()));
    assertThat(Series.firstPage(asked, HOUR, 1).to())
        .isEqualTo(Instant.parse("2024-12-10T00:59:59.999Z"));
    assertThatThrownBy(() -> Series.firstPage(asked, HOUR, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCalendarSeriesIsPagedAtItsOwnBucketBoundaries() {
    Zone zurich = Zone.parse("Europe/Zurich");
    Bucketing days = Bucketing.parse("1d", zurich);
    Bucketing months = Bucketing.parse("1M", zurich);
    // Zurich's spring change: 2024-03-31 has 23 hours, so a page of days is not a multiple of 24h.
    Window asked =
        new Window(Instant.parse("2024-03-30T10:00:00Z"), Instant.parse("2024-04-02T10:00:00Z"));

    Window page = Series.firstPage(asked, days, 2);

    assertThat(page).isEqualTo(new Window(asked.from(), Instant.parse("2024-03-31T21:59:59.999Z")));
    assertThat(Series.bucketCount(page, days)).isEqualTo(2);
    assertThat(Series.rest(asked, page))
        .contains(new Window(Instant.parse("2024-03-31T22:00:00Z"), asked.to()));
    Window year =
        new Window(Instant.parse("2024-01-15T00:00:00Z"), Instant.parse("2024-12-15T00:00:00Z"));
    assertThat(Series.firstPage(year, months, 2).to())
        .isEqualTo(Instant.parse("2024-02-29T22:59:59.999Z"));
    assertThat(Series.firstPage(year, months, 12)).isEqualTo(year);
  }

  @Test
  void aSeriesCarriesTheRestOfItsPeriod() {
    Window window = new Window(Instant.EPOCH, Instant.EPOCH.plusSeconds(7199));
    Window rest = new Window(Instant.EPOCH.plusSeconds(7200), Instant.EPOCH.plusSeconds(9999));

    Series series = Series.of(window, HOUR, List.of()).followedBy(Optional.of(rest));

    assertThat(Series.of(window, HOUR, List.of()).rest()).isEmpty();
    assertThat(series.rest()).contains(rest);
    assertThat(series.buckets()).hasSize(2);
  }

  @Test
  void intervalsFollowTheDurationGrammar() {
    assertThat(Interval.parse("PT15M").millis()).isEqualTo(900_000);
    assertThatThrownBy(() -> Interval.parse("15M"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("interval '15M'");
    assertThatThrownBy(() -> Interval.parse(null)).hasMessageContaining("interval is required");
  }

  @Test
  void statisticsOfAWindowHaveMeanMinAndMaxOrNothing() {
    Window window = new Window(Instant.EPOCH, Instant.EPOCH.plusSeconds(60));

    Statistics some = Statistics.of(window, new Aggregate(3, 61, 19.5, 21.25));
    assertThat(some.count()).isEqualTo(3);
    assertThat(some.average()).hasValue(Temperature.celsius(20.333));
    assertThat(some.min()).hasValue(Temperature.celsius(19.5));
    assertThat(some.max()).hasValue(Temperature.celsius(21.25));

    Statistics none = Statistics.of(window, Aggregate.EMPTY);
    assertThat(none.average()).isEmpty();
    assertThat(none.min()).isEmpty();
    assertThat(none.max()).isEmpty();
  }
}
