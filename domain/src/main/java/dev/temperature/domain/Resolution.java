package dev.temperature.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How finely an answer was computed: from every reading ({@link #RAW}), or from the hourly or daily
 * rollups ({@link #HOUR}, {@link #DAY}), which keep a room's count, sum, lowest and highest value
 * per UTC hour and per UTC day.
 *
 * <p>Rollups answer whole hours and days exactly as the readings would; an answer is named after
 * the coarsest resolution it had to fall back to because finer data was no longer kept.
 */
public enum Resolution {
  RAW("raw", Duration.ofMillis(1)),
  HOUR("hour", Duration.ofHours(1)),
  DAY("day", Duration.ofDays(1));

  private final String label;
  private final long unitMillis;

  Resolution(String label, Duration unit) {
    this.label = label;
    this.unitMillis = unit.toMillis();
  }

  /** The name the API writes: {@code raw}, {@code hour}, {@code day}. */
  public String label() {
    return label;
  }

  /** The length of one unit: a millisecond (a reading's precision), an hour, a day. */
  public Duration unit() {
    return Duration.ofMillis(unitMillis);
  }

  /** The start of the unit that holds {@code moment}, in UTC; floor, also before 1970. */
  public Instant floor(Instant moment) {
    return Instant.ofEpochMilli(Math.floorDiv(moment.toEpochMilli(), unitMillis) * unitMillis);
  }

  /** The first unit start at or after {@code moment}. */
  public Instant ceil(Instant moment) {
    Instant floor = floor(moment);
    return floor.toEpochMilli() == moment.toEpochMilli() && moment.getNano() % 1_000_000 == 0
        ? floor
        : floor.plusMillis(unitMillis);
  }

  /** Whether {@code moment} is the start of a unit. */
  public boolean isAligned(Instant moment) {
    return moment.getNano() % 1_000_000 == 0
        && Math.floorMod(moment.toEpochMilli(), unitMillis) == 0;
  }
}
