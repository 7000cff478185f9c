package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolutionTest {
  @ParameterizedTest
  @CsvSource({
    "HOUR, 2024-03-10T10:00:00Z, 2024-03-10T10:00:00Z, 2024-03-10T10:00:00Z, true",
    "HOUR, 2024-03-10T10:00:00.001Z, 2024-03-10T10:00:00Z, 2024-03-10T11:00:00Z, false",
    "HOUR, 2024-03-10T10:59:59.999Z, 2024-03-10T10:00:00Z, 2024-03-10T11:00:00Z, false",
    "HOUR, 1969-12-31T23:30:00Z, 1969-12-31T23:00:00Z, 1970-01-01T00:00:00Z, false",
    "HOUR, 1900-01-01T00:00:00Z, 1900-01-01T00:00:00Z, 1900-01-01T00:00:00Z, true",
    "DAY, 2024-03-10T10:00:00Z, 2024-03-10T00:00:00Z, 2024-03-11T00:00:00Z, false",
    "DAY, 2024-03-10T00:00:00Z, 2024-03-10T00:00:00Z, 2024-03-10T00:00:00Z, true",
    "DAY, 1969-12-31T23:30:00Z, 1969-12-31T00:00:00Z, 1970-01-01T00:00:00Z, false",
    "RAW, 2024-03-10T10:00:00.123Z, 2024-03-10T10:00:00.123Z, 2024-03-10T10:00:00.123Z, true"
  })
  void unitsFloorAndCeilInUtcAlsoBefore1970(
      Resolution unit, String moment, String floor, String ceil, boolean aligned) {
    Instant at = Instant.parse(moment);

    assertThat(unit.floor(at)).isEqualTo(Instant.parse(floor));
    assertThat(unit.ceil(at)).isEqualTo(Instant.parse(ceil));
    assertThat(unit.isAligned(at)).isEqualTo(aligned);
  }

  @Test
  void aMomentFinerThanAMillisecondIsNeverAligned() {
    Instant hour = Instant.parse("2024-03-10T10:00:00Z");

    assertThat(Resolution.HOUR.isAligned(hour.plusNanos(1))).isFalse();
    assertThat(Resolution.HOUR.ceil(hour.plusNanos(1))).isEqualTo(hour.plusSeconds(3600));
    assertThat(Resolution.RAW.isAligned(hour.plusNanos(1))).isFalse();
  }

  @Test
  void labelsAndUnitsAreWhatTheApiSays() {
    assertThat(Resolution.RAW.label()).isEqualTo("raw");
    assertThat(Resolution.HOUR.label()).isEqualTo("hour");
    assertThat(Resolution.DAY.label()).isEqualTo("day");
    assertThat(Resolution.RAW.unit()).isEqualTo(Duration.ofMillis(1));
    assertThat(Resolution.HOUR.unit()).isEqualTo(Duration.ofHours(1));
    assertThat(Resolution.DAY.unit()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void spansAreNonEmptyAndOnTheirUnits() {
    Instant ten = Instant.parse("2024-03-10T10:00:00Z");

    assertThat(Span.raw(ten.plusMillis(7), ten.plusMillis(8)).resolution())
        .isEqualTo(Resolution.RAW);
    assertThatThrownBy(() -> Span.raw(ten, ten))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be before");
    assertThatThrownBy(() -> Span.hours(ten, ten.plusSeconds(1800)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hour");
    assertThatThrownBy(() -> Span.hours(ten.plusSeconds(1800), ten.plusSeconds(7200)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Span.days(ten, ten.plus(Duration.ofDays(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("day");
    assertThatThrownBy(() -> Span.raw(ten, ten.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Span(null, ten, ten.plusSeconds(1)))
        .isInstanceOf(NullPointerException.class);
  }
}
