package dev.temperature.domain.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.alerting.AlertLifecycle.Step;
import dev.temperature.domain.alerting.Condition.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {
  private static final BuildingId MAIN = new BuildingId("main");
  private static final RoomId KITCHEN = new RoomId("kitchen");
  private static final Instant T0 = Instant.parse("2024-12-10T17:00:00Z");
  private static final String URL = "http://localhost:5000/dashboard#/buildings/main/rooms/kitchen";

  /** Average over 10 minutes above 30, clear at 28, for 2 minutes. */
  private static final AlertRule TOO_HOT =
      new AlertRule(
          new AlertName("KitchenTooHot"),
          RoomSelector.room(MAIN, KITCHEN),
          new Condition.Threshold(
              Statistic.AVERAGE, Duration.ofMinutes(10), Direction.ABOVE, 30, 28),
          Duration.ofMinutes(2),
          Map.of("severity", "warning"),
          Map.of());

  private Optional<Alert> alert = Optional.empty();

  private Step at(int minutes, double average) {
    Instant moment = T0.plus(Duration.ofMinutes(minutes));
    Verdict verdict =
        TOO_HOT
            .condition()
            .judge(
                new RoomOverview(
                    new Reading(MAIN, KITCHEN, Temperature.celsius(average), moment),
                    new Aggregate(1, average, average, average)),
                moment);
    Step step = AlertLifecycle.next(TOO_HOT, MAIN, KITCHEN, alert, verdict, moment, URL);
    alert = step.alert();
    return step;
  }

  @Test
  void anAlertIsPendingUntilItsConditionHeldForItsForThenFires() {
    assertThat(at(0, 31).alert()).get().extracting(Alert::state).isEqualTo(AlertState.PENDING);
    assertThat(at(1, 32).alert()).get().extracting(Alert::state).isEqualTo(AlertState.PENDING);

    Alert firing = at(2, 33).alert().orElseThrow();

    assertThat(firing.state()).isEqualTo(AlertState.FIRING);
    assertThat(firing.activeAt()).isEqualTo(T0);
    assertThat(firing.firedAt()).contains(T0.plus(Duration.ofMinutes(2)));
    assertThat(firing.value()).isEqualTo(33.0);
    assertThat(firing.labels())
        .containsExactly(
            Map.entry("alertname", "KitchenTooHot"),
            Map.entry("building", "main"),
            Map.entry("room", "kitchen"),
            Map.entry("severity", "warning"));
    assertThat(firing.annotations())
        .containsEntry("summary", "kitchen in main: average 33 °C over 10m, above 30 °C")
        .containsEntry("dashboard", URL);
  }

  @Test
  void aPendingAlertThatStopsBreachingLapsesAndStartsOverNextTime() {
    at(0, 31);
    assertThat(at(1, 29.5).alert()).isEmpty();
    at(2, 31);

    assertThat(at(3, 31).alert()).get().extracting(Alert::state).isEqualTo(AlertState.PENDING);
    assertThat(at(4, 31).alert()).get().extracting(Alert::state).isEqualTo(AlertState.FIRING);
  }

  @Test
  void aFiringAlertHoldsBetweenTheThresholdAndTheClearValueAndResolvesAtTheClearValue() {
    at(0, 31);
    at(2, 31);

    assertThat(at(3, 29).alert()).get().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    assertThat(at(4, 28.5).alert()).get().extracting(Alert::value).isEqualTo(28.5);
    Step resolved = at(5, 28);

    assertThat(resolved.alert()).isEmpty();
    assertThat(resolved.resolved()).get().extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.resolved().orElseThrow().resolvedAt())
        .contains(T0.plus(Duration.ofMinutes(5)));
    assertThat(resolved.resolved().orElseThrow().firedAt())
        .contains(T0.plus(Duration.ofMinutes(2)));
  }

  @Test
  void aWindowWithoutReadingsKeepsAFiringAlertAndDropsAPendingOne() {
    at(0, 31);
    Step pendingWithoutData = noDataAt(1);
    assertThat(pendingWithoutData.alert()).isEmpty();

    at(2, 31);
    at(4, 31);
    Step firingWithoutData = noDataAt(5);

    assertThat(firingWithoutData.alert())
        .get()
        .extracting(Alert::state)
        .isEqualTo(AlertState.FIRING);
    assertThat(firingWithoutData.resolved()).isEmpty();
  }

  @Test
  void withoutForAnAlertFiresAtTheFirstBreach() {
    AlertRule instant =
        new AlertRule(
            TOO_HOT.name(),
            TOO_HOT.rooms(),
            TOO_HOT.condition(),
            Duration.ZERO,
            Map.of(),
            Map.of());
    Step step =
        AlertLifecycle.next(
            instant, MAIN, KITCHEN, Optional.empty(), new Verdict.Breaching(31, T0), T0, URL);

    assertThat(step.alert()).get().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    assertThat(step.alert().orElseThrow().firedAt()).contains(T0);
  }

  @Test
  void aSilenceThatBeganBeforeTheFirstEvaluationFiresFromTheMomentTheDataSays() {
    AlertRule silent =
        new AlertRule(
            new AlertName("SensorSilent"),
            RoomSelector.building(MAIN),
            new Condition.Silence(Duration.ofMinutes(15)),
            Duration.ofMinutes(5),
            Map.of(),
            Map.of());
    Instant lastReading = T0.minus(Duration.ofHours(1));
    Verdict verdict =
        silent
            .condition()
            .judge(
                new RoomOverview(
                    new Reading(MAIN, KITCHEN, Temperature.celsius(20), lastReading),
                    Aggregate.EMPTY),
                T0);

    Alert firing =
        AlertLifecycle.next(silent, MAIN, KITCHEN, Optional.empty(), verdict, T0, URL)
            .alert()
            .orElseThrow();

    assertThat(firing.state()).isEqualTo(AlertState.FIRING);
    assertThat(firing.activeAt()).isEqualTo(lastReading.plus(Duration.ofMinutes(15)).plusMillis(1));
    assertThat(firing.firedAt()).contains(firing.activeAt().plus(Duration.ofMinutes(5)));
    assertThat(firing.value()).isEqualTo(3600.0);
  }

  private Step noDataAt(int minutes) {
    Instant moment = T0.plus(Duration.ofMinutes(minutes));
    Step step =
        AlertLifecycle.next(TOO_HOT, MAIN, KITCHEN, alert, new Verdict.NoData(), moment, URL);
    alert = step.alert();
    return step;
  }

  @Test
  void aBreachAfterAResolvedAlertStartsANewAlertPendingFromThisBreach() {
    at(0, 31);
    at(2, 31);
    Alert resolved = at(3, 20).resolved().orElseThrow();
    Instant later = T0.plus(Duration.ofMinutes(10));

    Step step =
        AlertLifecycle.next(
            TOO_HOT,
            MAIN,
            KITCHEN,
            Optional.of(resolved),
            new Verdict.Breaching(31, later),
            later,
            URL);

    assertThat(step.alert()).get().extracting(Alert::state).isEqualTo(AlertState.PENDING);
    assertThat(step.alert().orElseThrow().activeAt()).isEqualTo(later);
    assertThat(step.alert().orElseThrow().firedAt()).isEmpty();
  }

  @Test
  void retiringAFiringAlertResolvesItAndRetiringAPendingOneLetsItLapse() {
    Alert pending = at(0, 31).alert().orElseThrow();
    Alert firing = at(2, 31).alert().orElseThrow();
    Instant removed = T0.plus(Duration.ofMinutes(3));

    assertThat(AlertLifecycle.retire(pending, removed))
        .isEqualTo(new Step(Optional.empty(), Optional.empty()));
    Step retired = AlertLifecycle.retire(firing, removed);
    assertThat(retired.alert()).isEmpty();
    Alert resolved = retired.resolved().orElseThrow();
    assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.resolvedAt()).contains(removed);
    assertThat(resolved.firedAt()).isEqualTo(firing.firedAt());
    assertThat(resolved.activeAt()).isEqualTo(firing.activeAt());
    assertThat(resolved.value()).isEqualTo(firing.value());
    assertThat(resolved.labels()).isEqualTo(firing.labels());
    assertThat(resolved.annotations()).isEqualTo(firing.annotations());
    assertThat(resolved.key()).isEqualTo(new Alert.Key(TOO_HOT.name(), MAIN, KITCHEN));
  }

  @Test
  void aStateIsWrittenAsPrometheusWritesIt() {
    assertThat(AlertState.PENDING.text()).isEqualTo("pending");
    assertThat(AlertState.FIRING.text()).isEqualTo("firing");
  }
}
