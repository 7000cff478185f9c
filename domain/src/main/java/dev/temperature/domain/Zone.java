package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A time zone of the IANA database ({@code Europe/Zurich}, {@code Asia/Kolkata}, {@code UTC}), in
 * which calendar buckets follow local midnight. Fixed offsets such as {@code +01:00} are refused: a
 * place's offset changes with daylight saving time, which is the point of naming the place.
 */
public record Zone(ZoneId id) {
  public static final Zone UTC = new Zone(ZoneId.of("UTC"));

  public Zone {
    Objects.requireNonNull(id, "id");
  }

  /**
   * Every name a client may give, in code-point order: the region ids of the IANA database as this
   * Java runtime knows them. The API document states exactly these.
   */
  public static SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(ZoneId.getAvailableZoneIds()));
  }

  /** The zone a client named, written exactly as one of {@link #names()}. */
  public static Zone parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidValueException(Subject.TIME_ZONE, "tz must name a time zone, such as UTC");
    }
    String name = text;
    if (!ZoneId.getAvailableZoneIds().contains(name)) {
      throw new InvalidValueException(
          Subject.TIME_ZONE,
          "tz '"
              + name
              + "' is not a time zone of the IANA database; use a name such as Europe/Zurich,"
              + " America/New_York or UTC");
    }
    return new Zone(ZoneId.of(name));
  }

  @Override
  public String toString() {
    return id.getId();
  }
}
