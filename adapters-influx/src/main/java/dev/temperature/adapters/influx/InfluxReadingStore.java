package dev.temperature.adapters.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageRefusedException;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Readings as points of one measurement, tagged by building and room, with one float field.
 * InfluxDB's own rule gives last-write-wins: a point with the same series and timestamp replaces
 * the field value.
 *
 * <p>Writes go through {@link WriteApiBlocking}: the call returns only once the server has
 * acknowledged them, and fails with an exception otherwise. (The asynchronous WriteApi buffers,
 * drops points on back-pressure or after its retries without telling the caller, so it could not
 * back a 201.) All readings of one append travel as one line-protocol request.
 */
public final class InfluxReadingStore implements ReadingStore {
  private final WriteApiBlocking writes;
  private final InfluxQlEndpoint queries;
  private final InfluxTarget target;
  private final Optional<Duration> retention;

  InfluxReadingStore(
      WriteApiBlocking writes,
      InfluxQlEndpoint queries,
      InfluxTarget target,
      Optional<Duration> retention) {
    this.writes = writes;
    this.queries = queries;
    this.target = target;
    this.retention = retention;
  }

  @Override
  public void append(List<Reading> readings) {
    if (readings.isEmpty()) {
      return;
    }
    List<String> lines = LineProtocol.encode(target.measurement(), readings);
    guarded(
        "store readings",
        () -> {
          writes.writeRecords(target.bucket(), target.org(), WritePrecision.MS, lines);
          return null;
        });
  }

  @Override
  public Aggregate aggregate(BuildingId building, RoomId room, Window window) {
    String query = InfluxQl.aggregate(target.measurement(), building, room, window);
    return guarded("aggregate readings", () -> aggregateOf(queries.run(target.database(), query)));
  }

  // The answers are read inside guarded(): one InfluxDB could not give in the expected shape is a
  // failure of the store too, not a bug to report as a 500.

  @Override
  public List<TimeBucket> buckets(
      BuildingId building, RoomId room, Window window, Interval interval) {
    String query = InfluxQl.buckets(target.measurement(), building, room, window, interval);
    return guarded(
        "aggregate readings per bucket", () -> bucketsOf(queries.run(target.database(), query)));
  }

  @Override
  public List<Reading> newestFirst(BuildingId building, RoomId room, Window window, int limit) {
    if (limit < 1) {
      return List.of(); // InfluxQL reads LIMIT 0 as no limit at all
    }
    String query = InfluxQl.newestFirst(target.measurement(), building, room, window, limit);
    return guarded(
        "list readings", () -> readingsOf(queries.run(target.database(), query), building, room));
  }

  @Override
  public List<BuildingId> buildings() {
    String query = InfluxQl.buildings(target.measurement());
    List<String> values =
        guarded("list buildings", () -> tagValues(queries.run(target.database(), query)));
    return values.stream()
        .flatMap(value -> valid(() -> new BuildingId(value)))
        .sorted(Comparator.comparing(BuildingId::value))
        .toList();
  }

  @Override
  public List<RoomId> rooms(BuildingId building) {
    String query = InfluxQl.rooms(target.measurement(), building);
    List<String> values =
        guarded("list rooms", () -> tagValues(queries.run(target.database(), query)));
    return values.stream()
        .flatMap(value -> valid(() -> new RoomId(value)))
        .sorted(Comparator.comparing(RoomId::value))
        .toList();
  }

  @Override
  public Optional<Duration> retention() {
    return retention;
  }

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

  private static Aggregate aggregateOf(JsonNode columns, JsonNode row) {
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
  private static List<TimeBucket> bucketsOf(JsonNode result) {
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

  private static List<Reading> readingsOf(JsonNode result, BuildingId building, RoomId room) {
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
  private static <T> Stream<T> valid(Supplier<T> id) {
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

  private static JsonNode number(JsonNode columns, JsonNode row, String column) {
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

  /**
   * InfluxDB answering 400 or 422 refused what was sent: a bug (a statement it cannot parse), or
   * points beyond the bucket's retention because InfluxDB's clock is ahead of ours by more than the
   * margin the retention check leaves. That is a 500, not a 503, and worth saying precisely: with
   * 422 the points it did not drop stay stored. Anything else (down, unreachable, token revoked,
   * overloaded, an error reported inside a 200) is unavailability.
   */
  static <T> T guarded(String action, Supplier<T> work) {
    try {
      return work.get();
    } catch (InfluxException e) {
      throw translated(action, e.status(), e);
    } catch (InfluxQlEndpoint.InfluxQlException e) {
      throw translated(action, e.status(), e);
    } catch (UncheckedIOException e) {
      throw translated(action, 0, e);
    }
  }

  private static RuntimeException translated(String action, int status, RuntimeException e) {
    if (status == 400 || status == 422) {
      return new StorageRefusedException(
          "InfluxDB refused to "
              + action
              + " (HTTP "
              + status
              + (status == 422 ? "; the points it did not drop were stored" : "")
              + "): "
              + e.getMessage(),
          e);
    }
    return new StorageUnavailableException(
        "InfluxDB could not " + action + ": " + e.getMessage(), e);
  }
}
