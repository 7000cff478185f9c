package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LookbackTest {
  private static final Duration MAX = Duration.ofDays(366);

  @ParameterizedTest
  @CsvSource({
    "90s, PT1M30S",
    "15m, PT15M",
    "2h, PT2H",
    "7d, PT168H",
    "1w, PT168H",
    "PT15M, PT15M",
    "P1D, PT24H",
    "PT36H, PT36H",
    "P2W, PT336H",
    "PT90S, PT1M30S",
    "007m, PT7M",
    "P010D, PT240H"
  })
  void parsesShortAndIsoForms(String text, String expected) {
    Lookback lookback = Lookback.parse(text);
    assertThat(lookback.length()).isEqualTo(Duration.parse(expected));
    assertThat(lookback.text()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "15", "m", "15x", "15M", "15 m", "-5m", "1.5h", "P1M", "P1Y", "fifteen", "15mm", "PT", "P",
        " 15m", "15m ", "pt15m", "P1DT12H", "PT1H30M", "PT0.5S", "+15m", "PT-5M", "P1W2D", "PT1D",
        "P1H"
      })
  void refusesUnknownUnitsAndShapes(String text) {
    assertThatThrownBy(() -> Lookback.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "0m", "PT0S", "P0D", "000w"})
  void refusesZeroAndNegativeLengths(String text) {
    assertThatThrownBy(() -> Lookback.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void refusesMissingDuration() {
    assertThatThrownBy(() -> Lookback.parse(null)).hasMessageContaining("required");
    assertThatThrownBy(() -> Lookback.parse("")).hasMessageContaining("required");
    assertThatThrownBy(() -> Lookback.parse("  ")).hasMessageContaining("not understood");
  }

  @Test
  void refusesLengthsBeyondTheMaximumAndNamesIt() {
    assertThat(Lookback.parse("366d").requireAtMost(MAX).length()).isEqualTo(MAX);
    assertThatThrownBy(() -> Lookback.parse("367d").requireAtMost(MAX))
        .hasMessageContaining("maximum of 366d");
  }

  @Test
  void refusesAmountsThatOverflowInsteadOfWrapping() {
    assertThatThrownBy(() -> Lookback.parse("99999999999999999999w"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("too long");
    assertThatThrownBy(() -> Lookback.parse("999999999999999w"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void refusesLengthsLongerThanAnyWindowCanBe() {
    // Every window lies between 1900 and 2200: 300 years, 109573 days.
    assertThat(Lookback.parse("109573d").length()).isEqualTo(Duration.ofDays(109_573));
    assertThatThrownBy(() -> Lookback.parse("109574d"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("no period can be longer than 109573d");
    assertThatThrownBy(() -> Lookback.parse("106751991167w"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void aLookbackPastTheEarliestReadingStartsAtIt() {
    Instant now = Instant.parse("2024-12-10T16:45:00Z");

    Window window = Lookback.parse("109573d").endingAt(now);

    assertThat(window.from()).isEqualTo(Window.EARLIEST);
    assertThat(window.to()).isEqualTo(now);
  }

  @Test
  void windowEndsNowAndReachesBackByTheLength() {
    Instant now = Instant.parse("2024-12-10T16:45:00Z");
    Window window = Lookback.parse("15m").endingAt(now);
    assertThat(window.from()).isEqualTo(Instant.parse("2024-12-10T16:30:00Z"));
    assertThat(window.to()).isEqualTo(now);
    assertThat(window.contains(window.from())).isTrue();
    assertThat(window.contains(window.to())).isTrue();
    assertThat(window.contains(window.from().minusMillis(1))).isFalse();
    assertThat(window.contains(window.to().plusMillis(1))).isFalse();
  }
}
