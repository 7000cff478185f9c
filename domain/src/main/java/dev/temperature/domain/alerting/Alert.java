package dev.temperature.domain.alerting;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One rule's alert for one room. {@code activeAt} is when its condition began to hold, {@code
 * firedAt} when it began to fire (Alertmanager's {@code startsAt}), {@code resolvedAt} when it was
 * resolved. {@code labels} identify it (Alertmanager de-duplicates by them); {@code annotations}
 * describe it with the latest value.
 */
public record Alert(
    AlertName rule,
    BuildingId building,
    RoomId room,
    AlertState state,
    double value,
    Instant activeAt,
    Optional<Instant> firedAt,
    Optional<Instant> resolvedAt,
    Map<String, String> labels,
    Map<String, String> annotations) {
  public Alert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(activeAt, "activeAt");
    Objects.requireNonNull(firedAt, "firedAt");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    if (state == AlertState.PENDING && (firedAt.isPresent() || resolvedAt.isPresent())) {
      throw new IllegalArgumentException("a pending alert has neither fired nor been resolved");
    }
    if (state == AlertState.FIRING && (firedAt.isEmpty() || resolvedAt.isPresent())) {
      throw new IllegalArgumentException("a firing alert has fired and is not resolved");
    }
    if (state == AlertState.RESOLVED && (firedAt.isEmpty() || resolvedAt.isEmpty())) {
      throw new IllegalArgumentException("a resolved alert has fired and been resolved");
    }
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  /** Identifies an alert among all others: its rule and its room. */
  public record Key(AlertName rule, BuildingId building, RoomId room) {
    public Key {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(building, "building");
      Objects.requireNonNull(room, "room");
    }
  }

  public Key key() {
    return new Key(rule, building, room);
  }
}
