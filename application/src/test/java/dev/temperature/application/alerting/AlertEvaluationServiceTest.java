package dev.temperature.application.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.out.AlertNotification;
import dev.temperature.application.port.out.AlertRuleSource;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.application.port.out.InvalidAlertRulesException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import dev.temperature.domain.alerting.Alert;
import dev.temperature.domain.alerting.AlertName;
import dev.temperature.domain.alerting.AlertRule;
import dev.temperature.domain.alerting.AlertRules;
import dev.temperature.domain.alerting.AlertState;
import dev.temperature.domain.alerting.Condition;
import dev.temperature.domain.alerting.Condition.Direction;
import dev.temperature.domain.alerting.RoomSelector;
import dev.temperature.domain.alerting.Statistic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertEvaluationServiceTest {
  private static final BuildingId MAIN = new BuildingId("main");
  private static final RoomId KITCHEN = new RoomId("kitchen");
  private static final Instant T0 = Instant.parse("2024-12-10T17:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(30);

  /** The seed's case: the kitchen's 5-minute average above 30 °C for a minute, clear at 28. */
  private static final AlertRule KITCHEN_TOO_HOT =
      new AlertRule(
          new AlertName("KitchenTooHot"),
          RoomSelector.room(MAIN, KITCHEN),
          new Condition.Threshold(
              Statistic.AVERAGE, Duration.ofMinutes(5), Direction.ABOVE, 30, 28),
          Duration.ofMinutes(1),
          Map.of("severity", "warning"),
          Map.of());

  private static final AlertRule SILENT =
      new AlertRule(
          new AlertName("SensorSilent"),
          RoomSelector.building(MAIN),
          new Condition.Silence(Duration.ofMinutes(10)),
          Duration.ZERO,
          Map.of(),
          Map.of());

  private final InMemoryReadingStore store = new InMemoryReadingStore();
  private final MovableClock clock = new MovableClock(T0);
  private final List<List<AlertNotification>> sent = new ArrayList<>();
  private final List<Instant> sentAt = new ArrayList<>();
  private AlertRules rules = new AlertRules(List.of(KITCHEN_TOO_HOT));
  private RuntimeException loadFailure;

  private final AlertRuleSource source =
      new AlertRuleSource() {
        @Override
        public AlertRules load() {
          if (loadFailure != null) {
            throw loadFailure;
          }
          return rules;
        }

        @Override
        public String describe() {
          return "test rules";
        }
      };

  private AlertingSettings settings = settings(Duration.ofMinutes(10), 20);
  private EvaluationObserver observer = EvaluationObserver.NONE;
  private final Set<RoomId> hidden = new HashSet<>();

  private static AlertingSettings settings(Duration restoreLookback, int restoreMaxSteps) {
    return new AlertingSettings(
        INTERVAL,
        Duration.ofMinutes(1),
        Duration.ofMinutes(15),
        restoreLookback,
        restoreMaxSteps,
        100,
        "http://dash.example/");
  }

  private AlertEvaluationService service() {
    return new AlertEvaluationService(
        store,
        // The store's overview, less the rooms a test has hidden (their readings gone).
        (building, window, after, limit) ->
            store.overview(building, window, after, limit).stream()
                .filter(room -> !hidden.contains(room.room()))
                .toList(),
        source,
        batch -> {
          sent.add(batch);
          sentAt.add(clock.instant());
        },
        settings,
        clock,
        observer);
  }

  private void record(RoomId room, double celsius) {
    store.append(List.of(new Reading(MAIN, room, Temperature.celsius(celsius), clock.instant())));
  }

  /** Moves the clock an interval on, records the kitchen at {@code celsius}, evaluates. */
  private void tick(AlertEvaluationService service, double celsius) {
    clock.move(INTERVAL);
    record(KITCHEN, celsius);
    service.evaluate();
  }

  private List<AlertNotification> allSent() {
    return sent.stream().flatMap(List::stream).toList();
  }

  /** Notifications that said resolved: an end no later than when they were sent. */
  private List<AlertNotification> resolvedOnes() {
    List<AlertNotification> resolved = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      for (AlertNotification notification : sent.get(i)) {
        if (!notification.endsAt().isAfter(sentAt.get(i))) {
          resolved.add(notification);
        }
      }
    }
    return resolved;
  }

  private static AlertState stateOf(AlertEvaluationService service) {
    return service.active().alerts().stream()
        .map(Alert::state)
        .findFirst()
        .orElse(AlertState.RESOLVED);
  }

  @Test
  void aHotRoomIsPendingForItsForThenFiresOnceAndResolvesAtTheClearValue() {
    AlertEvaluationService service = service();
    tick(service, 20);
    assertThat(service.active().alerts()).isEmpty();

    tick(service, 50); // 5-minute average: 35
    assertThat(stateOf(service)).isEqualTo(AlertState.PENDING);
    assertThat(sent).isEmpty();
    tick(service, 50);
    assertThat(stateOf(service)).isEqualTo(AlertState.PENDING);
    tick(service, 50);
    assertThat(stateOf(service)).isEqualTo(AlertState.FIRING);
    Instant firedAt = clock.instant();

    assertThat(allSent()).hasSize(1);
    AlertNotification firing = allSent().get(0);
    assertThat(firing.labels())
        .containsExactly(
            Map.entry("alertname", "KitchenTooHot"),
            Map.entry("building", "main"),
            Map.entry("room", "kitchen"),
            Map.entry("severity", "warning"));
    assertThat(firing.startsAt()).isEqualTo(firedAt);
    assertThat(firing.endsAt()).isEqualTo(firedAt.plus(Duration.ofMinutes(4)));
    assertThat(firing.generatorUrl())
        .isEqualTo("http://dash.example/dashboard#/buildings/main/rooms/kitchen");
    assertThat(firing.annotations().get("summary"))
        .isEqualTo("kitchen in main: average 42.5 °C over 5m, above 30 °C");

    // Cooling: the 5-minute average falls, through the band between 30 and 28, to 28 or below.
    for (int i = 0; i < 10 && stateOf(service) == AlertState.FIRING; i++) {
      tick(service, 0);
    }
    assertThat(service.active().alerts()).isEmpty();
    List<AlertNotification> resolved = resolvedOnes();
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).endsAt()).isEqualTo(clock.instant());
    assertThat(resolved.get(0).startsAt()).isEqualTo(firedAt);
  }

  @Test
  void aFiringAlertIsResentEveryResendDelayAndNotOnEveryEvaluation() {
    AlertEvaluationService service = service();
    tick(service, 50);
    tick(service, 50);
    tick(service, 50); // fires
    int sentWhenFired = allSent().size();

    tick(service, 50); // 30 s later: not yet
    assertThat(allSent()).hasSize(sentWhenFired);
    tick(service, 50); // a minute later: again, endsAt moved on
    assertThat(allSent()).hasSize(sentWhenFired + 1);
    AlertNotification again = allSent().get(allSent().size() - 1);
    assertThat(again.endsAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(4)));
    assertThat(again.startsAt()).isEqualTo(allSent().get(0).startsAt());
  }

  @Test
  void aValueWanderingAroundTheThresholdInsideTheBandDoesNotFlap() {
    AlertEvaluationService service = service();
    tick(service, 35);
    tick(service, 35);
    tick(service, 35); // firing, average 35
    for (int i = 0; i < 12; i++) {
      tick(service, i % 2 == 0 ? 28.5 : 30.5); // the average falls to 29.5, inside the band
    }

    assertThat(resolvedOnes()).isEmpty();
    assertThat(allSent()).hasSizeGreaterThan(3);
    assertThat(stateOf(service)).isEqualTo(AlertState.FIRING);
  }

  @Test
  void aSilentRoomFiresOnceSilentForItsDurationAndARoomThatNeverReportedNeverDoes() {
    rules =
        new AlertRules(
            List.of(
                SILENT,
                new AlertRule(
                    new AlertName("GhostSilent"),
                    RoomSelector.room(MAIN, new RoomId("ghost")),
                    new Condition.Silence(Duration.ofMinutes(1)),
                    Duration.ZERO,
                    Map.of(),
                    Map.of())));
    AlertEvaluationService service = service();
    record(KITCHEN, 20);
    service.evaluate();
    clock.move(Duration.ofMinutes(10));
    service.evaluate();
    assertThat(service.active().alerts()).isEmpty();

    clock.move(INTERVAL);
    service.evaluate();

    assertThat(service.active().alerts())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo(new AlertName("SensorSilent"));
              assertThat(alert.state()).isEqualTo(AlertState.FIRING);
              assertThat(alert.firedAt()).contains(T0.plus(Duration.ofMinutes(10)).plusMillis(1));
            });
    assertThat(allSent()).singleElement();

    record(KITCHEN, 21);
    clock.move(INTERVAL);
    service.evaluate();
    assertThat(service.active().alerts()).isEmpty();
    assertThat(allSent()).hasSize(2);
  }

  @Test
  void anEvaluationCostsOneQueryPerBuildingAndRuleWindowHoweverManyRoomsAndRules() {
    List<AlertRule> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(
          new AlertRule(
              new AlertName("Hot" + i),
              RoomSelector.everyRoom(),
              new Condition.Threshold(
                  Statistic.MAX,
                  Duration.ofMinutes(i % 2 == 0 ? 5 : 15),
                  Direction.ABOVE,
                  30 + i,
                  30 + i),
              Duration.ZERO,
              Map.of(),
              Map.of()));
    }
    many.add(SILENT);
    rules = new AlertRules(many);
    for (String building : List.of("a", "b", "c")) {
      for (int room = 0; room < 40; room++) {
        store.append(
            List.of(
                new Reading(
                    new BuildingId(building),
                    new RoomId("r" + room),
                    Temperature.celsius(room),
                    T0)));
      }
    }
    AlertEvaluationService service = service();
    service.evaluate(); // the first evaluation replays nothing: no rule has a `for` or a band
    long before = store.calls();

    service.evaluate();

    // The list of buildings, then 3 buildings x 2 windows (the silence rides along).
    assertThat(store.calls() - before).isEqualTo(1 + 3 * 2);
    // Rooms r31..r39 are above some of the thresholds 30..39: 9 + 8 + ... + 1 alerts a building.
    assertThat(service.active().alerts()).hasSize(3 * 45);
  }

  @Test
  void aBuildingOfMoreRoomsThanAGetPageIsAskedForOncePerRuleWindow() {
    // 1,200 rooms: more than queries.maxPageSize (1,000), the page size the evaluation used to ask
    // for, which cost two queries a window; 100 rules over 4 windows, 3 statistics and silences.
    List<AlertRule> many = new ArrayList<>();
    List<Duration> windows =
        List.of(
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofHours(1));
    List<Statistic> statistics = List.of(Statistic.AVERAGE, Statistic.MIN, Statistic.MAX);
    for (int i = 0; i < 100; i++) {
      Condition condition =
          i % 5 == 4
              ? new Condition.Silence(Duration.ofDays(1 + i % 7))
              : new Condition.Threshold(
                  statistics.get(i % 3), windows.get(i % 4), Direction.ABOVE, 40 + i, 40 + i);
      many.add(
          new AlertRule(
              new AlertName("Rule" + i),
              RoomSelector.everyRoom(),
              condition,
              Duration.ZERO,
              Map.of(),
              Map.of()));
    }
    rules = new AlertRules(many);
    BuildingId big = new BuildingId("big");
    BuildingId small = new BuildingId("small");
    List<Reading> readings = new ArrayList<>();
    for (int room = 0; room < 1200; room++) {
      readings.add(new Reading(big, new RoomId("r" + room), Temperature.celsius(20), T0));
    }
    readings.add(new Reading(small, KITCHEN, Temperature.celsius(99), T0));
    store.append(readings);
    settings =
        new AlertingSettings(
            INTERVAL,
            Duration.ofMinutes(1),
            Duration.ofMinutes(15),
            Duration.ZERO,
            0,
            AlertingSettings.ROOMS_PER_QUERY,
            "http://dash.example/");
    List<String> asked = new ArrayList<>();
    AlertEvaluationService service =
        new AlertEvaluationService(
            store,
            (building, window, after, limit) -> {
              asked.add(building + " " + window.length() + " after " + after.orElse(null));
              return store.overview(building, window, after, limit);
            },
            source,
            batch -> {},
            settings,
            clock,
            observer);

    service.evaluate();

    assertThat(asked)
        .containsExactlyInAnyOrder(
            "big PT5M after null",
            "big PT15M after null",
            "big PT30M after null",
            "big PT1H after null",
            "small PT5M after null",
            "small PT15M after null",
            "small PT30M after null",
            "small PT1H after null");
    // Every rule saw every room: the kitchen at 99 °C breaches the 48 thresholds below 99.
    assertThat(service.active().alerts())
        .extracting(alert -> alert.building().value())
        .containsOnly("small")
        .hasSize(48);
  }

  @Test
  void aRestartedServiceFindsAFiringAlertFiringAtOnceWithItsOriginalStart() {
    AlertEvaluationService first = service();
    tick(first, 50);
    tick(first, 50);
    tick(first, 50);
    tick(first, 50);
    AlertNotification before = allSent().get(0);
    sent.clear();

    AlertEvaluationService second = service();
    clock.move(INTERVAL);
    record(KITCHEN, 50);
    second.evaluate();

    assertThat(stateOf(second)).isEqualTo(AlertState.FIRING);
    assertThat(allSent()).singleElement();
    assertThat(allSent().get(0).labels()).isEqualTo(before.labels());
    assertThat(allSent().get(0).startsAt()).isEqualTo(before.startsAt());
  }

  @Test
  void aRestartWithMoreIntervalsThanStepsReplaysEveryFewIntervalsAcrossTheWholeLookback() {
    AlertEvaluationService first = service();
    for (int i = 0; i < 10; i++) {
      tick(first, 50); // hot for 5 minutes
    }
    assertThat(stateOf(first)).isEqualTo(AlertState.FIRING);

    // 10 minutes are 20 intervals; 5 steps replay every 4th: 10, 8, 6, 4 and 2 minutes ago. Had
    // they all been now, the alert would be pending for its minute again.
    settings = settings(Duration.ofMinutes(10), 5);
    AlertEvaluationService second = service();
    clock.move(INTERVAL);
    record(KITCHEN, 50);
    second.evaluate();

    assertThat(stateOf(second)).isEqualTo(AlertState.FIRING);
    assertThat(second.active().alerts().get(0).activeAt())
        .isEqualTo(clock.instant().minus(Duration.ofMinutes(4)));
  }

  @Test
  void aRestartedServiceFindsAPendingAlertPendingSinceItBegan() {
    AlertEvaluationService first = service();
    tick(first, 50); // pending from here
    Instant began = clock.instant();

    AlertEvaluationService second = service();
    clock.move(INTERVAL);
    record(KITCHEN, 50);
    second.evaluate();

    assertThat(second.active().alerts())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.state()).isEqualTo(AlertState.PENDING);
              assertThat(alert.activeAt()).isEqualTo(began);
            });
    assertThat(sent).isEmpty();
  }

  @Test
  void aRestartCannotSeeAnAlertThatFiredBeforeTheLookbackAndSatInTheBandEverSince() {
    // The documented limit: 20 minutes in the band between 28 and 30, longer than the 10-minute
    // restore lookback, so the replay never sees the value above 30 that made it fire.
    AlertEvaluationService first = service();
    tick(first, 40);
    tick(first, 40);
    tick(first, 40);
    for (int i = 0; i < 40; i++) {
      tick(first, 29);
    }
    assertThat(stateOf(first)).isEqualTo(AlertState.FIRING);

    AlertEvaluationService second = service();
    tick(second, 29);

    assertThat(second.active().alerts()).isEmpty();
  }

  @Test
  void aFailedEvaluationKeepsEveryAlertAndStillResendsTheFiringOnes() {
    AlertEvaluationService service = service();
    tick(service, 50);
    tick(service, 50);
    tick(service, 50);
    int sentBefore = allSent().size();

    store.failWith(true);
    clock.move(Duration.ofMinutes(1));
    service.evaluate();

    assertThat(stateOf(service)).isEqualTo(AlertState.FIRING);
    assertThat(allSent()).hasSize(sentBefore + 1);
    assertThat(allSent().get(allSent().size() - 1).endsAt()).isAfter(clock.instant());
  }

  @Test
  void aReloadThatFailsKeepsTheRulesInForceAndARemovedRuleResolvesItsAlerts() {
    AlertEvaluationService service = service();
    tick(service, 50);
    tick(service, 50);
    tick(service, 50);
    assertThat(stateOf(service)).isEqualTo(AlertState.FIRING);

    loadFailure = new InvalidAlertRulesException("alerts.yml: rule 'X': field 'for': bad", null);
    assertThatThrownBy(service::reload).hasMessageContaining("field 'for'");
    tick(service, 50);
    assertThat(service.active().rules()).isEqualTo(1);
    assertThat(stateOf(service)).isEqualTo(AlertState.FIRING);

    loadFailure = null;
    rules = new AlertRules(List.of(SILENT));
    assertThat(service.reload().size()).isEqualTo(1);
    tick(service, 50);

    assertThat(service.active().alerts()).isEmpty();
    AlertNotification last = allSent().get(allSent().size() - 1);
    assertThat(last.labels()).containsEntry("alertname", "KitchenTooHot");
    assertThat(last.endsAt()).isEqualTo(clock.instant());
  }

  @Test
  void evaluationsHappenAtWholeIntervalsSoThatReplicasJudgeTheSameWindows() {
    AlertEvaluationService service = service();
    clock.move(Duration.ofSeconds(7));
    service.evaluate();

    assertThat(service.active().evaluatedAt()).contains(T0);
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @SuppressWarnings("unused")
  private static Optional<Alert> none() {
    return Optional.empty();
  }

  private static AlertRule kitchenAbove(String name, Duration pendingFor, double clear) {
    return new AlertRule(
        new AlertName(name),
        RoomSelector.room(MAIN, KITCHEN),
        new Condition.Threshold(
            Statistic.AVERAGE, Duration.ofMinutes(5), Direction.ABOVE, 30, clear),
        pendingFor,
        Map.of(),
        Map.of());
  }

  /** Fires the kitchen alert (3 ticks at 50 °C) and resolves it (ticks at 0 °C until resolved). */
  private void fireAndResolve(AlertEvaluationService service) {
    tick(service, 50);
    tick(service, 50);
    tick(service, 50);
    assertThat(stateOf(service)).isEqualTo(AlertState.FIRING);
    for (int i = 0; i < 10 && stateOf(service) == AlertState.FIRING; i++) {
      tick(service, 0);
    }
    assertThat(resolvedOnes()).hasSize(1);
  }

  @Test
  void aResolvedAlertIsResentEveryResendDelayUntilItsRetentionEndsThenNoMore() {
    AlertEvaluationService service = service();
    fireAndResolve(service);
    Instant resolvedAt = resolvedOnes().get(0).endsAt();

    for (int i = 0; i < 40; i++) {
      tick(service, 0);
    }

    // Every minute (the resend delay) up to 15 minutes (the retention) after it was resolved.
    assertThat(resolvedOnes()).hasSize(16);
    assertThat(resolvedOnes()).allSatisfy(n -> assertThat(n.endsAt()).isEqualTo(resolvedAt));
    assertThat(sentAt.get(sentAt.size() - 1)).isEqualTo(resolvedAt.plus(Duration.ofMinutes(15)));
  }

  @Test
  void anAlertThatFiresAgainIsNoLongerSentAsResolved() {
    AlertEvaluationService service = service();
    fireAndResolve(service);

    tick(service, 100);
    tick(service, 100);
    tick(service, 100);
    assertThat(stateOf(service)).isEqualTo(AlertState.FIRING);
    int resolvedBefore = resolvedOnes().size();
    for (int i = 0; i < 6; i++) {
      tick(service, 100);
    }

    assertThat(resolvedOnes()).hasSize(resolvedBefore);
  }

  @Test
  void theObserverHearsEachEvaluationItsQueriesItsFailuresAndWhatWasSent() {
    List<Duration> took = new ArrayList<>();
    List<Long> queries = new ArrayList<>();
    List<RuntimeException> failures = new ArrayList<>();
    List<List<Integer>> notified = new ArrayList<>();
    observer =
        new EvaluationObserver() {
          @Override
          public void evaluated(Duration duration, long count) {
            took.add(duration);
            queries.add(count);
          }

          @Override
          public void failed(RuntimeException cause) {
            failures.add(cause);
          }

          @Override
          public void notified(int firing, int resolved) {
            notified.add(List.of(firing, resolved));
          }
        };
    rules = new AlertRules(List.of(kitchenAbove("Hot", Duration.ZERO, 30), SILENT));
    AlertEvaluationService service = service();

    clock.move(INTERVAL);
    record(KITCHEN, 50);
    long before = System.nanoTime();
    service.evaluate();
    long elapsed = System.nanoTime() - before;

    assertThat(took).singleElement().satisfies(d -> assertThat(d.toNanos()).isBetween(0L, elapsed));
    // One building, one window (the silence rides along); the first evaluation replays nothing.
    assertThat(queries).containsExactly(1L);
    assertThat(notified).containsExactly(List.of(1, 0));

    tick(service, 0);
    assertThat(notified).containsExactly(List.of(1, 0), List.of(0, 1));

    store.failWith(true);
    clock.move(INTERVAL);
    service.evaluate();
    assertThat(failures).singleElement().isInstanceOf(RuntimeException.class);
    assertThat(took).hasSize(2);
  }

  @Test
  void everyBuildingRuleCountsTheListOfBuildingsAsAQuery() {
    List<Long> queries = new ArrayList<>();
    observer =
        new EvaluationObserver() {
          @Override
          public void evaluated(Duration duration, long count) {
            queries.add(count);
          }
        };
    rules =
        new AlertRules(
            List.of(
                new AlertRule(
                    new AlertName("AnySilent"),
                    RoomSelector.everyRoom(),
                    new Condition.Silence(Duration.ofMinutes(10)),
                    Duration.ZERO,
                    Map.of(),
                    Map.of())));
    store.append(
        List.of(new Reading(new BuildingId("annex"), KITCHEN, Temperature.celsius(20), T0)));
    record(KITCHEN, 20);
    AlertEvaluationService service = service();

    service.evaluate();

    // The list, then one overview per building.
    assertThat(queries).containsExactly(3L);
  }

  @Test
  void activeAlertsAreListedByBuildingThenRoomThenRule() {
    rules =
        new AlertRules(
            List.of(
                silence("ZSilent", RoomSelector.everyRoom()),
                silence("ASilent", RoomSelector.everyRoom())));
    store.append(
        List.of(
            new Reading(new BuildingId("annex"), new RoomId("zone"), Temperature.celsius(20), T0),
            new Reading(MAIN, new RoomId("attic"), Temperature.celsius(20), T0)));
    AlertEvaluationService service = service();
    clock.move(Duration.ofMinutes(30));

    service.evaluate();

    assertThat(service.active().alerts())
        .extracting(a -> a.building() + "/" + a.room() + "/" + a.rule().value())
        .containsExactly(
            "annex/zone/ASilent", "annex/zone/ZSilent", "main/attic/ASilent", "main/attic/ZSilent");
  }

  private static AlertRule silence(String name, RoomSelector rooms) {
    return new AlertRule(
        new AlertName(name),
        rooms,
        new Condition.Silence(Duration.ofMinutes(10)),
        Duration.ZERO,
        Map.of(),
        Map.of());
  }

  @Test
  void aFiringAlertWhoseRoomLeftTheStoreGoesOnFiring() {
    AlertEvaluationService service = service();
    tick(service, 50);
    tick(service, 50);
    tick(service, 50);
    assertThat(stateOf(service)).isEqualTo(AlertState.FIRING);

    hidden.add(KITCHEN);
    clock.move(INTERVAL);
    service.evaluate();

    assertThat(stateOf(service)).isEqualTo(AlertState.FIRING);
    assertThat(resolvedOnes()).isEmpty();
  }

  @Test
  void aRuleReloadedToWatchAnotherRoomResolvesItsAlertForTheRoomItLeft() {
    AlertEvaluationService service = service();
    tick(service, 50);
    tick(service, 50);
    tick(service, 50);
    assertThat(stateOf(service)).isEqualTo(AlertState.FIRING);

    rules =
        new AlertRules(
            List.of(
                new AlertRule(
                    KITCHEN_TOO_HOT.name(),
                    RoomSelector.room(MAIN, new RoomId("hall")),
                    KITCHEN_TOO_HOT.condition(),
                    KITCHEN_TOO_HOT.pendingFor(),
                    KITCHEN_TOO_HOT.labels(),
                    Map.of())));
    service.reload();
    hidden.add(KITCHEN);
    tick(service, 50);

    assertThat(service.active().alerts()).isEmpty();
    assertThat(resolvedOnes())
        .singleElement()
        .extracting(AlertNotification::endsAt)
        .isEqualTo(clock.instant());
  }

  @Test
  void aRestartReplaysARuleWithABandButNoFor() {
    rules = new AlertRules(List.of(kitchenAbove("Hot", Duration.ZERO, 20)));
    for (double celsius : new double[] {50, 20, 0, 25}) {
      clock.move(INTERVAL);
      record(KITCHEN, celsius);
    }
    AlertEvaluationService restarted = service();

    // The 5-minute average, 23.75, is inside the band (30 > 23.75 > 20): only a replay, which
    // sees the average above 30 two evaluations ago, knows the alert is firing.
    restarted.evaluate();

    assertThat(stateOf(restarted)).isEqualTo(AlertState.FIRING);
  }

  @Test
  void aRestartReplaysARuleWithAForButNoBand() {
    rules = new AlertRules(List.of(kitchenAbove("Hot", Duration.ofMinutes(1), 30)));
    AlertEvaluationService first = service();
    tick(first, 50);
    Instant began = clock.instant();

    AlertEvaluationService second = service();
    tick(second, 50);

    assertThat(second.active().alerts())
        .singleElement()
        .satisfies(alert -> assertThat(alert.activeAt()).isEqualTo(began));
  }

  @Test
  void aRestartReplaysAtLeastTheForOfEachRuleWhenItIsLongerThanTheLookback() {
    settings = settings(Duration.ofMinutes(10), 100); // enough steps to replay every interval
    rules = new AlertRules(List.of(kitchenAbove("Hot", Duration.ofMinutes(20), 30)));
    AlertEvaluationService first = service();
    tick(first, 50);
    Instant began = clock.instant();
    for (int i = 0; i < 28; i++) {
      tick(first, 50); // 14 minutes: longer than the 10-minute lookback, pending still
    }

    AlertEvaluationService second = service();
    tick(second, 50);

    assertThat(second.active().alerts())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.state()).isEqualTo(AlertState.PENDING);
              assertThat(alert.activeAt()).isEqualTo(began);
            });
  }

  @Test
  void aRestartWithoutReplayStepsStartsFromNothing() {
    settings = settings(Duration.ofMinutes(10), 0);
    AlertEvaluationService first = service();
    tick(first, 50);

    AlertEvaluationService second = service();
    tick(second, 50);

    assertThat(second.active().alerts())
        .singleElement()
        .satisfies(alert -> assertThat(alert.activeAt()).isEqualTo(clock.instant()));
  }

  @Test
  void aRestartReplaysOnlyMomentsAfterTheEarliestInstantAWindowCanStartAt() {
    clock.move(Duration.between(T0, Window.EARLIEST.plus(Duration.ofMinutes(6))));
    AlertEvaluationService first = service();
    tick(first, 50);
    Instant began = clock.instant();

    AlertEvaluationService second = service();
    tick(second, 50);

    assertThat(second.active().alerts())
        .singleElement()
        .satisfies(alert -> assertThat(alert.activeAt()).isEqualTo(began));
  }
}
