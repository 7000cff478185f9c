package dev.temperature.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.in.AverageQuery;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.domain.Average;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Lookback;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AverageTemperatureServiceTest {
  private static final Instant NOW = Instant.parse("2024-12-10T16:45:00.999999Z");
  private static final Instant NOW_MS = Instant.parse("2024-12-10T16:45:00.999Z");
  private static final BuildingId BUILDING = new BuildingId("b1");
  private static final RoomId ROOM = new RoomId("r1");

  private final InMemoryReadingStore store = new InMemoryReadingStore();
  private final AverageTemperatureService service =
      new AverageTemperatureService(store, Duration.ofDays(366), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void averagesTheReadingsOfTheLastFifteenMinutesBothEndsIncluded() {
    store.append(
        List.of(
            reading(10.0, NOW_MS.minus(Duration.ofMinutes(15))),
            reading(20.0, NOW_MS.minusSeconds(60)),
            reading(30.0, NOW_MS),
            reading(99.0, NOW_MS.minus(Duration.ofMinutes(15)).minusMillis(1))));

    Average average = service.average(new AverageQuery(BUILDING, ROOM, Lookback.parse("15m")));

    assertThat(average.count()).isEqualTo(3);
    assertThat(average.value()).get().extracting(Temperature::celsius).isEqualTo(20.0);
    assertThat(average.window().to()).isEqualTo(NOW_MS);
    assertThat(average.window().from()).isEqualTo(NOW_MS.minus(Duration.ofMinutes(15)));
  }

  @Test
  void anEmptyWindowHasNoAverage() {
    Average average = service.average(new AverageQuery(BUILDING, ROOM, Lookback.parse("1h")));

    assertThat(average.count()).isZero();
    assertThat(average.value()).isEmpty();
  }

  @Test
  void refusesLookbacksBeyondTheConfiguredMaximum() {
    AverageTemperatureService strict =
        new AverageTemperatureService(store, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(strict.average(new AverageQuery(BUILDING, ROOM, Lookback.parse("60m"))).count())
        .isZero();
    assertThatThrownBy(
            () -> strict.average(new AverageQuery(BUILDING, ROOM, Lookback.parse("61m"))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("maximum");
  }

  private static Reading reading(double celsius, Instant at) {
    return new Reading(BUILDING, ROOM, Temperature.celsius(celsius), at);
  }
}
