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
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
    return guarded(
        "aggregate readings",
        () -> InfluxQlResults.aggregateOf(queries.run(target.database(), query)));
  }

  // The answers are read inside guarded(): one InfluxDB could not give in the expected shape is a
  // failure of the store too, not a bug to report as a 500.

  @Override
  public List<TimeBucket> buckets(
      BuildingId building, RoomId room, Window window, Interval interval) {
    String query = InfluxQl.buckets(target.measurement(), building, room, window, interval);
    return guarded(
        "aggregate readings per bucket",
        () -> InfluxQlResults.bucketsOf(queries.run(target.database(), query)));
  }

  @Override
  public List<Reading> newestFirst(BuildingId building, RoomId room, Window window, int limit) {
    if (limit < 1) {
      return List.of(); // InfluxQL reads LIMIT 0 as no limit at all
    }
    String query = InfluxQl.newestFirst(target.measurement(), building, room, window, limit);
    return guarded(
        "list readings",
        () -> InfluxQlResults.readingsOf(queries.run(target.database(), query), building, room));
  }

  @Override
  public List<BuildingId> buildings() {
    String query = InfluxQl.buildings(target.measurement());
    List<String> values =
        guarded(
            "list buildings",
            () -> InfluxQlResults.tagValues(queries.run(target.database(), query)));
    return values.stream()
        .flatMap(value -> InfluxQlResults.valid(() -> new BuildingId(value)))
        .sorted(Comparator.comparing(BuildingId::value))
        .toList();
  }

  @Override
  public List<RoomId> rooms(BuildingId building) {
    String query = InfluxQl.rooms(target.measurement(), building);
    List<String> values =
        guarded(
            "list rooms", () -> InfluxQlResults.tagValues(queries.run(target.database(), query)));
    return values.stream()
        .flatMap(value -> InfluxQlResults.valid(() -> new RoomId(value)))
        .sorted(Comparator.comparing(RoomId::value))
        .toList();
  }

  /**
   * Both statements of {@link InfluxQl#overview} in one request to {@code /query}; one more
   * request, for the rooms after them, when rooms whose tags are not valid ids had to be left out,
   * so that a page is never short while more rooms follow (a short page tells the caller there is
   * no next one).
   */
  @Override
  public List<RoomOverview> overview(
      BuildingId building, Window window, Optional<RoomId> after, int limit) {
    return guarded(
        "summarise the rooms",
        () -> {
          List<RoomOverview> page = new ArrayList<>();
          String from = after.map(RoomId::value).orElse("");
          int skipped = 0;
          while (page.size() < limit) {
            int asked = limit - page.size() + skipped;
            List<JsonNode> results =
                queries.run(
                    target.database(),
                    InfluxQl.overview(target.measurement(), building.value(), window, from, asked));
            InfluxQlResults.OverviewRows rows =
                InfluxQlResults.overviewOf(results.get(0), results.get(1), building, asked);
            page.addAll(rows.rooms());
            skipped += rows.tags() - rows.rooms().size();
            if (rows.tags() < asked) {
              break;
            }
            from = rows.lastTag();
          }
          return page.size() > limit ? List.copyOf(page.subList(0, limit)) : page;
        });
  }

  @Override
  public Optional<Duration> retention() {
    return retention;
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
