package dev.temperature.adapters.http.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.problem.FieldError;
import dev.temperature.application.port.in.RecordReadingCommand;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.InvalidValueException.Subject;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the JSON of a reading into a command, for the single POST (the ids come from the path) and
 * for each item of a batch (the ids are in the item), so that both accept exactly the same readings
 * and name a bad field the same way. Unknown fields are refused, not dropped: a misspelt {@code
 * recordedAt} would otherwise be ignored and the reading stored at the wrong time.
 */
public final class ReadingParser {
  /** The fields of the single POST's body. */
  public static final Set<String> BODY_FIELDS = Set.of("temperature", "recorded_at");

  /** The fields of one reading in a batch. */
  public static final Set<String> ITEM_FIELDS =
      Set.of("building_id", "room_id", "temperature", "recorded_at");

  private ReadingParser() {}

  /** The body of the single POST; null, with every problem in {@code violations}, if it is bad. */
  static RecordReadingCommand reading(
      BuildingId building, RoomId room, JsonNode body, Violations violations) {
    if (body == null || !body.isObject()) {
      violations.add(
          FieldError.inBody(
              "body",
              "the body must be a JSON object such as {\"temperature\": 21.5, \"recorded_at\":"
                  + " \"2024-12-10T16:45:00\"}"));
      return null;
    }
    return command(building, room, body, "", BODY_FIELDS, violations);
  }

  /** Item {@code index} of a batch; its fields are named {@code [index].field}. */
  static RecordReadingCommand item(JsonNode item, int index, Violations violations) {
    String at = "[" + index + "]";
    if (item == null || !item.isObject()) {
      violations.add(FieldError.inBody(at, "each reading must be a JSON object"));
      return null;
    }
    String prefix = at + ".";
    BuildingId building =
        violations.body(
            prefix + "building_id",
            () ->
                new BuildingId(
                    ReadingFields.idOf(item.get("building_id"), Subject.BUILDING, "building_id")));
    RoomId room =
        violations.body(
            prefix + "room_id",
            () -> new RoomId(ReadingFields.idOf(item.get("room_id"), Subject.ROOM, "room_id")));
    return command(building, room, item, prefix, ITEM_FIELDS, violations);
  }

  private static RecordReadingCommand command(
      BuildingId building,
      RoomId room,
      JsonNode fields,
      String prefix,
      Set<String> accepted,
      Violations violations) {
    Temperature temperature =
        violations.body(
            prefix + "temperature", () -> ReadingFields.temperatureOf(fields.get("temperature")));
    Optional<Instant> recordedAt =
        violations.body(
            prefix + "recorded_at", () -> ReadingFields.recordedAtOf(fields.get("recorded_at")));
    for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!accepted.contains(name)) {
        violations.add(
            FieldError.inBody(
                prefix + name,
                "unknown field; accepted fields are "
                    + String.join(", ", new TreeSet<>(accepted))));
      }
    }
    if (building == null || room == null || temperature == null || recordedAt == null) {
      return null;
    }
    return new RecordReadingCommand(building, room, temperature, recordedAt);
  }
}
