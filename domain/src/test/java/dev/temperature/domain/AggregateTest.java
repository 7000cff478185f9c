package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AggregateTest {
  @Test
  void aggregatesAddUpCountsAndSumsAndKeepTheExtremes() {
    Aggregate morning = new Aggregate(2, 40.0, 19.0, 21.0);
    Aggregate evening = new Aggregate(3, 66.0, 20.0, 24.0);

    assertThat(morning.plus(evening)).isEqualTo(new Aggregate(5, 106.0, 19.0, 24.0));
    assertThat(evening.plus(morning)).isEqualTo(new Aggregate(5, 106.0, 19.0, 24.0));
  }

  @Test
  void theEmptyAggregateChangesNothing() {
    Aggregate some = new Aggregate(1, 20.5, 20.5, 20.5);

    assertThat(some.plus(Aggregate.EMPTY)).isSameAs(some);
    assertThat(Aggregate.EMPTY.plus(some)).isSameAs(some);
    assertThat(Aggregate.EMPTY.plus(Aggregate.EMPTY)).isEqualTo(Aggregate.EMPTY);
  }

  @Test
  void averagesAndStatisticsCarryTheirResolution() {
    Window window = new Window(java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(3600));
    Aggregate aggregate = new Aggregate(2, 40.0, 19.0, 21.0);

    assertThat(Average.of(window, aggregate).resolution()).isEqualTo(Resolution.RAW);
    assertThat(Average.of(window, aggregate, Resolution.HOUR).resolution())
        .isEqualTo(Resolution.HOUR);
    assertThat(Statistics.of(window, aggregate).resolution()).isEqualTo(Resolution.RAW);
    assertThat(Statistics.of(window, Aggregate.EMPTY, Resolution.HOUR).resolution())
        .isEqualTo(Resolution.HOUR);
  }
}
