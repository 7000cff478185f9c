package dev.temperature.application.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertingSettingsTest {
  private static AlertingSettings withResendDelay(Duration interval, Duration resendDelay) {
    return new AlertingSettings(
        interval, resendDelay, Duration.ofMinutes(15), Duration.ZERO, 1, 1, "http://x");
  }

  @Test
  void aNegativeOrZeroDurationIsRefusedByName() {
    assertThatThrownBy(() -> withResendDelay(Duration.ofSeconds(-30), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval must be positive");
    assertThatThrownBy(() -> withResendDelay(Duration.ofSeconds(30), Duration.ZERO))
        .hasMessage("resendDelay must be positive");
  }

  @Test
  void anAlertIsValidForFourTimesTheLongerOfTheResendDelayAndTheInterval() {
    assertThat(withResendDelay(Duration.ofSeconds(30), Duration.ofMinutes(1)).validFor())
        .isEqualTo(Duration.ofMinutes(4));
    assertThat(withResendDelay(Duration.ofMinutes(2), Duration.ofMinutes(1)).validFor())
        .isEqualTo(Duration.ofMinutes(8));
  }
}
