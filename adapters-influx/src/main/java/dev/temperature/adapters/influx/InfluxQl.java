package dev.temperature.adapters.influx;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;

/**
 * The InfluxQL statements this adapter runs. InfluxDB offers no bind parameters for InfluxQL on
 * self-hosted servers, so values are written into the text, always through these two functions:
 * identifiers in double quotes, strings in single quotes, with backslashes and the quote escaped.
 * Times are numbers the code produces, never text from a request.
 */
final class InfluxQl {
  private InfluxQl() {}

  static String aggregate(String measurement, BuildingId building, RoomId room, Window window) {
    return aggregate(measurement, building.value(), room.value(), window);
  }

  /** Takes raw strings so a test can show that a hostile id cannot change the query. */
  static String aggregate(String measurement, String building, String room, Window window) {
    return "SELECT count(\"temperature\") AS n, sum(\"temperature\") AS total,"
        + " min(\"temperature\") AS lowest, max(\"temperature\") AS highest"
        + " FROM "
        + identifier(measurement)
        + " WHERE \"building_id\" = "
        + string(building)
        + " AND \"room_id\" = "
        + string(room)
        + " AND time >= "
        + window.from().toEpochMilli()
        + "ms AND time <= "
        + window.to().toEpochMilli()
        + "ms";
  }

  static String buckets(
      String measurement, BuildingId building, RoomId room, Window window, Interval interval) {
    return buckets(measurement, building.value(), room.value(), window, interval);
  }

  /**
   * The aggregate per bucket. InfluxQL aligns GROUP BY time buckets to the epoch, as {@link
   * Interval#bucketStart} does (floor, also before 1970), and fill(none) leaves empty ones out.
   */
  static String buckets(
      String measurement, String building, String room, Window window, Interval interval) {
    return aggregate(measurement, building, room, window)
        + " GROUP BY time("
        + interval.millis()
        + "ms) fill(none)";
  }

  static String newestFirst(
      String measurement, BuildingId building, RoomId room, Window window, int limit) {
    return newestFirst(measurement, building.value(), room.value(), window, limit);
  }

  static String newestFirst(
      String measurement, String building, String room, Window window, int limit) {
    return "SELECT \"temperature\" FROM "
        + identifier(measurement)
        + " WHERE \"building_id\" = "
        + string(building)
        + " AND \"room_id\" = "
        + string(room)
        + " AND time >= "
        + window.from().toEpochMilli()
        + "ms AND time <= "
        + window.to().toEpochMilli()
        + "ms ORDER BY time DESC LIMIT "
        + limit;
  }

  /**
   * Every building with a point. No time condition: on InfluxDB 2.x SHOW TAG VALUES without one
   * answers from the series index over all time (checked on 2.7.12, readings from 1900 included),
   * while a time condition makes it read the data of every series.
   */
  static String buildings(String measurement) {
    return "SHOW TAG VALUES FROM " + identifier(measurement) + " WITH KEY = \"building_id\"";
  }

  static String rooms(String measurement, BuildingId building) {
    return rooms(measurement, building.value());
  }

  static String rooms(String measurement, String building) {
    return "SHOW TAG VALUES FROM "
        + identifier(measurement)
        + " WITH KEY = \"room_id\" WHERE \"building_id\" = "
        + string(building);
  }

  static String identifier(String name) {
    return '"' + escape(name, '"') + '"';
  }

  static String string(String value) {
    return '\'' + escape(value, '\'') + '\'';
  }

  private static String escape(String text, char quote) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == quote) {
        out.append('\\');
      } else if (c == '\n') {
        out.append("\\n");
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }
}
