package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AverageTest {
  private static final Window WINDOW =
      new Window(Instant.parse("2024-12-10T16:30:00Z"), Instant.parse("2024-12-10T16:45:00Z"));

  @Test
  void emptyWindowHasNoValueAndCountZero() {
    Average average = Average.of(WINDOW, Aggregate.EMPTY);
    assertThat(average.count()).isZero();
    assertThat(average.value()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "2, 21.0, 10.5, 10.5, 10.5",
    "3, 60.0, 19.0, 21.0, 20.0",
    "3, 1.0, 0.0, 1.0, 0.333",
    "3, 2.0, 0.0, 1.0, 0.667",
    "2, 20.299999999999997, 10.1, 10.2, 10.15",
    "2, -0.001, -0.001, 0.0, -0.001"
  })
  void meanIsRoundedHalfUpToThreeDecimals(
      long count, double sum, double min, double max, double expected) {
    Average average = Average.of(WINDOW, new Aggregate(count, sum, min, max));
    assertThat(average.value()).get().extracting(Temperature::celsius).isEqualTo(expected);
    assertThat(average.count()).isEqualTo(count);
  }

  @Test
  void meanOfReadingsAtAbsoluteZeroStaysValidDespiteSummationError() {
    double sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += -273.15;
    }
    Average average = Average.of(WINDOW, new Aggregate(10, sum, -273.15, -273.15));
    assertThat(average.value()).get().extracting(Temperature::celsius).isEqualTo(-273.15);
  }

  @Test
  void aggregateRefusesInconsistentValues() {
    assertThatThrownBy(() -> new Aggregate(-1, 0, Double.NaN, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Aggregate(0, 5, Double.NaN, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Aggregate(2, 5, 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Aggregate.of(0, 0, 0, 0)).isEqualTo(Aggregate.EMPTY);
  }
}
