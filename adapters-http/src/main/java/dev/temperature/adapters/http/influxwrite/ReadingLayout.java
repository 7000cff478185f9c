package dev.temperature.adapters.http.influxwrite;

import dev.temperature.adapters.http.lineprotocol.FieldValue;
import dev.temperature.adapters.http.lineprotocol.Point;
import dev.temperature.application.port.in.RecordReadingCommand;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a reading sits in a point: which measurement holds readings, which tags name the building
 * and the room, which field holds the temperature. By default the layout the InfluxDB adapter
 * writes, so that points exported from the prototype's InfluxDB replay as they are:
 *
 * <pre>
 * temperature,building_id=main,room_id=kitchen temperature=21.5 1733849100000000000
 * </pre>
 *
 * Points of other measurements are not readings ({@link #readingOf} answers null); other tags and
 * fields of a reading's point (Telegraf adds {@code host}) are ignored.
 */
public record ReadingLayout(String measurement, String buildingTag, String roomTag, String field) {
  public static final ReadingLayout DEFAULT =
      new ReadingLayout("temperature", "building_id", "room_id", "temperature");

  public ReadingLayout {
    requireName(measurement, "measurement");
    requireName(buildingTag, "buildingTag");
    requireName(roomTag, "roomTag");
    requireName(field, "field");
    if (buildingTag.equals(roomTag)) {
      throw new IllegalArgumentException(
          "the building and the room need tags of their own, both are '" + roomTag + "'");
    }
  }

  private static void requireName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }

  /**
   * The reading a point carries, or null for a point of another measurement.
   *
   * @throws NotAReadingException when the point is of the measurement but is no valid reading: a
   *     tag or the field missing, the field not a number, an id or a temperature the domain refuses
   */
  public RecordReadingCommand readingOf(Point point) {
    if (!point.measurement().equals(measurement)) {
      return null;
    }
    try {
      BuildingId building = new BuildingId(required(point.tag(buildingTag), "tag", buildingTag));
      RoomId room = new RoomId(required(point.tag(roomTag), "tag", roomTag));
      Temperature temperature = new Temperature(celsius(point.field(field)));
      Optional<Instant> recordedAt =
          point.nanosecondsSinceEpoch().isPresent()
              ? Optional.of(instant(point.nanosecondsSinceEpoch().getAsLong()))
              : Optional.empty();
      return new RecordReadingCommand(building, room, temperature, recordedAt);
    } catch (InvalidValueException e) {
      throw new NotAReadingException(e.getMessage());
    }
  }

  private <T> T required(T value, String kind, String name) {
    if (value == null) {
      throw new NotAReadingException(
          "a point of measurement '" + measurement + "' needs the " + kind + " '" + name + "'");
    }
    return value;
  }

  private double celsius(FieldValue value) {
    if (value instanceof FieldValue.FloatValue number) {
      return number.value();
    }
    if (value instanceof FieldValue.IntegerValue number) {
      return number.value();
    }
    if (value instanceof FieldValue.UnsignedValue number) {
      return Double.parseDouble(Long.toUnsignedString(number.bits()));
    }
    required(value, "field", field);
    throw new NotAReadingException(
        "field '" + field + "' must be a number (degrees Celsius), got " + kindOf(value));
  }

  private static String kindOf(FieldValue value) {
    return value instanceof FieldValue.StringValue ? "a string" : "a boolean";
  }

  private static Instant instant(long nanosecondsSinceEpoch) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanosecondsSinceEpoch, 1_000_000_000L),
        Math.floorMod(nanosecondsSinceEpoch, 1_000_000_000L));
  }

  /** A point of the readings' measurement that is no valid reading; the message says why. */
  public static final class NotAReadingException extends RuntimeException {
    NotAReadingException(String message) {
      super(message, null, false, false);
    }
  }
}
