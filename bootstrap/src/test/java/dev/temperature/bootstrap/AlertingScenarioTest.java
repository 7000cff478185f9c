package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.alertmanager.AlertmanagerServer;
import dev.temperature.adapters.alertmanager.AlertmanagerServer.Grouping;
import dev.temperature.adapters.alertmanager.WebhookReceiver;
import dev.temperature.adapters.alertmanager.WebhookReceiver.Event;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The alerting scenarios of docs/alerting.md, end to end: the real application on each storage,
 * evaluating a rules file every second, delivering to a real Alertmanager (built by {@code
 * scripts/services/alertmanager.sh}), which notifies a webhook receiver this test owns. What is
 * counted is what a person would have been told: Alertmanager's notifications.
 *
 * <p>Timing: evaluation every 1 s, resend every 1 s (so {@code endsAt} 4 s ahead), Alertmanager
 * grouping 0.5 s / 1 s and a repeat interval of an hour, so any notification beyond the first
 * firing and the one resolved is a duplicate the service caused. The waits are generous because the
 * machine is shared; no test asserts a duration.
 */
@RequiresService({Service.ALERTMANAGER, Service.POSTGRES, Service.INFLUXDB})
class AlertingScenarioTest {
  private static final Duration PATIENCE = Duration.ofSeconds(40);

  enum Storage {
    SQLITE,
    TIMESCALE,
    INFLUX
  }

  @TempDir Path directory;

  private final String building = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<AutoCloseable> opened = new ArrayList<>();
  private WebhookReceiver receiver;
  private AlertmanagerServer alertmanager;
  private ScheduledExecutorService heater;

  /** The API instance the heater posts to (swapped on a restart) and what it posts. */
  private volatile RunningApi target;

  private volatile double celsius;

  @BeforeEach
  void startAlertmanager() throws Exception {
    AlertmanagerServer.binary();
    receiver = new WebhookReceiver();
    alertmanager = AlertmanagerServer.start(directory.resolve("am"), receiver.url(), Grouping.FAST);
    Files.writeString(
        directory.resolve("alerts.yml"),
        String.join(
            "\n",
            "groups:",
            "  - name: scenario",
            "    rules:",
            "      - alert: TooHot",
            "        threshold:",
            "          building: " + building,
            "          room: kitchen",
            "          aggregate: average",
            "          window: 10s",
            "          above: 30",
            "          clear: 25",
            "        for: 5s",
            "        labels:",
            "          severity: warning",
            "      - alert: Silent",
            "        silence:",
            "          building: " + building,
            "          rooms: 'pantry|ghost'",
            "          after: 3s",
            ""));
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (heater != null) {
      heater.shutdownNow();
      heater.awaitTermination(5, TimeUnit.SECONDS);
    }
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    if (alertmanager != null) {
      alertmanager.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private RunningApi start(Storage storage) throws Exception {
    List<ConfigOverride> overrides =
        new ArrayList<>(
            List.of(
                ConfigOverride.config("alerting.rules", directory.resolve("alerts.yml").toString()),
                ConfigOverride.config("alerting.evaluationInterval", "1s"),
                ConfigOverride.config("alerting.resendDelay", "1s"),
                ConfigOverride.config("alerting.externalUrl", "http://dashboard.test"),
                ConfigOverride.config("alerting.restore.lookback", "30s"),
                ConfigOverride.config("alerting.restore.maxSteps", "30"),
                ConfigOverride.config("alerting.alertmanager.urls", alertmanager.url().toString()),
                ConfigOverride.config("alerting.alertmanager.maxBackoff", "1s"),
                ConfigOverride.config("logging.level", "WARN")));
    ConfigOverride[] all = overrides.toArray(ConfigOverride[]::new);
    RunningApi api =
        switch (storage) {
          case SQLITE -> new RunningApi(directory.resolve("alerts.db"), all);
          case TIMESCALE ->
              new RunningApi(
                  ConfigurationTest.repositoryRoot().resolve("config-timescale.yml").toString(),
                  all);
          case INFLUX ->
              new RunningApi(
                  ConfigurationTest.repositoryRoot().resolve("config-influx.yml").toString(), all);
        };
    opened.add(api);
    return api;
  }

  private void stop(RunningApi api) throws Exception {
    opened.remove(api);
    api.close();
  }

  /** Posts a reading of {@link #celsius} to the kitchen of {@link #target} every 250 ms. */
  private void heat(RunningApi api, double to) {
    target = api;
    celsius = to;
    if (heater == null) {
      heater = Executors.newSingleThreadScheduledExecutor();
      heater.scheduleAtFixedRate(
          () -> {
            try {
              target.post(
                  "/api/v1/buildings/" + building + "/rooms/kitchen/temperatures",
                  "{\"temperature\": " + celsius + "}");
            } catch (Exception | Error e) {
              // between two instances, during a restart: the next post goes to the new one
            }
          },
          0,
          250,
          TimeUnit.MILLISECONDS);
    }
  }

  private List<String> statuses(String alertname) {
    return receiver.events(alertname).stream().map(Event::status).toList();
  }

  private boolean awaitStatuses(String alertname, String... statuses) throws InterruptedException {
    return receiver.await(
        events ->
            events.stream()
                .filter(event -> event.alertname().equals(alertname))
                .map(Event::status)
                .toList()
                .equals(List.of(statuses)),
        PATIENCE);
  }

  /** The state of the kitchen's TooHot alert in {@code GET /api/v1/alerts}, or "none". */
  private static String stateOf(RunningApi api, String alert) throws Exception {
    for (JsonNode item : RunningApi.json(api.get("/api/v1/alerts")).path("alerts")) {
      if (item.path("alert").asText().equals(alert)) {
        return item.path("state").asText();
      }
    }
    return "none";
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void aHeatedRoomFiresOneNotificationAfterItsForAndResolvesOnceBelowTheClearValue(Storage storage)
      throws Exception {
    RunningApi api = start(storage);
    heat(api, 35);

    boolean sawPending = false;
    long until = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < until && !"firing".equals(stateOf(api, "TooHot"))) {
      sawPending |= "pending".equals(stateOf(api, "TooHot"));
      Thread.sleep(100);
    }
    assertThat(sawPending).as("pending before firing").isTrue();
    assertThat(awaitStatuses("TooHot", "firing")).as(receiver.events().toString()).isTrue();
    // Several resends later, still the one notification: Alertmanager de-duplicates them.
    Thread.sleep(5000);
    assertThat(statuses("TooHot")).containsExactly("firing");
    assertThat(receiver.events("TooHot").get(0).room()).isEqualTo("kitchen");

    heat(api, 20); // the 10-second average falls through the band (25..30) to below 25
    assertThat(awaitStatuses("TooHot", "firing", "resolved"))
        .as(receiver.events().toString())
        .isTrue();
    Thread.sleep(4000);
    assertThat(statuses("TooHot")).containsExactly("firing", "resolved");
    assertThat(stateOf(api, "TooHot")).isEqualTo("none");
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void aSilentRoomFiresAfterItsDurationAndARoomThatNeverReportedDoesNot(Storage storage)
      throws Exception {
    RunningApi api = start(storage);
    assertThat(
            api.post(
                    "/api/v1/buildings/" + building + "/rooms/pantry/temperatures",
                    "{\"temperature\": 19.5}")
                .statusCode())
        .isEqualTo(201);

    assertThat(awaitStatuses("Silent", "firing")).as(receiver.events().toString()).isTrue();
    assertThat(receiver.events("Silent")).extracting(Event::room).containsExactly("pantry");
    Thread.sleep(3000);
    assertThat(receiver.events("Silent")).extracting(Event::room).containsExactly("pantry");
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void twoInstancesEvaluatingTheSameRulesYieldOneNotification(Storage storage) throws Exception {
    RunningApi one = start(storage);
    RunningApi two = start(storage);
    heat(one, 35);

    assertThat(awaitStatuses("TooHot", "firing")).as(receiver.events().toString()).isTrue();
    while (!"firing".equals(stateOf(two, "TooHot"))) {
      Thread.sleep(100);
    }
    Thread.sleep(5000); // both have sent it, and re-sent it, by now
    assertThat(statuses("TooHot")).containsExactly("firing");
    assertThat(alertmanager.alerts()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void aRestartDuringAFiringAlertNeitherLosesNorRepeatsItsNotification(Storage storage)
      throws Exception {
    RunningApi before = start(storage);
    heat(before, 35);
    assertThat(awaitStatuses("TooHot", "firing")).as(receiver.events().toString()).isTrue();
    String firingSince = firingSince(before);

    stop(before);
    RunningApi after = start(storage);
    heat(after, 35);

    // Past the 4 s endsAt the first instance gave Alertmanager: had the new one not re-sent the
    // alert as firing at once, Alertmanager would have resolved it by now.
    Thread.sleep(10_000);
    assertThat(statuses("TooHot")).containsExactly("firing");
    assertThat(stateOf(after, "TooHot")).isEqualTo("firing");
    // Within one 1 s evaluation interval: on a loaded machine the first instance may judge a
    // moment late (or before a group commit made the reading visible), and so see the breach one
    // moment apart from the replay, which judges every moment on the data as stored. Alertmanager
    // keys an alert by its labels, so that second neither adds nor repeats a notification.
    Instant since = Instant.parse(firingSince);
    assertThat(Instant.parse(firingSince(after)))
        .isBetween(since.minusSeconds(1), since.plusSeconds(1));
    assertThat(alertmanager.alerts())
        .singleElement()
        .satisfies(
            alert -> assertThat(alert.path("status").path("state").asText()).isEqualTo("active"));
  }

  private static String firingSince(RunningApi api) throws Exception {
    for (JsonNode item : RunningApi.json(api.get("/api/v1/alerts")).path("alerts")) {
      if (item.path("alert").asText().equals("TooHot")) {
        return item.path("firing_since").asText();
      }
    }
    return "";
  }
}
