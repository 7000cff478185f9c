package dev.temperature.domain.alerting;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The state machine of one rule's alert for one room, as Prometheus runs it, plus a clear value:
 *
 * <pre>
 * inactive --breaching--> pending --breaching for `for`--> firing --clear--> resolved
 *             (firing at once when `for` is 0)   pending --not breaching--> inactive
 * </pre>
 *
 * A firing alert goes on firing while the value is between the threshold and the clear value, and
 * while the window holds no reading (nothing says it is back to normal). A pure function of the
 * previous alert, the verdict and the moment, so that replaying past verdicts rebuilds the state.
 */
public final class AlertLifecycle {
  private AlertLifecycle() {}

  /** The alert after a step, and the alert it resolved in this step if it did. */
  public record Step(Optional<Alert> alert, Optional<Alert> resolved) {
    static final Step INACTIVE = new Step(Optional.empty(), Optional.empty());
  }

  /**
   * The next state of {@code rule}'s alert for the room, given the one before ({@code current},
   * empty when inactive or resolved) and what the evaluation at {@code at} found. {@code roomUrl}
   * is the room's page, for the annotations.
   */
  public static Step next(
      AlertRule rule,
      BuildingId building,
      RoomId room,
      Optional<Alert> current,
      Verdict verdict,
      Instant at,
      String roomUrl) {
    Optional<Alert> before = current.filter(alert -> alert.state() != AlertState.RESOLVED);
    boolean firing = before.map(alert -> alert.state() == AlertState.FIRING).orElse(false);
    Map<String, String> labels = rule.labelsFor(building, room);
    if (verdict instanceof Verdict.Breaching breaching) {
      Instant activeAt = before.map(Alert::activeAt).orElse(breaching.since());
      Instant due = activeAt.plus(rule.pendingFor());
      Optional<Instant> firedAt =
          before
              .flatMap(Alert::firedAt)
              .or(() -> at.isBefore(due) ? Optional.empty() : Optional.of(due));
      AlertState state = firedAt.isPresent() ? AlertState.FIRING : AlertState.PENDING;
      return new Step(
          Optional.of(
              new Alert(
                  rule.name(),
                  building,
                  room,
                  state,
                  breaching.value(),
                  activeAt,
                  firedAt,
                  Optional.empty(),
                  labels,
                  rule.annotationsFor(labels, breaching.value(), roomUrl))),
          Optional.empty());
    }
    if (!firing) {
      return Step.INACTIVE;
    }
    Alert was = before.get();
    if (verdict instanceof Verdict.Holding holding) {
      return new Step(Optional.of(revalued(was, rule, holding.value(), roomUrl)), Optional.empty());
    }
    if (verdict instanceof Verdict.Clear clear) {
      return new Step(
          Optional.empty(),
          Optional.of(
              new Alert(
                  was.rule(),
                  building,
                  room,
                  AlertState.RESOLVED,
                  clear.value(),
                  was.activeAt(),
                  was.firedAt(),
                  Optional.of(at),
                  labels,
                  rule.annotationsFor(labels, clear.value(), roomUrl))));
    }
    return new Step(before, Optional.empty()); // no data: a firing alert goes on firing
  }

  /**
   * Ends an alert whose rule was removed or no longer covers its room: a firing alert is resolved
   * at {@code at}, a pending one simply lapses.
   */
  public static Step retire(Alert alert, Instant at) {
    if (alert.state() != AlertState.FIRING) {
      return Step.INACTIVE;
    }
    return new Step(
        Optional.empty(),
        Optional.of(
            new Alert(
                alert.rule(),
                alert.building(),
                alert.room(),
                AlertState.RESOLVED,
                alert.value(),
                alert.activeAt(),
                alert.firedAt(),
                Optional.of(at),
                alert.labels(),
                alert.annotations())));
  }

  private static Alert revalued(Alert alert, AlertRule rule, double value, String roomUrl) {
    return new Alert(
        alert.rule(),
        alert.building(),
        alert.room(),
        alert.state(),
        value,
        alert.activeAt(),
        alert.firedAt(),
        alert.resolvedAt(),
        alert.labels(),
        rule.annotationsFor(alert.labels(), value, roomUrl));
  }
}
