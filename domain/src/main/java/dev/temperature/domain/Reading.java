package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One temperature measured in one room at one moment. A reading is identified by building, room and
 * {@code recordedAt}; the moment is kept at millisecond precision, the finest that every supported
 * storage engine round-trips, so two readings within the same millisecond are the same reading.
 */
public record Reading(
    BuildingId building, RoomId room, Temperature temperature, Instant recordedAt) {

  /**
   * The earliest moment a reading may carry. Old enough for any historical import, and well inside
   * the range of every storage engine (InfluxDB stops at 1677).
   */
  public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

  public Reading {
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(recordedAt, "recordedAt");
    if (recordedAt.isBefore(EARLIEST)) {
      throw new InvalidValueException(
          Subject.RECORDED_AT,
          "recorded_at must not be before " + EARLIEST + ", got " + recordedAt);
    }
    recordedAt = recordedAt.truncatedTo(ChronoUnit.MILLIS);
  }
}
