package dev.temperature.domain.alerting;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which rooms a rule watches: one room of a building, every room of a building, the rooms of a
 * building (or of every building) whose id matches a pattern, or every room there is. A pattern
 * must match the whole id, as a Prometheus {@code =~} matcher does.
 */
public final class RoomSelector {
  private final Optional<BuildingId> building;
  private final Optional<RoomId> room;
  private final Optional<Pattern> pattern;

  private RoomSelector(
      Optional<BuildingId> building, Optional<RoomId> room, Optional<Pattern> pattern) {
    this.building = Objects.requireNonNull(building, "building");
    this.room = Objects.requireNonNull(room, "room");
    this.pattern = Objects.requireNonNull(pattern, "pattern");
  }

  /** Every room of every building. */
  public static RoomSelector everyRoom() {
    return new RoomSelector(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Every room of {@code building}. */
  public static RoomSelector building(BuildingId building) {
    return new RoomSelector(Optional.of(building), Optional.empty(), Optional.empty());
  }

  /** One room. */
  public static RoomSelector room(BuildingId building, RoomId room) {
    return new RoomSelector(Optional.of(building), Optional.of(room), Optional.empty());
  }

  /**
   * The rooms whose whole id matches {@code regex}, in {@code building} or, when it is empty, in
   * every building.
   */
  public static RoomSelector matching(Optional<BuildingId> building, String regex) {
    if (regex == null || regex.isEmpty()) {
      throw new InvalidAlertRuleException("rooms", "a room pattern must not be empty");
    }
    try {
      return new RoomSelector(building, Optional.empty(), Optional.of(Pattern.compile(regex)));
    } catch (PatternSyntaxException e) {
      throw new InvalidAlertRuleException(
          "rooms", "'" + regex + "' is not a valid pattern: " + e.getDescription(), e);
    }
  }

  /** The one building the rule watches, or empty for every building. */
  public Optional<BuildingId> building() {
    return building;
  }

  public boolean covers(BuildingId building) {
    return this.building.map(building::equals).orElse(true);
  }

  public boolean matches(BuildingId building, RoomId room) {
    return covers(building)
        && this.room.map(room::equals).orElse(true)
        && pattern.map(p -> p.matcher(room.value()).matches()).orElse(true);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RoomSelector that
        && building.equals(that.building)
        && room.equals(that.room)
        && pattern.map(Pattern::pattern).equals(that.pattern.map(Pattern::pattern));
  }

  @Override
  public int hashCode() {
    return Objects.hash(building, room, pattern.map(Pattern::pattern));
  }

  @Override
  public String toString() {
    String rooms =
        room.map(RoomId::value)
            .or(() -> pattern.map(p -> "rooms matching " + p.pattern()))
            .orElse("every room");
    return rooms + building.map(b -> " of " + b).orElse(" of every building");
  }
}
