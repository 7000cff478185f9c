package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadingTest {
  private static final BuildingId BUILDING = new BuildingId("b1");
  private static final RoomId ROOM = new RoomId("r1");

  @Test
  void keepsMillisecondsAndDropsFinerPrecision() {
    Reading reading =
        new Reading(
            BUILDING, ROOM, Temperature.celsius(20), Instant.parse("2024-12-10T16:45:00.123987Z"));
    assertThat(reading.recordedAt()).isEqualTo(Instant.parse("2024-12-10T16:45:00.123Z"));
  }

  @Test
  void readingsInTheSameMillisecondAreEqual() {
    Reading a =
        new Reading(
            BUILDING, ROOM, Temperature.celsius(20), Instant.parse("2024-01-01T00:00:00.5001Z"));
    Reading b =
        new Reading(
            BUILDING, ROOM, Temperature.celsius(20), Instant.parse("2024-01-01T00:00:00.5009Z"));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void refusesMomentsBeforeTheEarliestSupportedTime() {
    assertThat(new Reading(BUILDING, ROOM, Temperature.celsius(1), Reading.EARLIEST).recordedAt())
        .isEqualTo(Reading.EARLIEST);
    assertThatThrownBy(
            () ->
                new Reading(
                    BUILDING, ROOM, Temperature.celsius(1), Reading.EARLIEST.minusMillis(1)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("1900-01-01");
  }

  @Test
  void refusesMissingParts() {
    assertThatThrownBy(() -> new Reading(BUILDING, null, Temperature.celsius(1), Instant.EPOCH))
        .isInstanceOf(NullPointerException.class);
  }
}
