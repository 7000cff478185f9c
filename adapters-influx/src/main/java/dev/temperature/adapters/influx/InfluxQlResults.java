package dev.temperature.adapters.influx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads the JSON answers of InfluxQL statements ({@code results[0]}: series of columns and rows)
 * into domain values. An answer in another shape is an {@link InfluxQlEndpoint.InfluxQlException},
 * which the store reports as the store failing, not as a bug.
 */
final class InfluxQlResults {
  private InfluxQlResults() {}

  /**
   * The statement's result: no series means no point in the window; otherwise one row whose columns
   * are named by the query's aliases.
   */
  static Aggregate aggregateOf(JsonNode result) {
    JsonNode series = result.path("series").path(0);
    if (series.isMissingNode()) {
      return Aggregate.EMPTY;
    }
    return aggregateOf(series.path("columns"), series.path("values").path(0));
  }

  /** A row with the columns n, total, lowest and highest. */
  static Aggregate aggregateOf(JsonNode columns, JsonNode row) {
    long count = number(columns, row, "n").asLong();
    if (count == 0) {
      return Aggregate.EMPTY;
    }
    return Aggregate.of(
        count,
        number(columns, row, "total").asDouble(),
        number(columns, row, "lowest").asDouble(),
        number(columns, row, "highest").asDouble());
  }

  /** One row per bucket, its time the bucket's start; fill(none) already left out empty ones. */
  static List<TimeBucket> bucketsOf(JsonNode result) {
    List<TimeBucket> buckets = new ArrayList<>();
    for (JsonNode series : result.path("series")) {
      JsonNode columns = series.path("columns");
      for (JsonNode row : series.path("values")) {
        Aggregate aggregate = aggregateOf(columns, row);
        if (!aggregate.isEmpty()) {
          Instant start = Instant.ofEpochMilli(number(columns, row, "time").asLong());
          buckets.add(new TimeBucket(start, aggregate));
        }
      }
    }
    return buckets;
  }

  static List<Reading> readingsOf(JsonNode result, BuildingId building, RoomId room) {
    List<Reading> readings = new ArrayList<>();
    for (JsonNode series : result.path("series")) {
      JsonNode columns = series.path("columns");
      for (JsonNode row : series.path("values")) {
        readings.add(
            new Reading(
                building,
                room,
                Temperature.celsius(number(columns, row, "temperature").asDouble()),
                Instant.ofEpochMilli(number(columns, row, "time").asLong())));
      }
    }
    return readings;
  }

  /**
   * The first {@code limit} rooms of an overview's answer as InfluxDB tagged them, in code-point
   * order, and of those the ones whose tag is a valid id, with their overviews.
   *
   * @param tags how many tagged rooms the page covered, at most {@code limit}: fewer means there
   *     are no more rooms after them
   * @param lastTag the tag of the last of them, where a next request carries on
   */
  record OverviewRows(List<RoomOverview> rooms, int tags, String lastTag) {}

  /**
   * The rooms of the first result (newest reading per room), each with its aggregate from the
   * second (per room, only the rooms with readings in the window), {@link Aggregate#EMPTY} when it
   * has none there. Rooms whose tag is not a valid id are left out, as in {@link #tagValues}'s
   * callers.
   *
   * <p>InfluxDB applies SLIMIT to each shard on its own and merges what they return, so an answer
   * can hold up to {@code limit} rooms per shard group the statement reads. The first {@code limit}
   * rooms in tag order are the page, and their values are whole: a room among the first {@code
   * limit} of all is among the first {@code limit} of every shard that holds it, and so was in
   * every shard's part. The rest, cut off by some shard, are dropped.
   */
  static OverviewRows overviewOf(JsonNode latest, JsonNode recent, BuildingId building, int limit) {
    Map<String, Aggregate> aggregates = new HashMap<>();
    addPerRoom(recent, aggregates);
    return overviewOf(latest, aggregates, building, limit);
  }

  /** Each room's aggregate of a result grouped by room, summed into {@code into}. */
  static void addPerRoom(JsonNode result, Map<String, Aggregate> into) {
    for (JsonNode series : result.path("series")) {
      into.merge(
          roomOf(series),
          aggregateOf(series.path("columns"), series.path("values").path(0)),
          Aggregate::plus);
    }
  }

  /**
   * As {@link #overviewOf(JsonNode, JsonNode, BuildingId, int)}, each room with the aggregate
   * {@code recent} holds for it.
   */
  static OverviewRows overviewOf(
      JsonNode latest, Map<String, Aggregate> recent, BuildingId building, int limit) {
    Map<String, JsonNode> byTag = new TreeMap<>(CODE_POINT_ORDER);
    for (JsonNode series : latest.path("series")) {
      byTag.put(roomOf(series), series);
    }
    List<RoomOverview> rooms = new ArrayList<>();
    int tags = 0;
    String lastTag = "";
    for (Map.Entry<String, JsonNode> tagged : byTag.entrySet()) {
      if (tags == limit) {
        break;
      }
      tags++;
      String id = tagged.getKey();
      lastTag = id;
      JsonNode columns = tagged.getValue().path("columns");
      JsonNode row = tagged.getValue().path("values").path(0);
      valid(() -> new RoomId(id))
          .map(
              room ->
                  new RoomOverview(
                      new Reading(
                          building,
                          room,
                          Temperature.celsius(number(columns, row, "temperature").asDouble()),
                          Instant.ofEpochMilli(number(columns, row, "time").asLong())),
                      recent.getOrDefault(id, Aggregate.EMPTY)))
          .forEach(rooms::add);
    }
    return new OverviewRows(rooms, tags, lastTag);
  }

  /** InfluxDB's order of tag values: by their UTF-8 bytes, which is the order of code points. */
  static final Comparator<String> CODE_POINT_ORDER =
      (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

  private static String roomOf(JsonNode series) {
    JsonNode room = series.path("tags").path("room_id");
    if (!room.isTextual()) {
      throw new InfluxQlEndpoint.InfluxQlException(
          "InfluxDB answered a series without its room_id tag: " + series.path("tags"));
    }
    return room.asText();
  }

  /** The distinct values of a SHOW TAG VALUES answer (columns "key" and "value"). */
  static List<String> tagValues(JsonNode result) {
    List<String> values = new ArrayList<>();
    for (JsonNode series : result.path("series")) {
      JsonNode columns = series.path("columns");
      for (JsonNode row : series.path("values")) {
        values.add(text(columns, row, "value"));
      }
    }
    return values.stream().distinct().toList();
  }

  /**
   * Other writers (a migration, a test, a Telegraf agent) can leave tag values that are not ids
   * this API accepts; such a building or room could never be asked about, so it is not listed.
   */
  static <T> Stream<T> valid(Supplier<T> id) {
    try {
      return Stream.of(id.get());
    } catch (InvalidValueException e) {
      return Stream.empty();
    }
  }

  private static String text(JsonNode columns, JsonNode row, String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (column.equals(columns.get(i).asText())) {
        JsonNode value = row.path(i);
        if (value.isTextual()) {
          return value.asText();
        }
      }
    }
    throw new InfluxQlEndpoint.InfluxQlException(
        "InfluxDB answered without a text in column " + column + ": " + row);
  }

  /** A row's time, in epoch milliseconds (the queries ask for epoch=ms). */
  static long time(JsonNode columns, JsonNode row) {
    return number(columns, row, "time").asLong();
  }

  static JsonNode number(JsonNode columns, JsonNode row, String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (column.equals(columns.get(i).asText())) {
        JsonNode value = row.path(i);
        if (value.isNumber()) {
          return value;
        }
      }
    }
    throw new InfluxQlEndpoint.InfluxQlException(
        "InfluxDB answered without a number in column " + column + ": " + row);
  }
}
