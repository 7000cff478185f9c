package dev.temperature.adapters.influx;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;
import java.util.List;
import java.util.Optional;

/**
 * The InfluxQL statements this adapter runs. InfluxDB offers no bind parameters for InfluxQL on
 * self-hosted servers, so values are written into the text, always through these functions:
 * identifiers in double quotes, strings in single quotes, with backslashes and the quote escaped,
 * and the one regular expression, a page's starting room, with every character but a letter or
 * digit written as its code ({@link #sortingAfter}). Times are numbers the code produces, never
 * text from a request.
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

  /** Count, sum, lowest and highest of the readings in {@code [from, to)}. */
  static String rawSpan(String measurement, String building, String room, long from, long to) {
    return "SELECT count(\"temperature\") AS n, sum(\"temperature\") AS total,"
        + " min(\"temperature\") AS lowest, max(\"temperature\") AS highest FROM "
        + identifier(measurement)
        + " WHERE "
        + room(building, room)
        + during(from, to);
  }

  /** The same of the rollups whose unit starts in {@code [from, to)}, from {@code rollups}. */
  static String rollupSpan(String rollups, String building, String room, long from, long to) {
    return "SELECT sum(\"n\") AS n, sum(\"total\") AS total, min(\"lowest\") AS lowest,"
        + " max(\"highest\") AS highest FROM "
        + rollups
        + " WHERE "
        + room(building, room)
        + during(from, to);
  }

  /** Each rollup of {@code [from, to)} as a row of its own, with its time. */
  static String rollupRows(String rollups, String building, String room, long from, long to) {
    return "SELECT \"n\", \"total\", \"lowest\", \"highest\" FROM "
        + rollups
        + " WHERE "
        + room(building, room)
        + during(from, to);
  }

  /**
   * The readings of {@code rooms} of a building as hourly aggregates over {@code [from, to)}, one
   * series per room: what the rollups of those hours must say.
   */
  static String hoursOfRooms(
      String measurement, String building, List<String> rooms, long from, long to) {
    return "SELECT count(\"temperature\") AS n, sum(\"temperature\") AS total,"
        + " min(\"temperature\") AS lowest, max(\"temperature\") AS highest FROM "
        + identifier(measurement)
        + " WHERE \"building_id\" = "
        + string(building)
        + " AND "
        + anyRoom(rooms)
        + during(from, to)
        + " GROUP BY time(1h), \"room_id\" fill(none)";
  }

  /** The hourly rollups of {@code rooms} of a building in {@code [from, to)}, a row each. */
  static String rollupRowsOfRooms(
      String rollups, String building, List<String> rooms, long from, long to) {
    return "SELECT \"n\", \"total\", \"lowest\", \"highest\" FROM "
        + rollups
        + " WHERE \"building_id\" = "
        + string(building)
        + " AND "
        + anyRoom(rooms)
        + during(from, to)
        + " GROUP BY \"room_id\"";
  }

  /**
   * Aggregates of {@code source} per {@code unit} ({@code 1h}, {@code 1d}) and room over {@code
   * [from, to)}, every building: raw readings ({@code rollup} false) or hourly rollups.
   */
  static String everyRoom(String source, boolean rollup, String unit, long from, long to) {
    String select =
        rollup
            ? "SELECT sum(\"n\") AS n, sum(\"total\") AS total, min(\"lowest\") AS lowest,"
                + " max(\"highest\") AS highest FROM "
            : "SELECT count(\"temperature\") AS n, sum(\"temperature\") AS total,"
                + " min(\"temperature\") AS lowest, max(\"temperature\") AS highest FROM ";
    return select
        + source
        + " WHERE time >= "
        + from
        + "ms AND time < "
        + to
        + "ms GROUP BY time("
        + unit
        + "), \"building_id\", \"room_id\" fill(none)";
  }

  /** How many readings each day of {@code [from, to)} holds, days without any left out. */
  static String readingsPerDay(String measurement, long from, long to) {
    return "SELECT count(\"temperature\") AS n FROM "
        + identifier(measurement)
        + " WHERE time >= "
        + from
        + "ms AND time < "
        + to
        + "ms GROUP BY time(1d) fill(none)";
  }

  /**
   * One span of an overview page: per room of the building after {@code after}, the aggregate of
   * the readings ({@code rollup} false) or the rollups in {@code [from, to)}. Over readings the
   * first {@code limit} rooms suffice, as in {@link #overview}; over rollups every room is listed,
   * since a room whose readings all expired keeps its rollups and would take a place on the page.
   */
  static String overviewSpan(
      String source, boolean rollup, String building, String after, long from, long to, int limit) {
    String select =
        rollup
            ? "SELECT sum(\"n\") AS n, sum(\"total\") AS total, min(\"lowest\") AS lowest,"
                + " max(\"highest\") AS highest FROM "
            : "SELECT count(\"temperature\") AS n, sum(\"temperature\") AS total,"
                + " min(\"temperature\") AS lowest, max(\"temperature\") AS highest FROM ";
    return select
        + source
        + " WHERE \"building_id\" = "
        + string(building)
        + (after.isEmpty() ? "" : " AND \"room_id\" =~ " + sortingAfter(after))
        + during(from, to)
        + " GROUP BY \"room_id\""
        + (rollup ? "" : " SLIMIT " + limit);
  }

  /** The latest sealed mark. */
  static String sealed(String measurement) {
    return "SELECT last(\"until\") AS until FROM " + measurement;
  }

  /** The measurement of another database (a bucket's DBRP mapping), for one statement. */
  static String qualified(String database, String measurement) {
    return identifier(database) + ".\"autogen\"." + identifier(measurement);
  }

  private static String room(String building, String room) {
    return "\"building_id\" = " + string(building) + " AND \"room_id\" = " + string(room);
  }

  private static String anyRoom(List<String> rooms) {
    StringBuilder any = new StringBuilder("(");
    for (String room : rooms) {
      if (any.length() > 1) {
        any.append(" OR ");
      }
      any.append("\"room_id\" = ").append(string(room));
    }
    return any.append(')').toString();
  }

  private static String during(long from, long to) {
    return " AND time >= " + from + "ms AND time < " + to + "ms";
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

  /**
   * A page of a building's overview, as two statements for one request: InfluxQL takes one time
   * range per statement, and the newest reading is looked for over all time while the aggregate
   * covers the window. Both group by room, which InfluxDB answers in ascending byte order of the
   * tag, and keep the first {@code limit} rooms after {@code after} (SLIMIT). SLIMIT holds per
   * shard, not per answer: rooms whose readings lie in different shard groups can make an answer
   * hold more rooms than {@code limit}, which {@link InfluxQlResults#overviewOf} cuts back to the
   * first {@code limit}. The second statement leaves out the rooms without a reading in the window,
   * so its first {@code limit} rooms hold every room of the first page that has one; the rest are
   * not on the page and are ignored.
   */
  static List<String> overview(
      String measurement, BuildingId building, Window window, Optional<RoomId> after, int limit) {
    return overview(
        measurement, building.value(), window, after.map(RoomId::value).orElse(""), limit);
  }

  /** Takes raw strings so a test can show that a hostile id cannot change the query. */
  static List<String> overview(
      String measurement, String building, Window window, String after, int limit) {
    String rooms =
        " FROM "
            + identifier(measurement)
            + " WHERE \"building_id\" = "
            + string(building)
            + (after.isEmpty() ? "" : " AND \"room_id\" =~ " + sortingAfter(after));
    String perRoom = " GROUP BY \"room_id\" SLIMIT " + limit;
    return List.of(
        "SELECT last(\"temperature\") AS temperature"
            + rooms
            + " AND time >= "
            + Window.EARLIEST.toEpochMilli()
            + "ms AND time <= "
            + Window.LATEST.toEpochMilli()
            + "ms"
            + perRoom,
        "SELECT count(\"temperature\") AS n, sum(\"temperature\") AS total,"
            + " min(\"temperature\") AS lowest, max(\"temperature\") AS highest"
            + rooms
            + " AND time >= "
            + window.from().toEpochMilli()
            + "ms AND time <= "
            + window.to().toEpochMilli()
            + "ms"
            + perRoom);
  }

  /**
   * A regular expression for the texts that sort after {@code text} by code point: InfluxQL
   * compares tags only for equality and by regular expression ({@code room_id > 'x'} is accepted
   * and compares nothing). A text sorts after it when it shares its first i characters and then has
   * a greater one, for some i, or when it starts with all of it and goes on. Every character but a
   * letter or digit is written as {@code \x{hex}}, so no id can end the literal or mean anything
   * but itself.
   */
  static String sortingAfter(String text) {
    StringBuilder regex = new StringBuilder("/^(?:");
    for (int i = 0; i < text.length(); i++) {
      regex
          .append(literal(text.substring(0, i)))
          .append("[\\x{")
          .append(Integer.toHexString(text.charAt(i) + 1))
          .append("}-\\x{10FFFF}]|");
    }
    return regex.append(literal(text)).append("(?s:.))/").toString();
  }

  private static String literal(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        out.append(c);
      } else {
        out.append("\\x{").append(Integer.toHexString(c)).append('}');
      }
    }
    return out.toString();
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
