package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarIntervalTest {
  private static final Zone ZURICH = Zone.parse("Europe/Zurich");

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @ParameterizedTest
  @CsvSource({
    // moment, interval, zone, bucket start, next start
    "2024-03-31T12:00:00Z, 1d, Europe/Zurich, 2024-03-30T23:00:00Z, 2024-03-31T22:00:00Z",
    "2024-10-27T12:00:00Z, 1d, Europe/Zurich, 2024-10-26T22:00:00Z, 2024-10-27T23:00:00Z",
    "2024-03-30T23:00:00Z, P1D, Europe/Zurich, 2024-03-30T23:00:00Z, 2024-03-31T22:00:00Z",
    "2024-03-30T22:59:59.999Z, 1d, Europe/Zurich, 2024-03-29T23:00:00Z, 2024-03-30T23:00:00Z",
    "2024-03-28T18:29:59.999Z, 1d, Asia/Kolkata, 2024-03-27T18:30:00Z, 2024-03-28T18:30:00Z",
    "2024-03-28T18:30:00Z, 1d, Asia/Kolkata, 2024-03-28T18:30:00Z, 2024-03-29T18:30:00Z",
    "2024-12-10T16:45:00Z, 1d, UTC, 2024-12-10T00:00:00Z, 2024-12-11T00:00:00Z",
    "2024-02-29T12:00:00Z, 1M, UTC, 2024-02-01T00:00:00Z, 2024-03-01T00:00:00Z",
    "2023-02-28T12:00:00Z, P1M, UTC, 2023-02-01T00:00:00Z, 2023-03-01T00:00:00Z",
    "2024-01-31T23:30:00Z, 1M, Europe/Zurich, 2024-01-31T23:00:00Z, 2024-02-29T23:00:00Z",
    "2024-03-31T12:00:00Z, 1M, Europe/Zurich, 2024-02-29T23:00:00Z, 2024-03-31T22:00:00Z",
    "2024-12-10T16:45:00Z, 1w, UTC, 2024-12-09T00:00:00Z, 2024-12-16T00:00:00Z",
    "2024-12-09T00:00:00Z, P1W, UTC, 2024-12-09T00:00:00Z, 2024-12-16T00:00:00Z",
    "2024-12-08T23:59:59.999Z, 1w, UTC, 2024-12-02T00:00:00Z, 2024-12-09T00:00:00Z",
    "2024-03-31T12:00:00Z, 1w, Europe/Zurich, 2024-03-24T23:00:00Z, 2024-03-31T22:00:00Z",
    "2024-09-08T12:00:00Z, 1d, America/Santiago, 2024-09-08T04:00:00Z, 2024-09-09T03:00:00Z"
  })
  void bucketsStartAtLocalMidnightOfTheZonesCalendar(
      String moment, String interval, String zone, String start, String next) {
    Bucketing bucketing = Bucketing.parse(interval, Zone.parse(zone));

    assertThat(bucketing).isInstanceOf(CalendarInterval.class);
    assertThat(bucketing.bucketStart(at(moment))).isEqualTo(at(start));
    assertThat(bucketing.nextStart(at(start))).isEqualTo(at(next));
    assertThat(bucketing.text()).isEqualTo(interval);
  }

  @Test
  void daylightSavingDaysHave23And25Hours() {
    Bucketing day = Bucketing.parse("1d", ZURICH);
    Instant spring = day.bucketStart(at("2024-03-31T12:00:00Z"));
    Instant autumn = day.bucketStart(at("2024-10-27T12:00:00Z"));

    assertThat(Duration.between(spring, day.nextStart(spring))).isEqualTo(Duration.ofHours(23));
    assertThat(Duration.between(autumn, day.nextStart(autumn))).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void bucketCountsFollowTheCalendar() {
    assertThat(
            Bucketing.parse("1d", ZURICH)
                .bucketCount(new Window(at("2024-03-29T12:00:00Z"), at("2024-04-01T12:00:00Z"))))
        .isEqualTo(4);
    assertThat(
            Bucketing.parse("1M", Zone.UTC)
                .bucketCount(new Window(at("2023-12-30T00:00:00Z"), at("2024-03-01T00:00:00Z"))))
        .isEqualTo(4);
    assertThat(
            Bucketing.parse("1w", Zone.UTC)
                .bucketCount(new Window(at("2024-02-20T06:00:00Z"), at("2024-03-01T00:00:00Z"))))
        .isEqualTo(2);
    assertThat(
            Bucketing.parse("1d", Zone.UTC)
                .bucketCount(new Window(at("2024-02-20T06:00:00Z"), at("2024-02-20T07:00:00Z"))))
        .isEqualTo(1);
  }

  @Test
  void otherLengthsAreFixedAndAlignedToTheEpochWhateverTheZone() {
    Bucketing hours = Bucketing.parse("1h", Zone.parse("Asia/Kolkata"));
    Bucketing week = Bucketing.parse("7d", ZURICH);

    assertThat(hours).isEqualTo(Interval.parse("1h"));
    assertThat(hours.bucketStart(at("2024-03-28T18:45:00Z"))).isEqualTo(at("2024-03-28T18:00:00Z"));
    assertThat(week.bucketStart(at("2024-12-10T16:45:00Z"))).isEqualTo(at("2024-12-05T00:00:00Z"));
    assertThat(Bucketing.parse("2d", ZURICH)).isInstanceOf(Interval.class);
    assertThat(Bucketing.parse("1m", ZURICH)).isEqualTo(Interval.parse("1m"));
  }

  @Test
  void onlyTheCalendarUnitsAreCalendarIntervals() {
    assertThat(CalendarInterval.parse(null, Zone.UTC)).isEmpty();
    assertThat(CalendarInterval.parse("2w", Zone.UTC)).isEmpty();
    assertThat(CalendarInterval.parse("1M", Zone.UTC))
        .hasValueSatisfying(
            month -> assertThat(month.unit()).isEqualTo(CalendarInterval.Unit.MONTH));
    // Written exactly so, as the API document states the texts: no spaces, no leading zeros.
    assertThat(CalendarInterval.parse(" 1M ", Zone.UTC)).isEmpty();
    assertThat(CalendarInterval.parse("01d", Zone.UTC)).isEmpty();
    assertThat(CalendarInterval.texts())
        .containsExactlyInAnyOrder("1d", "P1D", "1w", "P1W", "1M", "P1M");
    assertThatThrownBy(() -> Bucketing.parse(null, Zone.UTC))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("interval is required");
    assertThatThrownBy(() -> Bucketing.parse("1D", Zone.UTC))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new CalendarInterval("1d", CalendarInterval.Unit.DAY, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aSeriesInZurichHasItsDaysClippedToTheWindow() {
    Window window = new Window(at("2024-03-30T12:00:00Z"), at("2024-03-31T23:00:00Z"));
    Bucketing day = Bucketing.parse("1d", ZURICH);

    List<Series.Stretch> stretches = Series.stretches(window, day);

    assertThat(stretches)
        .containsExactly(
            new Series.Stretch(
                at("2024-03-29T23:00:00Z"), at("2024-03-30T12:00:00Z"), at("2024-03-30T23:00:00Z")),
            new Series.Stretch(
                at("2024-03-30T23:00:00Z"), at("2024-03-30T23:00:00Z"), at("2024-03-31T22:00:00Z")),
            new Series.Stretch(
                at("2024-03-31T22:00:00Z"),
                at("2024-03-31T22:00:00Z"),
                at("2024-03-31T23:00:00.001Z")));
    Series series =
        Series.of(
            window,
            day,
            List.of(new TimeBucket(at("2024-03-30T23:00:00Z"), new Aggregate(1, 2, 2, 2))),
            Resolution.HOUR);
    assertThat(series.buckets())
        .extracting(TimeBucket::aggregate)
        .containsExactly(Aggregate.EMPTY, new Aggregate(1, 2, 2, 2), Aggregate.EMPTY);
    assertThat(series.resolution()).isEqualTo(Resolution.HOUR);
    assertThatThrownBy(
            () ->
                Series.of(
                    window,
                    day,
                    List.of(new TimeBucket(at("2024-03-31T00:00:00Z"), new Aggregate(1, 2, 2, 2)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not aligned to 1d");
  }

  @Test
  void zonesAreNamesOfTheIanaDatabase() {
    assertThat(Zone.parse("Europe/Zurich").id().getId()).isEqualTo("Europe/Zurich");
    assertThat(Zone.parse("UTC")).isEqualTo(Zone.UTC);
    assertThat(Zone.UTC.toString()).isEqualTo("UTC");
    assertThat(Zone.names())
        .contains("UTC", "Europe/Zurich", "Asia/Kolkata")
        .hasSizeGreaterThan(500);
    for (String bad :
        List.of("Europe/Zurch", "+01:00", "GMT+1", "CET1", "Z", " UTC ", "utc", "europe/zurich")) {
      assertThatThrownBy(() -> Zone.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("tz '" + bad + "'")
          .extracting(e -> ((InvalidValueException) e).subject())
          .isEqualTo(InvalidValueException.Subject.TIME_ZONE);
    }
    assertThatThrownBy(() -> Zone.parse(""))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("tz must name a time zone");
    assertThatThrownBy(() -> Zone.parse(null)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new Zone(null)).isInstanceOf(NullPointerException.class);
  }
}
