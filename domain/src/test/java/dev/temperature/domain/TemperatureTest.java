package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemperatureTest {
  private static final Instant NOW = Instant.parse("2024-12-10T16:45:00Z");

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void refusesNonFiniteValues(double value) {
    assertThatThrownBy(() -> Temperature.celsius(value))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("finite");
  }

  @Test
  void acceptsAbsoluteZeroButNothingBelow() {
    assertThat(Temperature.celsius(-273.15).celsius()).isEqualTo(-273.15);
    assertThatThrownBy(() -> Temperature.celsius(-273.16))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("absolute zero");
  }

  @Test
  void defaultPolicyAcceptsTheEdgesOfThePlausibleRange() {
    ReadingPolicy policy = ReadingPolicy.DEFAULT;
    assertThat(policy.check(reading(-90.0, NOW), NOW).temperature().celsius()).isEqualTo(-90.0);
    assertThat(policy.check(reading(150.0, NOW), NOW).temperature().celsius()).isEqualTo(150.0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-90.001, 150.001, 1000.0, -273.15})
  void defaultPolicyRefusesImplausibleTemperatures(double value) {
    assertThatThrownBy(() -> ReadingPolicy.DEFAULT.check(reading(value, NOW), NOW))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("plausible range [-90.0, 150.0]");
  }

  @Test
  void policyAcceptsReadingsUpToTheSkewAheadAndRefusesLater() {
    ReadingPolicy policy = new ReadingPolicy(PlausibleRange.DEFAULT, Duration.ofMinutes(5));
    Instant edge = NOW.plus(Duration.ofMinutes(5));
    assertThat(policy.check(reading(20, edge), NOW).recordedAt()).isEqualTo(edge);
    assertThatThrownBy(() -> policy.check(reading(20, edge.plusMillis(1)), NOW))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("in the future");
  }

  @Test
  void plausibleRangeMustNotBeEmpty() {
    assertThatThrownBy(() -> new PlausibleRange(Temperature.celsius(10), Temperature.celsius(-10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Reading reading(double celsius, Instant at) {
    return new Reading(new BuildingId("b"), new RoomId("r"), new Temperature(celsius), at);
  }
}
