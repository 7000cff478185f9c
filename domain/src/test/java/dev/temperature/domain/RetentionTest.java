package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private static final Instant NOW = Instant.parse("2024-12-10T16:45:12.345Z");

  private static Retention retention(Duration raw, Duration rollups) {
    return new Retention(Optional.ofNullable(raw), Optional.ofNullable(rollups));
  }

  @Test
  void keptForeverEveryReadingIsThereAndNothingIsRemoved() {
    assertThat(Retention.FOREVER.rawFrom(NOW)).isEqualTo(Window.EARLIEST);
    assertThat(Retention.FOREVER.rawCutoff(NOW)).isEmpty();
    assertThat(Retention.FOREVER.rollupCutoff(NOW)).isEmpty();
  }

  @Test
  void readingsCountFromTheHourAfterTheEdgeAndGoAnHourBeforeItsHour() {
    Retention ninetyDays = retention(Duration.ofDays(90), null);

    assertThat(ninetyDays.rawFrom(NOW)).isEqualTo(Instant.parse("2024-09-11T17:00:00Z"));
    assertThat(ninetyDays.rawCutoff(NOW)).hasValue(Instant.parse("2024-09-11T15:00:00Z"));
    assertThat(ninetyDays.rollupCutoff(NOW)).isEmpty();
  }

  @Test
  void anEdgeOnTheHourIsItself() {
    Retention day = retention(Duration.ofDays(1), Duration.ofDays(30));
    Instant onTheHour = Instant.parse("2024-12-10T16:00:00Z");

    assertThat(day.rawFrom(onTheHour)).isEqualTo(Instant.parse("2024-12-09T16:00:00Z"));
    assertThat(day.rawCutoff(onTheHour)).hasValue(Instant.parse("2024-12-09T15:00:00Z"));
    assertThat(day.rollupCutoff(NOW)).hasValue(Instant.parse("2024-11-10T00:00:00Z"));
  }

  @Test
  void anEdgeBeforeTheEarliestReadingIsTheEarliest() {
    assertThat(retention(Duration.ofDays(366 * 200), null).rawFrom(NOW)).isEqualTo(Window.EARLIEST);
  }

  @Test
  void rollupsAreKeptAtLeastAsLongAsReadings() {
    assertThat(retention(Duration.ofDays(30), Duration.ofDays(30)).rollups())
        .hasValue(Duration.ofDays(30));
    assertThatThrownBy(() -> retention(Duration.ofDays(30), Duration.ofDays(29)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention.rollups")
        .hasMessageContaining("at least retention.raw");
    assertThatThrownBy(() -> retention(null, Duration.ofDays(29)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forever");
  }

  @Test
  void nothingIsKeptShorterThanAnHour() {
    assertThat(retention(Duration.ofHours(1), null).raw()).hasValue(Duration.ofHours(1));
    assertThatThrownBy(() -> retention(Duration.ofMinutes(59), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention.raw must be at least an hour");
    assertThatThrownBy(() -> retention(Duration.ofDays(1), Duration.ofMinutes(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention.rollups must be at least an hour");
    assertThatThrownBy(() -> new Retention(null, Optional.empty()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Retention(Optional.empty(), null))
        .isInstanceOf(NullPointerException.class);
  }
}
