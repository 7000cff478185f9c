package dev.temperature.bootstrap.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.out.InvalidAlertRulesException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.alerting.AlertRule;
import dev.temperature.domain.alerting.AlertRules;
import dev.temperature.domain.alerting.Condition;
import dev.temperature.domain.alerting.Statistic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleFileTest {
  @TempDir Path directory;

  private Path write(String yaml) throws IOException {
    Path file = directory.resolve("alerts.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private String errorOf(String yaml) throws IOException {
    Path file = write(yaml);
    try {
      new RuleFile(file).load();
    } catch (InvalidAlertRulesException e) {
      return e.getMessage();
    }
    throw new AssertionError("the rules were accepted:\n" + yaml);
  }

  private static String rule(String body) {
    return "groups:\n  - name: temperatures\n    rules:\n      - alert: KitchenTooHot\n" + body;
  }

  @Test
  void theExampleOfTheDocsIsReadAsItSays() throws IOException {
    Path example = Path.of("..", "deploy", "alerting", "alerts.yml");
    AlertRules rules = new RuleFile(example).load();

    AlertRule hot = rules.rules().get(0);
    assertThat(hot.name().value()).isEqualTo("KitchenTooHot");
    assertThat(hot.rooms().matches(new BuildingId("main"), new RoomId("kitchen"))).isTrue();
    assertThat(hot.rooms().matches(new BuildingId("main"), new RoomId("hall"))).isFalse();
    assertThat(hot.condition())
        .isEqualTo(
            new Condition.Threshold(
                Statistic.AVERAGE, Duration.ofMinutes(15), Condition.Direction.ABOVE, 30, 28));
    assertThat(hot.pendingFor()).isEqualTo(Duration.ofMinutes(5));
    assertThat(hot.labels()).containsEntry("severity", "warning");
    assertThat(rules.rules())
        .extracting(rule -> rule.name().value())
        .containsExactly("KitchenTooHot", "FreezerTooWarm", "RoomTooCold", "SensorSilent");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown field | threshold: {building: main, room: kitchen, window: 5m, above: 30, treshold: 1}"
            + " | field 'threshold.treshold': unknown field",
        "no window | threshold: {building: main, above: 30} | field 'threshold.window': a threshold"
            + " needs a window",
        "bad duration | threshold: {building: main, window: 5 minutes, above: 30}"
            + " | field 'threshold.window': '5 minutes' is not a duration",
        "clear on the wrong side | threshold: {building: main, window: 5m, above: 30, clear: 31}"
            + " | field 'threshold.clear': clear (31) must not be above the threshold",
        "above and below | threshold: {building: main, window: 5m, above: 30, below: 10}"
            + " | field 'threshold.above': a threshold has exactly one of 'above' or 'below'",
        "text for a number | threshold: {building: main, window: 5m, above: hot}"
            + " | field 'threshold.above': must be a number",
        "room without building | silence: {room: kitchen, after: 5m}"
            + " | field 'silence.room': a room is named within a building",
        "bad room id | silence: {building: main, room: 'kit chen', after: 5m}"
            + " | field 'silence.room': room id may contain only",
        "bad pattern | silence: {rooms: 'freezer-(', after: 5m} | field 'silence.rooms': 'freezer-(' is"
            + " not a valid pattern",
        "both kinds | silence: {after: 5m}\\n        threshold: {window: 5m, above: 3}"
            + " | a rule has exactly one of 'threshold' or 'silence'",
        "reserved label | silence: {after: 5m}\\n        labels: {room: x}"
            + " | field 'labels.room': label 'room' is set by the service",
        "unknown placeholder | silence: {after: 5m}\\n        annotations: {summary: '{{ $humanize }}'}"
            + " | field 'annotations.summary': unknown placeholder {{ $humanize }}",
        "negative for | silence: {after: 5m}\\n        for: -1m | field 'for': '-1m' is not a duration",
      })
  void anInvalidRuleIsRefusedNamingTheFileTheRuleAndTheField(
      String why, String body, String expected) throws IOException {
    String message = errorOf(rule("        " + body.replace("\\n", "\n") + "\n"));

    assertThat(message)
        .startsWith(
            directory.resolve("alerts.yml") + ": group 'temperatures', rule 'KitchenTooHot': ")
        .contains(expected);
  }

  @Test
  void everyInvalidRuleIsReportedNotJustTheFirst() throws IOException {
    String message =
        errorOf(
            "groups:\n  - name: g\n    rules:\n"
                + "      - alert: One\n        silence: {after: 0s}\n"
                + "      - alert: Two\n        silence: {after: 5m}\n"
                + "      - alert: One\n        silence: {after: 5m}\n");

    assertThat(message.lines())
        .containsExactly(
            directory.resolve("alerts.yml")
                + ": group 'g', rule 'One': field 'silence.after': must be longer than 0",
            directory.resolve("alerts.yml")
                + ": group 'g', rule 'One': field 'alert': another rule has the same name; each"
                + " rule needs a name of its own");
  }

  @Test
  void aFileThatIsNotYamlOrHasNoGroupsOrIsMissingIsRefusedSayingSo() throws IOException {
    assertThat(errorOf("groups: [\n")).contains("alerts.yml: not valid YAML");
    assertThat(errorOf("rules: []\n"))
        .endsWith("alerts.yml: the file must hold 'groups:', a list of rule groups");
    assertThat(errorOf("")).contains("the file is empty; write 'groups: []' for no rules");
    assertThatThrownBy(() -> new RuleFile(directory.resolve("none.yml")).load())
        .hasMessage(directory.resolve("none.yml") + ": no such file");
  }

  @Test
  void noGroupsIsNoRules() throws IOException {
    assertThat(new RuleFile(write("groups: []\n")).load().size()).isZero();
  }

  @Test
  void durationsAreWrittenAsInPrometheus() throws IOException {
    AlertRules rules =
        new RuleFile(
                write(rule("        silence: {building: main, after: 1h30m}\n        for: 90s\n")))
            .load();

    assertThat(rules.rules().get(0).condition())
        .isEqualTo(new Condition.Silence(Duration.ofMinutes(90)));
    assertThat(rules.rules().get(0).pendingFor()).isEqualTo(Duration.ofSeconds(90));
  }
}
