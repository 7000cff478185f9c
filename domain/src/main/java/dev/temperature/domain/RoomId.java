package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;

/**
 * Identifies a room within a building. The same room id in two buildings names two different rooms.
 */
public record RoomId(String value) {
  public RoomId {
    Identifier.require(Subject.ROOM, "room id", value);
  }

  @Override
  public String toString() {
    return value;
  }
}
