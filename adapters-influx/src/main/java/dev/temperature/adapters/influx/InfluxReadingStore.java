package dev.temperature.adapters.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
    JsonNode result = guarded("aggregate readings", () -> queries.run(target.database(), query));
    return aggregateOf(result);
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
    JsonNode columns = series.path("columns");
    JsonNode row = series.path("values").path(0);
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

  private static <T> T guarded(String action, Supplier<T> work) {
    try {
      return work.get();
    } catch (InfluxException | InfluxQlEndpoint.InfluxQlException | UncheckedIOException e) {
      throw new StorageUnavailableException(
          "InfluxDB could not " + action + ": " + e.getMessage(), e);
    }
  }
}
