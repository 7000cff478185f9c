package dev.temperature.domain;

import java.util.Objects;

/**
 * A room at a glance: its newest reading, however old, and the aggregate of its readings over a
 * recent window. A room exists only once it has a reading, so {@code latest} is always there; the
 * window may still hold none, and then {@code recent} is {@link Aggregate#EMPTY}.
 */
public record RoomOverview(Reading latest, Aggregate recent) {
  public RoomOverview {
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(recent, "recent");
  }

  public RoomId room() {
    return latest.room();
  }
}
