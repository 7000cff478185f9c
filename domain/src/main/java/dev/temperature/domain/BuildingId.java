package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;

/** Identifies a building. Case-sensitive, 1-64 characters of {@code [A-Za-z0-9._-]}. */
public record BuildingId(String value) {
  public BuildingId {
    Identifier.require(Subject.BUILDING, "building id", value);
  }

  @Override
  public String toString() {
    return value;
  }
}
