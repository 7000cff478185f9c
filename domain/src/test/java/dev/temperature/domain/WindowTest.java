package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowTest {
  @Test
  void anExplicitWindowKeepsTheWholeMillisecondsBetweenItsEnds() {
    Window window =
        Window.between(
            Instant.parse("2024-12-10T16:45:00.000400Z"),
            Instant.parse("2024-12-10T17:00:00.999900Z"));

    assertThat(window.from()).isEqualTo(Instant.parse("2024-12-10T16:45:00.001Z"));
    assertThat(window.to()).isEqualTo(Instant.parse("2024-12-10T17:00:00.999Z"));
    assertThat(window.resolve(Instant.EPOCH)).isSameAs(window);
  }

  @Test
  void fromAfterToIsRefused() {
    assertThatThrownBy(
            () ->
                Window.between(
                    Instant.parse("2024-12-10T17:00:00Z"), Instant.parse("2024-12-10T16:00:00Z")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("must not be after");
  }

  @Test
  void aWindowLongerThanTheMaximumIsRefused() {
    Window year =
        Window.between(
            Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z"));

    assertThat(year.requireAtMost(Duration.ofDays(366))).isSameAs(year);
    assertThatThrownBy(() -> year.requireAtMost(Duration.ofDays(365)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("longer than the maximum of 365d")
        .extracting(e -> ((InvalidValueException) e).subject())
        .isEqualTo(InvalidValueException.Subject.WINDOW);
  }

  @Test
  void windowsEndWhereEveryEngineCanStillHoldTheirEnds() {
    Instant before = Window.EARLIEST.minusMillis(1);
    Instant after = Window.LATEST.plusMillis(1);

    assertThat(Window.between(Window.EARLIEST, Window.LATEST).length())
        .isEqualTo(Duration.between(Window.EARLIEST, Window.LATEST));
    assertThatThrownBy(() -> Window.between(before, Instant.parse("2024-01-01T00:00:00Z")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith(
            "from must be between 1900-01-01T00:00:00Z and 2200-01-01T00:00:00Z");
    assertThatThrownBy(() -> Window.between(Instant.parse("2024-01-01T00:00:00Z"), after))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("to must be between");
    assertThatThrownBy(() -> new Window(Window.EARLIEST, after))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Window.between(Instant.MIN, Instant.MAX))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining(Instant.MIN.toString());
  }
}
