package dev.temperature.adapters.influx;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.Reading;
import java.math.BigDecimal;
import java.util.List;

/**
 * Readings as InfluxDB line protocol: {@code temperature,building_id=b,room_id=r temperature=21.5
 * 1733849100000}, millisecond timestamps.
 *
 * <p>Identifiers are already restricted by the domain, but every name and tag value is escaped as
 * the protocol requires all the same: a comma, an equals sign or a space would otherwise start a
 * new tag, field or section. Two characters cannot be carried faithfully at all and are refused: a
 * line break (it ends the point) and a backslash (InfluxDB 2 keeps {@code \\} as two backslashes
 * and rejects a trailing one, so no spelling round-trips).
 */
final class LineProtocol {
  private LineProtocol() {}

  static String encode(String measurement, Reading reading) {
    return line(
        measurement,
        reading.building().value(),
        reading.room().value(),
        reading.temperature().celsius(),
        reading.recordedAt().toEpochMilli());
  }

  /** Takes raw strings so a test can show what the escaping does with hostile ones. */
  static String line(
      String measurement, String building, String room, double celsius, long epochMillis) {
    return escapeMeasurement(measurement)
        + ",building_id="
        + escapeTag(building)
        + ",room_id="
        + escapeTag(room)
        + " temperature="
        + number(celsius)
        + " "
        + epochMillis;
  }

  /**
   * A rollup point: the room's count ({@code n}, an integer field), sum, lowest and highest value
   * of one unit, at the unit's start.
   */
  static String rollup(
      String measurement, String building, String room, long startMillis, Aggregate aggregate) {
    return escapeMeasurement(measurement)
        + ",building_id="
        + escapeTag(building)
        + ",room_id="
        + escapeTag(room)
        + " n="
        + aggregate.count()
        + "i,total="
        + number(aggregate.sum())
        + ",lowest="
        + number(aggregate.min())
        + ",highest="
        + number(aggregate.max())
        + " "
        + startMillis;
  }

  /** The sealed mark: every hour before {@code untilMillis} has its rollup; stamped with it. */
  static String sealed(String measurement, long untilMillis) {
    return escapeMeasurement(measurement) + " until=" + untilMillis + "i " + untilMillis;
  }

  static List<String> encode(String measurement, List<Reading> readings) {
    return readings.stream().map(reading -> encode(measurement, reading)).toList();
  }

  /** Whether the tag values can be written at all (see the class comment). */
  static boolean canCarry(String... values) {
    for (String value : values) {
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\\') >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Measurement names: commas and spaces are escaped. */
  static String escapeMeasurement(String name) {
    return escape(name, ", ");
  }

  /** Tag keys, tag values and field keys: commas, equals signs and spaces are escaped. */
  static String escapeTag(String value) {
    return escape(value, ",= ");
  }

  private static String escape(String text, String special) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\\') {
        throw new IllegalArgumentException(
            "line protocol cannot carry a line break or a backslash: " + text);
      }
      if (special.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * A float field in plain decimal notation, the shortest that reads back as the same double
   * (Java's {@code 1.0E-5} form is avoided so no parser has to agree on exponents).
   */
  static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
