package dev.temperature.adapters.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.DeleteApi;
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
import dev.temperature.domain.Resolution;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Span;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
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
 *
 * <p>Hourly and daily rollups live in a bucket of their own, kept by {@link InfluxRollups}: sealed
 * behind the readings, recomputed on the write of a late reading, read for sealed hours only.
 */
public final class InfluxReadingStore implements ReadingStore {
  private final WriteApiBlocking writes;
  private final InfluxQlEndpoint queries;
  private final InfluxTarget target;
  private final Optional<Duration> retention;
  private final Optional<Duration> rollupRetention;
  private final InfluxRollups rollups;

  /**
   * @param retention the readings' bucket's retention
   * @param rollupRetention the rollups' bucket's retention
   */
  InfluxReadingStore(
      WriteApiBlocking writes,
      DeleteApi deletes,
      InfluxQlEndpoint queries,
      InfluxTarget target,
      Optional<Duration> retention,
      Optional<Duration> rollupRetention,
      Clock clock) {
    this.writes = writes;
    this.queries = queries;
    this.target = target;
    this.retention = retention;
    this.rollupRetention = rollupRetention;
    this.rollups = new InfluxRollups(writes, deletes, queries, target, clock);
  }

  InfluxRollups rollups() {
    return rollups;
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
          rollups.write(
              readings,
              () -> writes.writeRecords(target.bucket(), target.org(), WritePrecision.MS, lines));
          return null;
        });
  }

  /** Beyond this many spans of one resolution, their rollups are read as rows and summed here. */
  private static final int SPANS_PER_STATEMENT = 8;

  /** One statement of a request, and how its result adds to the answers. */
  private record Part(String statement, BiConsumer<JsonNode, Aggregate[]> fold) {}

  /**
   * Every span in one request: a statement per span, except where an hourly series asks for many
   * hours, whose rollups are read as rows, a statement per run of adjacent spans.
   */
  @Override
  public List<Aggregate> aggregates(BuildingId building, RoomId room, List<Span> spans) {
    if (spans.isEmpty()) {
      return List.of();
    }
    List<Integer> owner = new ArrayList<>();
    List<Span> readable = rollups.readable(spans, owner);
    List<Part> parts = new ArrayList<>();
    for (Resolution resolution : Resolution.values()) {
      TreeMap<Long, Integer> spanAt = new TreeMap<>();
      for (int i = 0; i < readable.size(); i++) {
        if (readable.get(i).resolution() == resolution) {
          spanAt.put(readable.get(i).from().toEpochMilli(), i);
        }
      }
      if (resolution == Resolution.RAW || spanAt.size() <= SPANS_PER_STATEMENT) {
        for (int i : spanAt.values()) {
          int into = owner.get(i);
          parts.add(
              new Part(
                  rollups.statement(readable.get(i), building, room),
                  (result, answers) ->
                      answers[into] = answers[into].plus(InfluxQlResults.aggregateOf(result))));
        }
        continue;
      }
      for (long[] run : runs(readable, spanAt.values())) {
        parts.add(
            new Part(
                rollups.rows(resolution, building, room, run[0], run[1]),
                (result, answers) -> {
                  JsonNode series = result.path("series").path(0);
                  JsonNode columns = series.path("columns");
                  for (JsonNode row : series.path("values")) {
                    long time = InfluxQlResults.time(columns, row);
                    int into = owner.get(spanAt.floorEntry(time).getValue());
                    answers[into] = answers[into].plus(InfluxQlResults.aggregateOf(columns, row));
                  }
                }));
      }
    }
    return guarded(
        "aggregate readings and rollups",
        () -> {
          List<JsonNode> results =
              queries.run(target.database(), parts.stream().map(Part::statement).toList());
          Aggregate[] answers = new Aggregate[spans.size()];
          Arrays.fill(answers, Aggregate.EMPTY);
          for (int i = 0; i < parts.size(); i++) {
            parts.get(i).fold().accept(results.get(i), answers);
          }
          return List.of(answers);
        });
  }

  /** The spans (indexes into {@code spans}, in time order) joined where one ends as one starts. */
  private static List<long[]> runs(List<Span> spans, Iterable<Integer> inOrder) {
    List<long[]> runs = new ArrayList<>();
    long[] run = null;
    for (int i : inOrder) {
      Span span = spans.get(i);
      if (run != null && span.from().toEpochMilli() == run[1]) {
        run[1] = span.to().toEpochMilli();
      } else {
        run = new long[] {span.from().toEpochMilli(), span.to().toEpochMilli()};
        runs.add(run);
      }
    }
    return runs;
  }

  /**
   * The newest reading of each room of the page, and each readable span's aggregate per room, in
   * one request.
   */
  @Override
  public List<RoomOverview> overviews(
      BuildingId building, List<Span> spans, Optional<RoomId> after, int limit) {
    List<Span> readable = rollups.readable(spans, new ArrayList<>());
    return guarded(
        "summarise the rooms",
        () -> {
          // As overview(): SLIMIT holds per shard, and rooms with foreign tags are left out, so
          // the page is cut to the first rooms in tag order and filled up from where it ended.
          List<RoomOverview> page = new ArrayList<>();
          String from = after.map(RoomId::value).orElse("");
          int skipped = 0;
          while (page.size() < limit) {
            int asked = limit - page.size() + skipped;
            List<String> statements = new ArrayList<>();
            statements.add(
                InfluxQl.overview(
                        target.measurement(),
                        building.value(),
                        new Window(Window.EARLIEST, Window.EARLIEST),
                        from,
                        asked)
                    .get(0));
            for (Span span : readable) {
              statements.add(rollups.overviewStatement(span, building.value(), from, asked));
            }
            List<JsonNode> results = queries.run(target.database(), statements);
            Map<String, Aggregate> recent = new HashMap<>();
            for (JsonNode result : results.subList(1, results.size())) {
              InfluxQlResults.addPerRoom(result, recent);
            }
            InfluxQlResults.OverviewRows rows =
                InfluxQlResults.overviewOf(results.get(0), recent, building, asked);
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
  public long rebuildRollups(Instant from, Instant to) {
    return guarded("rebuild the rollups", () -> rollups.rebuild(from, to, true));
  }

  @Override
  public void expireReadings(Instant before) {
    guarded(
        "expire readings",
        () -> {
          rollups.expireReadings(before);
          return null;
        });
  }

  @Override
  public void expireRollups(Instant before) {
    guarded(
        "expire rollups",
        () -> {
          rollups.expireRollups(before);
          return null;
        });
  }

  @Override
  public Optional<Duration> rollupRetention() {
    return rollupRetention;
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
