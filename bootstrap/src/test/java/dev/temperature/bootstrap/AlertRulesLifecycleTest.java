package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules file through the running application: a bad file stops the start, a bad reload keeps
 * the rules in force and says why, a good one replaces them, a changed file is picked up by itself,
 * and the evaluation shows in the metrics. No Alertmanager is needed: none is configured.
 */
class AlertRulesLifecycleTest {
  @TempDir Path directory;

  private static final String GOOD =
      "groups:\n  - name: g\n    rules:\n"
          + "      - alert: KitchenTooHot\n"
          + "        threshold: {building: main, room: kitchen, window: 5m, above: 30}\n";

  private static final String TWO_RULES =
      GOOD + "      - alert: SensorSilent\n        silence: {building: main, after: 15m}\n";

  private static final String BAD =
      "groups:\n  - name: g\n    rules:\n"
          + "      - alert: KitchenTooHot\n"
          + "        threshold: {building: main, room: kitchen, window: 5m, above: 30, clear: 35}\n";

  private Path rules(String yaml) throws Exception {
    Path file = directory.resolve("alerts.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private RunningApi start(Path rules, String watch) throws Exception {
    return new RunningApi(
        directory.resolve("rules.db"),
        ConfigOverride.config("alerting.rules", rules.toString()),
        ConfigOverride.config("alerting.evaluationInterval", "200ms"),
        ConfigOverride.config("alerting.watchRules", watch));
  }

  private static int rulesInForce(RunningApi api) throws Exception {
    return RunningApi.json(api.get("/api/v1/alerts")).path("rules").asInt();
  }

  @Test
  void anInvalidRulesFileFailsTheStartNamingTheFileTheRuleAndTheField() throws Exception {
    Path file = rules(BAD);

    assertThatThrownBy(() -> start(file, "false"))
        .hasMessageContaining("Cannot start: the alert rules are invalid (alerting.rules)")
        .hasMessageContaining(
            file
                + ": group 'g', rule 'KitchenTooHot': field 'threshold.clear': clear (35) must not"
                + " be above the threshold");
  }

  @Test
  void aMissingRulesFileFailsTheStart() {
    Path file = directory.resolve("nowhere.yml");

    assertThatThrownBy(() -> start(file, "false")).hasMessageContaining(file + ": no such file");
  }

  @Test
  void aReloadOfAnInvalidFileKeepsTheRulesInForceAndSaysWhy() throws Exception {
    Path file = rules(GOOD);
    try (RunningApi api = start(file, "false")) {
      assertThat(rulesInForce(api)).isEqualTo(1);

      Files.writeString(file, BAD);
      HttpResponse<String> refused = api.adminPost("/tasks/reload-alert-rules");

      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(RunningApi.json(refused).path("detail").asText())
          .startsWith("The alert rules were not reloaded; the rules loaded before stay in force.")
          .contains("rule 'KitchenTooHot': field 'threshold.clear'");
      assertThat(rulesInForce(api)).isEqualTo(1);

      Files.writeString(file, TWO_RULES);
      HttpResponse<String> reloaded = api.adminPost("/tasks/reload-alert-rules");

      assertThat(reloaded.statusCode()).isEqualTo(200);
      assertThat(reloaded.body()).isEqualTo("Loaded 2 alert rules from " + file + "\n");
      assertThat(rulesInForce(api)).isEqualTo(2);
    }
  }

  @Test
  void aChangedRulesFileIsReadWithoutBeingAsked() throws Exception {
    Path file = rules(GOOD);
    try (RunningApi api = start(file, "true")) {
      Files.writeString(file, TWO_RULES);
      // A different size is enough; the time too, for file systems with coarse clocks.
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

      long until = System.nanoTime() + 20_000_000_000L;
      while (rulesInForce(api) != 2 && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      assertThat(rulesInForce(api)).isEqualTo(2);
    }
  }

  @Test
  void evaluationsAndAlertsByStateAreInTheMetrics() throws Exception {
    Path file = rules(GOOD);
    try (RunningApi api = start(file, "false")) {
      assertThat(
              api.post("/api/v1/buildings/main/rooms/kitchen/temperatures", "{\"temperature\": 35}")
                  .statusCode())
          .isEqualTo(201);
      long until = System.nanoTime() + 20_000_000_000L;
      while (RunningApi.json(api.get("/api/v1/alerts")).path("alerts").isEmpty()
          && System.nanoTime() < until) {
        Thread.sleep(100);
      }

      String metrics = api.admin("/metrics").body();

      assertThat(metrics)
          .contains("alerting_evaluations_count")
          .contains("alerting_evaluations_queries")
          .containsPattern("alerting_alerts_firing(_total)? 1.0")
          .containsPattern("alerting_rules(_total)? 1.0")
          .contains("alerting_evaluations_failed_total");
      assertThat(metrics).doesNotContain("alerting_deliveries_queued");
    }
  }
}
