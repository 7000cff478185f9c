package dev.temperature.adapters.influx;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;

/**
 * The one InfluxQL query this adapter runs. InfluxDB offers no bind parameters for InfluxQL on
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
