package dev.temperature.domain.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.alerting.Condition.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {
  private static final Instant AT = Instant.parse("2024-12-10T17:00:00Z");

  private static RoomOverview room(Aggregate recent, Instant latest) {
    return new RoomOverview(
        new Reading(new BuildingId("main"), new RoomId("kitchen"), Temperature.celsius(20), latest),
        recent);
  }

  @ParameterizedTest(name = "{0} {1} over readings 10 and 40, threshold {2} clear {3}: {4}")
  @CsvSource({
    "AVERAGE, ABOVE, 24, 20, Breaching",
    "AVERAGE, ABOVE, 25, 20, Holding",
    "AVERAGE, ABOVE, 26, 25, Clear",
    "MAX, ABOVE, 39, 39, Breaching",
    "MAX, ABOVE, 40, 40, Clear",
    "MIN, BELOW, 11, 11, Breaching",
    "MIN, BELOW, 10, 12, Holding",
    "MIN, BELOW, 10, 10, Clear",
    "AVERAGE, BELOW, 26, 30, Breaching",
  })
  void aThresholdComparesTheStatisticStrictlyAndClearsAtTheClearValue(
      Statistic statistic, Direction direction, double threshold, double clear, String verdict) {
    Condition.Threshold condition =
        new Condition.Threshold(statistic, Duration.ofMinutes(10), direction, threshold, clear);

    assertThat(
            condition.judge(room(new Aggregate(2, 50, 10, 40), AT), AT).getClass().getSimpleName())
        .isEqualTo(verdict);
  }

  @Test
  void aThresholdWithoutReadingsInItsWindowHasNoData() {
    Condition.Threshold condition =
        new Condition.Threshold(Statistic.AVERAGE, Duration.ofMinutes(10), Direction.ABOVE, 30, 30);

    assertThat(condition.judge(room(Aggregate.EMPTY, AT), AT)).isEqualTo(new Verdict.NoData());
  }

  @Test
  void aClearValueOnTheWrongSideOfItsThresholdIsRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                new Condition.Threshold(
                    Statistic.AVERAGE, Duration.ofMinutes(10), Direction.ABOVE, 30, 31))
        .isInstanceOf(InvalidAlertRuleException.class)
        .hasMessageContaining("clear (31) must not be above the threshold")
        .extracting(e -> ((InvalidAlertRuleException) e).field())
        .isEqualTo("threshold.clear");
    assertThatThrownBy(
            () ->
                new Condition.Threshold(
                    Statistic.MIN, Duration.ofMinutes(10), Direction.BELOW, 5, 4))
        .hasMessageContaining("must not be below the threshold");
  }

  @Test
  void aSilenceBeginsTheMillisecondAfterItsDurationWithoutAReading() {
    Condition.Silence silence = new Condition.Silence(Duration.ofMinutes(15));
    Instant newest = AT.minus(Duration.ofMinutes(15));

    assertThat(silence.judge(room(Aggregate.EMPTY, newest), AT)).isEqualTo(new Verdict.Clear(900));
    assertThat(silence.judge(room(Aggregate.EMPTY, newest), AT.plusMillis(1)))
        .isEqualTo(new Verdict.Breaching(900.001, AT.plusMillis(1)));
  }

  @Test
  void aWindowThatIsNotPositiveIsRefused() {
    assertThatThrownBy(
            () -> new Condition.Threshold(Statistic.MAX, Duration.ZERO, Direction.ABOVE, 1, 1))
        .extracting(e -> ((InvalidAlertRuleException) e).field())
        .isEqualTo("threshold.window");
    assertThatThrownBy(() -> new Condition.Silence(Duration.ofSeconds(-1)))
        .extracting(e -> ((InvalidAlertRuleException) e).field())
        .isEqualTo("silence.after");
  }

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource({
    "PT2H, 2h",
    "PT1H, 1h",
    "PT90M, 90m",
    "PT1M, 1m",
    "PT90S, 90s",
    "PT1S, 1s",
    "PT1.5S, 1500ms"
  })
  void aLengthIsWrittenInTheLargestUnitThatDividesItWhole(Duration length, String written) {
    assertThat(Condition.describe(length)).isEqualTo(written);
  }

  @Test
  void aThresholdDescribesItselfAndItsBandOnlyWhenItHasOne() {
    Condition.Threshold banded =
        new Condition.Threshold(Statistic.MAX, Duration.ofMinutes(15), Direction.ABOVE, 30, 28.5);
    Condition.Threshold bare =
        new Condition.Threshold(Statistic.MIN, Duration.ofHours(1), Direction.BELOW, 5, 5);

    assertThat(banded.hasBand()).isTrue();
    assertThat(bare.hasBand()).isFalse();
    assertThat(banded).hasToString("max over 15m above 30 (clear at 28.5)");
    assertThat(bare).hasToString("min over 1h below 5");
    assertThat(new Condition.Silence(Duration.ofSeconds(90))).hasToString("no reading for 90s");
  }

  @Test
  void aThresholdLooksAtItsWindowAndASilenceAtTheNewestReadingOnly() {
    assertThat(
            new Condition.Threshold(Statistic.MAX, Duration.ofMinutes(15), Direction.ABOVE, 1, 1)
                .span())
        .contains(Duration.ofMinutes(15));
    assertThat(new Condition.Silence(Duration.ofMinutes(15)).span()).isEqualTo(Optional.empty());
  }

  @Test
  void aStatisticIsReadAndWrittenAsTheRuleFileSpellsIt() {
    assertThat(Statistic.parse("average")).isEqualTo(Statistic.AVERAGE);
    assertThat(Statistic.parse("min")).isEqualTo(Statistic.MIN);
    assertThat(Statistic.MAX.text()).isEqualTo("max");
    assertThatThrownBy(() -> Statistic.parse("mean"))
        .isInstanceOf(InvalidAlertRuleException.class)
        .hasMessage("aggregate must be one of average, min, max, got 'mean'")
        .extracting(e -> ((InvalidAlertRuleException) e).field())
        .isEqualTo("threshold.aggregate");
  }
}
