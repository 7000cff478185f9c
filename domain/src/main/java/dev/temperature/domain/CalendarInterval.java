package dev.temperature.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Buckets of one local calendar day, ISO week (Monday to Sunday) or month in a time zone. Each
 * starts at local midnight, or at the first moment of the day where midnight falls in a daylight
 * saving gap, so a day of a DST change has 23 or 25 hours and a month its own length.
 */
public record CalendarInterval(String text, Unit unit, Zone zone) implements Bucketing {
  /** The calendar units a series can be split into. */
  public enum Unit {
    DAY(ChronoUnit.DAYS),
    WEEK(ChronoUnit.WEEKS),
    MONTH(ChronoUnit.MONTHS);

    private final ChronoUnit chrono;

    Unit(ChronoUnit chrono) {
      this.chrono = chrono;
    }
  }

  private static final Map<String, Unit> TEXTS =
      Map.of(
          "1d",
          Unit.DAY,
          "P1D",
          Unit.DAY,
          "1w",
          Unit.WEEK,
          "P1W",
          Unit.WEEK,
          "1M",
          Unit.MONTH,
          "P1M",
          Unit.MONTH);

  public CalendarInterval {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(zone, "zone");
  }

  /** The texts that name calendar units, written exactly so. */
  public static Set<String> texts() {
    return TEXTS.keySet();
  }

  /** The calendar interval {@code text} names, if it names one: see {@link Bucketing#parse}. */
  public static Optional<CalendarInterval> parse(String text, Zone zone) {
    if (text == null) {
      return Optional.empty();
    }
    Unit unit = TEXTS.get(text);
    return unit == null ? Optional.empty() : Optional.of(new CalendarInterval(text, unit, zone));
  }

  @Override
  public Instant bucketStart(Instant moment) {
    return startOf(firstDay(LocalDate.ofInstant(moment, zone.id())));
  }

  @Override
  public Instant nextStart(Instant start) {
    return startOf(firstDay(LocalDate.ofInstant(start, zone.id())).plus(1, unit.chrono));
  }

  @Override
  public Instant startAfter(Instant start, int count) {
    return startOf(firstDay(LocalDate.ofInstant(start, zone.id())).plus(count, unit.chrono));
  }

  @Override
  public long bucketCount(Window window) {
    LocalDate first = firstDay(LocalDate.ofInstant(window.from(), zone.id()));
    LocalDate last = firstDay(LocalDate.ofInstant(window.to(), zone.id()));
    return unit.chrono.between(first, last) + 1;
  }

  /** The first local day of the bucket that holds {@code day}. */
  private LocalDate firstDay(LocalDate day) {
    return switch (unit) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  private Instant startOf(LocalDate day) {
    return day.atStartOfDay(zone.id()).toInstant();
  }
}
