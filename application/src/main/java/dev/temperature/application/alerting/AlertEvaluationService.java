package dev.temperature.application.alerting;

import dev.temperature.application.port.in.ActiveAlerts;
import dev.temperature.application.port.in.ActiveAlertsUseCase;
import dev.temperature.application.port.in.EvaluateAlertsUseCase;
import dev.temperature.application.port.in.ReloadAlertRulesUseCase;
import dev.temperature.application.port.out.AlertNotification;
import dev.temperature.application.port.out.AlertNotifier;
import dev.temperature.application.port.out.AlertRuleSource;
import dev.temperature.application.port.out.KnownRooms;
import dev.temperature.application.port.out.RoomOverviews;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Window;
import dev.temperature.domain.alerting.Alert;
import dev.temperature.domain.alerting.AlertLifecycle;
import dev.temperature.domain.alerting.AlertName;
import dev.temperature.domain.alerting.AlertRule;
import dev.temperature.domain.alerting.AlertRules;
import dev.temperature.domain.alerting.AlertState;
import dev.temperature.domain.alerting.Condition;
import dev.temperature.domain.alerting.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates the alert rules against the store and keeps each alert's state, as a Prometheus rule
 * group does, and tells the notifier what Alertmanager must hear.
 *
 * <p><b>Cost.</b> An evaluation asks the store for the overview of each building a rule covers,
 * once per distinct rule window (rules with the same window share it; silence rules ride along with
 * any of them): one query per building and rule window for buildings of fewer than {@code pageSize}
 * rooms (the bootstrap asks for {@link AlertingSettings#ROOMS_PER_QUERY}, not the GET page limit),
 * never one per room. Rules without a building add one query for the list of buildings. Only the
 * rooms a rule breaches, or whose alert is active, cost more than judging.
 *
 * <p><b>Restart.</b> State lives in memory. The first evaluation after a start replays the
 * threshold rules whose state depends on the past ({@code for}, or a clear value) at earlier
 * evaluation moments over {@link AlertingSettings#restoreLookback()} (at most {@link
 * AlertingSettings#restoreMaxSteps()} of them, each a whole number of intervals back), so an alert
 * that was firing is firing again at once and keeps its original {@code startsAt} when the replay
 * saw every interval. Silence rules need no replay: when a room fell silent is in the data.
 */
public final class AlertEvaluationService
    implements EvaluateAlertsUseCase, ActiveAlertsUseCase, ReloadAlertRulesUseCase {
  private final KnownRooms known;
  private final RoomOverviews overviews;
  private final AlertRuleSource source;
  private final AlertNotifier notifier;
  private final AlertingSettings settings;
  private final Clock clock;
  private final EvaluationObserver observer;

  private volatile AlertRules rules;
  private volatile ActiveAlerts snapshot = ActiveAlerts.NONE;

  // Touched by the evaluating thread only, under `this`.
  private Map<Alert.Key, Alert> active = new HashMap<>();
  private final Map<Alert.Key, Alert> resolved = new HashMap<>();
  private final Map<Alert.Key, Instant> lastSent = new HashMap<>();
  private boolean restored;

  /**
   * Reads the rules once; an invalid rules file fails here, so that a process never starts with
   * rules it cannot read.
   */
  public AlertEvaluationService(
      KnownRooms known,
      RoomOverviews overviews,
      AlertRuleSource source,
      AlertNotifier notifier,
      AlertingSettings settings,
      Clock clock,
      EvaluationObserver observer) {
    this.known = Objects.requireNonNull(known);
    this.overviews = Objects.requireNonNull(overviews);
    this.source = Objects.requireNonNull(source);
    this.notifier = Objects.requireNonNull(notifier);
    this.settings = Objects.requireNonNull(settings);
    this.clock = Objects.requireNonNull(clock);
    this.observer = Objects.requireNonNull(observer);
    this.rules = source.load();
    this.snapshot = new ActiveAlerts(Optional.empty(), rules.size(), List.of());
  }

  @Override
  public AlertRules reload() {
    AlertRules loaded = source.load();
    rules = loaded;
    return loaded;
  }

  @Override
  public ActiveAlerts active() {
    ActiveAlerts last = snapshot;
    // The rules in force, even when reloaded since the last evaluation.
    return new ActiveAlerts(last.evaluatedAt(), rules.size(), last.alerts());
  }

  @Override
  public synchronized void evaluate() {
    long started = System.nanoTime();
    Instant now = clock.instant();
    Instant at = settings.align(now);
    AlertRules inForce = rules;
    long[] queries = {0};
    try {
      if (!restored) {
        restore(at, inForce, queries);
        restored = true;
      }
      Outcome outcome = step(at, inForce, active, queries);
      active = outcome.active();
      for (Alert alert : outcome.resolved()) {
        resolved.put(alert.key(), alert);
      }
      for (Alert alert : active.values()) {
        if (alert.state() == AlertState.FIRING) {
          resolved.remove(alert.key());
        }
      }
      snapshot = new ActiveAlerts(Optional.of(at), inForce.size(), sorted(active.values()));
      observer.evaluated(Duration.ofNanos(System.nanoTime() - started), queries[0]);
    } catch (RuntimeException e) {
      // The alerts keep their state; firing ones are still re-sent below, so that a store outage
      // does not let Alertmanager time them out.
      observer.failed(e);
    }
    send(now);
  }

  private record Outcome(Map<Alert.Key, Alert> active, List<Alert> resolved) {}

  /** One evaluation of {@code rules} at {@code at}, from the alerts {@code before}. */
  private Outcome step(Instant at, AlertRules rules, Map<Alert.Key, Alert> before, long[] queries) {
    Map<Alert.Key, Alert> after = new HashMap<>();
    List<Alert> resolvedNow = new ArrayList<>();
    Set<Alert.Key> seen = new HashSet<>();
    observe(
        at,
        rules,
        queries,
        (rule, building, room) -> {
          Alert.Key key = new Alert.Key(rule.name(), building, room.room());
          Alert was = before.get(key);
          Verdict verdict = rule.condition().judge(room, at);
          // Nearly every room of every rule is quiet and was quiet: it stays inactive, and its
          // labels, link and key need not be built nor remembered. With 10,000 rooms and 100 rules
          // doing so for each made a million objects a tick and most of its time (a profile of
          // the bench's tick: a third in the set of seen keys, a third in garbage collection).
          if (was == null && !(verdict instanceof Verdict.Breaching)) {
            return;
          }
          if (was != null) {
            seen.add(key);
          }
          AlertLifecycle.Step next =
              AlertLifecycle.next(
                  rule,
                  building,
                  room.room(),
                  Optional.ofNullable(was),
                  verdict,
                  at,
                  settings.roomUrl(building, room.room()));
          next.alert().ifPresent(alert -> after.put(key, alert));
          next.resolved().ifPresent(resolvedNow::add);
        });
    Map<AlertName, AlertRule> byName = new HashMap<>();
    rules.rules().forEach(rule -> byName.put(rule.name(), rule));
    for (Alert alert : before.values()) {
      if (seen.contains(alert.key())) {
        continue;
      }
      AlertRule rule = byName.get(alert.rule());
      AlertLifecycle.Step next =
          rule != null && rule.rooms().matches(alert.building(), alert.room())
              // Covered, yet not in the overview: the room's readings are gone (retention).
              ? AlertLifecycle.next(
                  rule,
                  alert.building(),
                  alert.room(),
                  Optional.of(alert),
                  new Verdict.NoData(),
                  at,
                  settings.roomUrl(alert.building(), alert.room()))
              : AlertLifecycle.retire(alert, at);
      next.alert().ifPresent(kept -> after.put(kept.key(), kept));
      next.resolved().ifPresent(resolvedNow::add);
    }
    return new Outcome(after, resolvedNow);
  }

  private interface Visitor {
    void visit(AlertRule rule, BuildingId building, RoomOverview room);
  }

  /**
   * Shows every rule each room it covers, as the store sees it at {@code at}: one overview per
   * building and distinct rule window, a page at a time.
   */
  private void observe(Instant at, AlertRules rules, long[] queries, Visitor visitor) {
    Set<BuildingId> buildings = new TreeSet<>(Comparator.comparing(BuildingId::value));
    boolean everyBuilding = false;
    for (AlertRule rule : rules.rules()) {
      Optional<BuildingId> one = rule.rooms().building();
      if (one.isPresent()) {
        buildings.add(one.get());
      } else {
        everyBuilding = true;
      }
    }
    if (everyBuilding) {
      // The store's own list: a building a rule names that is not in it has no rooms to ask about.
      queries[0]++;
      List<BuildingId> all = known.buildings();
      buildings.retainAll(all);
      buildings.addAll(all);
    }
    for (BuildingId building : buildings) {
      // Rules by the window they need; silence rules need only each room's newest reading, which
      // every overview carries, so they join the first window (or a window of no length).
      Map<Duration, List<AlertRule>> byWindow = new LinkedHashMap<>();
      List<AlertRule> silences = new ArrayList<>();
      for (AlertRule rule : rules.rules()) {
        if (!rule.rooms().covers(building)) {
          continue;
        }
        Optional<Duration> span = rule.condition().span();
        if (span.isPresent()) {
          byWindow.computeIfAbsent(span.get(), length -> new ArrayList<>()).add(rule);
        } else {
          silences.add(rule);
        }
      }
      if (!silences.isEmpty()) {
        byWindow
            .computeIfAbsent(
                byWindow.isEmpty() ? Duration.ZERO : byWindow.keySet().iterator().next(),
                length -> new ArrayList<>())
            .addAll(silences);
      }
      for (Map.Entry<Duration, List<AlertRule>> group : byWindow.entrySet()) {
        Instant from = at.minus(group.getKey());
        Window window = new Window(from.isBefore(Window.EARLIEST) ? Window.EARLIEST : from, at);
        Optional<RoomId> after = Optional.empty();
        do {
          List<RoomOverview> page =
              overviews.overview(building, window, after, settings.pageSize());
          queries[0]++;
          for (RoomOverview room : page) {
            for (AlertRule rule : group.getValue()) {
              if (rule.rooms().matches(building, room.room())) {
                visitor.visit(rule, building, room);
              }
            }
          }
          after =
              page.size() < settings.pageSize()
                  ? Optional.empty()
                  : Optional.of(page.get(page.size() - 1).room());
        } while (after.isPresent());
      }
    }
  }

  /**
   * Rebuilds the state of the threshold rules whose state depends on the past by evaluating them at
   * earlier moments, oldest first, without notifying anything.
   */
  private void restore(Instant at, AlertRules rules, long[] queries) {
    List<AlertRule> replayed = new ArrayList<>();
    Duration span = settings.restoreLookback();
    for (AlertRule rule : rules.rules()) {
      if (rule.condition() instanceof Condition.Threshold threshold
          && (!rule.pendingFor().isZero() || threshold.hasBand())) {
        replayed.add(rule);
        Duration needed = rule.pendingFor().plus(settings.interval());
        span = needed.compareTo(span) > 0 ? needed : span;
      }
    }
    if (replayed.isEmpty() || settings.restoreMaxSteps() == 0) {
      return;
    }
    long interval = settings.interval().toMillis();
    long intervals = Math.max(1, ceilDiv(span.toMillis(), interval));
    long stride = Math.max(1, ceilDiv(intervals, settings.restoreMaxSteps()));
    long steps = ceilDiv(intervals, stride);
    AlertRules replay = new AlertRules(replayed);
    Map<Alert.Key, Alert> state = new HashMap<>();
    for (long k = steps; k >= 1; k--) {
      Instant moment = at.minusMillis(k * stride * interval);
      if (moment.isBefore(Window.EARLIEST)) {
        continue;
      }
      state = step(moment, replay, state, queries).active();
    }
    active = state;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /**
   * Hands the notifier every alert that became firing or resolved, and every other firing or
   * recently resolved one whose last sending is at least {@code resendDelay} old.
   */
  private void send(Instant now) {
    List<AlertNotification> out = new ArrayList<>();
    Instant endsAt = now.plus(settings.validFor());
    int firing = 0;
    for (Alert alert : active.values()) {
      if (alert.state() == AlertState.FIRING && due(alert.key(), now, Optional.empty())) {
        out.add(notification(alert, endsAt));
        lastSent.put(alert.key(), now);
        firing++;
      }
    }
    int resolvedCount = 0;
    for (var iterator = resolved.values().iterator(); iterator.hasNext(); ) {
      Alert alert = iterator.next();
      Instant resolvedAt = alert.resolvedAt().orElseThrow();
      if (resolvedAt.plus(settings.resolvedRetention()).isBefore(now)) {
        iterator.remove();
        lastSent.remove(alert.key());
      } else if (due(alert.key(), now, alert.resolvedAt())) {
        out.add(notification(alert, resolvedAt));
        lastSent.put(alert.key(), now);
        resolvedCount++;
      }
    }
    lastSent.keySet().removeIf(key -> !active.containsKey(key) && !resolved.containsKey(key));
    if (!out.isEmpty()) {
      notifier.send(out);
      observer.notified(firing, resolvedCount);
    }
  }

  private boolean due(Alert.Key key, Instant now, Optional<Instant> resolvedAt) {
    Instant last = lastSent.get(key);
    return last == null
        || resolvedAt.map(last::isBefore).orElse(false)
        || !last.plus(settings.resendDelay()).isAfter(now);
  }

  private AlertNotification notification(Alert alert, Instant endsAt) {
    return new AlertNotification(
        alert.labels(),
        alert.annotations(),
        alert.firedAt().orElseThrow(),
        endsAt,
        settings.roomUrl(alert.building(), alert.room()));
  }

  private static List<Alert> sorted(java.util.Collection<Alert> alerts) {
    return alerts.stream()
        .sorted(
            Comparator.comparing((Alert alert) -> alert.building().value())
                .thenComparing(alert -> alert.room().value())
                .thenComparing(alert -> alert.rule().value()))
        .toList();
  }
}
