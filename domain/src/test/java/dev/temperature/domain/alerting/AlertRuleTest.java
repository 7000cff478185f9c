package dev.temperature.domain.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertRuleTest {
  private static final BuildingId MAIN = new BuildingId("main");

  private static AlertRule rule(
      String name, Map<String, String> labels, Map<String, AnnotationTemplate> annotations) {
    return new AlertRule(
        new AlertName(name),
        RoomSelector.building(MAIN),
        new Condition.Silence(Duration.ofMinutes(15)),
        Duration.ZERO,
        labels,
        annotations);
  }

  private static String fieldOf(Throwable e) {
    return ((InvalidAlertRuleException) e).field();
  }

  @Test
  void annotationsAreRenderedWithTheValueTheLabelsAndTheRoomPage() {
    AlertRule rule =
        rule(
            "Silent",
            Map.of("team", "facilities"),
            Map.of(
                "summary",
                new AnnotationTemplate(
                    "{{ $labels.room }}@{{$labels.building}} for {{ $value }}s ({{ $labels.team }})"),
                "runbook",
                new AnnotationTemplate("see {{ $roomURL }}")));
    Map<String, String> labels = rule.labelsFor(MAIN, new RoomId("kitchen"));

    assertThat(rule.annotationsFor(labels, 930.5, "http://x/dashboard#/r"))
        .containsEntry("summary", "kitchen@main for 930.5s (facilities)")
        .containsEntry("runbook", "see http://x/dashboard#/r")
        .containsEntry("dashboard", "http://x/dashboard#/r");
  }

  @Test
  void anUnknownPlaceholderOrLabelIsRefusedWhenTheRuleIsRead() {
    assertThatThrownBy(
            () -> rule("R", Map.of(), Map.of("summary", new AnnotationTemplate("{{ $valu }}"))))
        .hasMessageContaining("unknown placeholder {{ $valu }}")
        .extracting(AlertRuleTest::fieldOf)
        .isEqualTo("annotations.summary");
    assertThatThrownBy(
            () ->
                rule(
                    "R",
                    Map.of(),
                    Map.of("summary", new AnnotationTemplate("{{ $labels.severity }}"))))
        .hasMessageContaining("names a label the alert does not have");
  }

  @Test
  void labelsTheServiceSetsOrAlertmanagerWouldRefuseAreRefused() {
    assertThatThrownBy(() -> rule("R", Map.of("room", "x"), Map.of()))
        .extracting(AlertRuleTest::fieldOf)
        .isEqualTo("labels.room");
    assertThatThrownBy(() -> rule("R", Map.of("1st", "x"), Map.of()))
        .hasMessageContaining("not a valid label name");
    assertThatThrownBy(() -> rule("R", Map.of("__name", "x"), Map.of()))
        .hasMessageContaining("not a valid label name");
    assertThatThrownBy(() -> rule("R", Map.of("team", ""), Map.of()))
        .hasMessageContaining("needs a value");
  }

  @Test
  void aRuleNameIsAPrometheusAlertNameAndUniqueAmongTheRules() {
    assertThatThrownBy(() -> new AlertName("too hot")).hasMessageContaining("alert name");
    AlertRule one = rule("Same", Map.of(), Map.of());

    assertThatThrownBy(() -> new AlertRules(List.of(one, rule("Same", Map.of(), Map.of()))))
        .hasMessageContaining("'Same' is used by more than one rule");
  }

  @Test
  void aSelectorMatchesItsBuildingAndTheWholeRoomId() {
    RoomSelector freezers = RoomSelector.matching(Optional.of(MAIN), "freezer-[0-9]+");

    assertThat(freezers.matches(MAIN, new RoomId("freezer-12"))).isTrue();
    assertThat(freezers.matches(MAIN, new RoomId("freezer-12b"))).isFalse();
    assertThat(freezers.matches(new BuildingId("annex"), new RoomId("freezer-1"))).isFalse();
    assertThat(RoomSelector.everyRoom().matches(new BuildingId("annex"), new RoomId("a"))).isTrue();
    assertThatThrownBy(() -> RoomSelector.matching(Optional.empty(), "freezer-("))
        .extracting(AlertRuleTest::fieldOf)
        .isEqualTo("rooms");
  }

  @Test
  void anAnnotationNameIsCheckedLikeALabelName() {
    assertThatThrownBy(() -> rule("R", Map.of(), Map.of("1st", new AnnotationTemplate("text"))))
        .hasMessageContaining("'1st' is not a valid annotation name")
        .extracting(AlertRuleTest::fieldOf)
        .isEqualTo("annotations.1st");
  }

  @Test
  void anUnclosedPlaceholderIsRefused() {
    assertThatThrownBy(
            () -> rule("R", Map.of(), Map.of("summary", new AnnotationTemplate("at {{ $value"))))
        .hasMessageContaining("'{{' without a closing '}}'")
        .extracting(AlertRuleTest::fieldOf)
        .isEqualTo("annotations.summary");
    assertThat(
            rule("R", Map.of(), Map.of("summary", new AnnotationTemplate("a { b } c")))
                .annotations())
        .containsEntry("summary", new AnnotationTemplate("a { b } c"));
  }

  @Test
  void theDefaultSummaryNamesTheStatisticWindowAndSideOfTheThreshold() {
    AlertRule cold =
        new AlertRule(
            new AlertName("TooCold"),
            RoomSelector.building(MAIN),
            new Condition.Threshold(
                Statistic.MIN, Duration.ofHours(1), Condition.Direction.BELOW, 5, 5),
            Duration.ZERO,
            Map.of(),
            Map.of());
    AlertRule hot =
        new AlertRule(
            new AlertName("TooHot"),
            RoomSelector.building(MAIN),
            new Condition.Threshold(
                Statistic.AVERAGE, Duration.ofMinutes(10), Condition.Direction.ABOVE, 30.5, 28),
            Duration.ZERO,
            Map.of(),
            Map.of());
    AlertRule silent = rule("Silent", Map.of(), Map.of());

    assertThat(cold.annotations().get("summary").text())
        .isEqualTo(
            "{{ $labels.room }} in {{ $labels.building }}: min {{ $value }} °C over 1h, below 5 °C");
    assertThat(hot.annotations().get("summary").text())
        .isEqualTo(
            "{{ $labels.room }} in {{ $labels.building }}: average {{ $value }} °C over 10m, above 30.5 °C");
    assertThat(silent.annotations().get("summary").text())
        .isEqualTo(
            "{{ $labels.room }} in {{ $labels.building }}: no reading for {{ $value }} s (silent after 15m)");
  }

  @Test
  void theRulesCountTheirRules() {
    assertThat(
            new AlertRules(List.of(rule("A", Map.of(), Map.of()), rule("B", Map.of(), Map.of())))
                .size())
        .isEqualTo(2);
    assertThat(AlertRules.NONE.size()).isZero();
  }
}
