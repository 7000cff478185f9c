package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowTest {
  private static final Instant FIVE = Instant.parse("2024-12-10T17:00:00Z");
  private static final Instant FOUR = Instant.parse("2024-12-10T16:00:00Z");

  @Test
  void anExplicitWindowTruncatesBothEndsToTheMillisecondAsReadingsAre() {
    Window window =
        Window.between(
            Instant.parse("2024-12-10T16:45:00.000400Z"),
            Instant.parse("2024-12-10T17:00:00.999900Z"));

    assertThat(window.from()).isEqualTo(Instant.parse("2024-12-10T16:45:00Z"));
    assertThat(window.to()).isEqualTo(Instant.parse("2024-12-10T17:00:00.999Z"));
    assertThat(window.resolve(Instant.EPOCH)).isSameAs(window);
  }

  @Test
  void twoTimesInOneMillisecondMakeAWindowOfThatMillisecond() {
    Window window =
        Window.between(
            Instant.parse("2024-12-10T16:45:00.000400Z"),
            Instant.parse("2024-12-10T16:45:00.000900Z"));

    assertThat(window.from())
        .isEqualTo(window.to())
        .isEqualTo(Instant.parse("2024-12-10T16:45:00Z"));
  }

  @Test
  void endsGivenTheOtherWayRoundMakeTheSameWindow() {
    assertThat(Window.between(FIVE, FOUR)).isEqualTo(Window.between(FOUR, FIVE));
    assertThat(Window.between(FIVE, FOUR).from()).isEqualTo(FOUR);
    assertThat(Window.between(FOUR, FOUR)).isEqualTo(new Window(FOUR, FOUR));
  }

  @Test
  void aWindowIsNotLimitedInLengthButByTheRangeOfWindows() {
    Window all = Window.between(Window.EARLIEST, Window.LATEST);

    assertThat(all.requireAtMost(Duration.ofDays(1))).isSameAs(all);
    assertThat(all.length()).isEqualTo(Duration.between(Window.EARLIEST, Window.LATEST));
  }

  @Test
  void endsBeyondTheRangeOfWindowsAreMovedToItsEdges() {
    assertThat(Window.between(Window.EARLIEST.minusMillis(1), FOUR))
        .isEqualTo(new Window(Window.EARLIEST, FOUR));
    assertThat(Window.between(FOUR, Window.LATEST.plusMillis(1)))
        .isEqualTo(new Window(FOUR, Window.LATEST));
    assertThat(Window.between(Instant.MIN, Instant.MAX))
        .isEqualTo(new Window(Window.EARLIEST, Window.LATEST));
    assertThat(Window.between(Window.LATEST.plusSeconds(1), Window.LATEST.plusSeconds(2)))
        .isEqualTo(new Window(Window.LATEST, Window.LATEST));
  }

  @Test
  void aWindowItselfHoldsOnlyWholeMillisecondsInRangeAndInOrder() {
    assertThatThrownBy(() -> new Window(Window.EARLIEST, Window.LATEST.plusMillis(1)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("to must be between 1900-01-01T00:00:00Z and 2200-01-01T00:00:00Z");
    assertThatThrownBy(() -> new Window(Window.EARLIEST.minusMillis(1), FOUR))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("from must be between");
    assertThatThrownBy(() -> new Window(FIVE, FOUR))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("after it ends");
    assertThatThrownBy(() -> new Window(FOUR.plusNanos(1), FIVE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Window(FOUR, FIVE.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWindowHoldsBothEnds() {
    Window window = new Window(FOUR, FIVE);

    assertThat(window.contains(FOUR)).isTrue();
    assertThat(window.contains(FIVE)).isTrue();
    assertThat(window.contains(FOUR.minusMillis(1))).isFalse();
    assertThat(window.contains(FIVE.plusMillis(1))).isFalse();
  }
}
