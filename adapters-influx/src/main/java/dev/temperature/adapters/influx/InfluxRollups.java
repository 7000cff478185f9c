package dev.temperature.adapters.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.DeleteApi;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.Resolution;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Span;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hourly and daily rollups of InfluxDB, in a bucket of their own.
 *
 * <p>InfluxDB has no transaction that could keep a rollup and its readings in step, and reading an
 * hour back on every write costs a request per write and a scan of every series it touches (a
 * second for a 5,000-reading batch over 1,000 rooms, measured). So rollups are written behind the
 * readings, and an hour's rollup is read only once it is <em>sealed</em>:
 *
 * <ul>
 *   <li>Hours end to end more than {@link #SETTLE} ago are sealed by {@link #advance()}, which runs
 *       every minute: it computes their rollups from the readings, then moves the sealed mark, a
 *       point in the rollup bucket, past them. Readings of open hours cost nothing more than their
 *       own write.
 *   <li>A reading for an hour that is sealed, or about to be (a late or corrected reading), is
 *       written and its hour and day are recomputed from the readings before the write is
 *       acknowledged.
 *   <li>A question reads rollups only for sealed hours and days, and the readings for the rest: the
 *       answer is the readings' own.
 * </ul>
 *
 * Writes and seals of one process take a lock, so they never interleave. Two replicas recomputing
 * the same hour at the same moment could still leave the older answer last; see
 * docs/storage/influxdb.md.
 */
final class InfluxRollups {
  private static final Logger LOG = LoggerFactory.getLogger(InfluxRollups.class);

  /** How long after its end an hour is sealed. */
  static final Duration SETTLE = Duration.ofHours(3);

  /**
   * How much earlier a write treats an hour as sealed than the sealer does: longer than a write can
   * take to land (the write timeout) plus the clocks' disagreement, so that the sealer reads every
   * reading of the hours it seals.
   */
  static final Duration MARGIN = Duration.ofMinutes(10);

  /** The most readings one rebuild query aggregates at once, so its answer stays small. */
  private static final long READINGS_PER_QUERY = 200_000;

  private static final int LINES_PER_WRITE = 5_000;

  private final WriteApiBlocking writes;
  private final DeleteApi deletes;
  private final InfluxQlEndpoint queries;
  private final InfluxTarget target;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Optional<Instant> sealedUntil = Optional.empty();

  InfluxRollups(
      WriteApiBlocking writes,
      DeleteApi deletes,
      InfluxQlEndpoint queries,
      InfluxTarget target,
      Clock clock) {
    this.writes = writes;
    this.deletes = deletes;
    this.queries = queries;
    this.target = target;
    this.clock = clock;
  }

  /** Every hour before this moment has its rollup, as far as this process has seen. */
  Optional<Instant> sealedUntil() {
    return sealedUntil;
  }

  private String hourly() {
    return InfluxQl.qualified(target.rollupDatabase(), target.hourly());
  }

  private String daily() {
    return InfluxQl.qualified(target.rollupDatabase(), target.daily());
  }

  /** Whether a reading's hour is sealed, or may be by the time its write lands. */
  boolean isLate(Reading reading) {
    Instant edge = Resolution.HOUR.floor(clock.instant().minus(SETTLE).plus(MARGIN));
    return Resolution.HOUR.floor(reading.recordedAt()).isBefore(edge);
  }

  /** Writes the readings, and for late ones recomputes the rollups of their hours and days. */
  void write(List<Reading> readings, Runnable writeReadings) {
    if (readings.stream().noneMatch(this::isLate)) {
      writeReadings.run();
      return;
    }
    lock.lock();
    try {
      writeReadings.run();
      recompute(readings.stream().filter(this::isLate).toList());
    } finally {
      lock.unlock();
    }
  }

  private record RoomKey(String building, String room) implements Comparable<RoomKey> {
    @Override
    public int compareTo(RoomKey other) {
      int byBuilding = building.compareTo(other.building);
      return byBuilding != 0 ? byBuilding : room.compareTo(other.room);
    }
  }

  private record UnitKey(RoomKey room, long start) implements Comparable<UnitKey> {
    @Override
    public int compareTo(UnitKey other) {
      int byRoom = room.compareTo(other.room);
      return byRoom != 0 ? byRoom : Long.compare(start, other.start);
    }
  }

  /**
   * One request for the readings of the touched hours and the hourly rollups of their days, one
   * write for the new rollups of both.
   */
  private void recompute(List<Reading> late) {
    Map<String, TreeSet<String>> rooms = new TreeMap<>();
    TreeSet<UnitKey> hours = new TreeSet<>();
    TreeSet<UnitKey> days = new TreeSet<>();
    long firstHour = Long.MAX_VALUE;
    long lastHour = Long.MIN_VALUE;
    for (Reading reading : late) {
      RoomKey room = new RoomKey(reading.building().value(), reading.room().value());
      rooms.computeIfAbsent(room.building(), b -> new TreeSet<>()).add(room.room());
      long hour = Resolution.HOUR.floor(reading.recordedAt()).toEpochMilli();
      hours.add(new UnitKey(room, hour));
      days.add(new UnitKey(room, dayOf(hour)));
      firstHour = Math.min(firstHour, hour);
      lastHour = Math.max(lastHour, hour);
    }
    long hourEnd = lastHour + Resolution.HOUR.unit().toMillis();
    long firstDay = dayOf(firstHour);
    long dayEnd = dayOf(lastHour) + Resolution.DAY.unit().toMillis();
    List<String> statements = new ArrayList<>();
    for (Map.Entry<String, TreeSet<String>> building : rooms.entrySet()) {
      List<String> ids = List.copyOf(building.getValue());
      statements.add(
          InfluxQl.hoursOfRooms(target.measurement(), building.getKey(), ids, firstHour, hourEnd));
      statements.add(
          InfluxQl.rollupRowsOfRooms(hourly(), building.getKey(), ids, firstDay, dayEnd));
    }
    List<JsonNode> results = queries.run(target.database(), statements);
    Map<UnitKey, Aggregate> hourRollups = new TreeMap<>();
    Map<UnitKey, Aggregate> fresh = new TreeMap<>();
    int i = 0;
    for (String building : rooms.keySet()) {
      rows(results.get(i++), building, fresh::put);
      rows(results.get(i++), building, hourRollups::put);
    }
    List<String> lines = new ArrayList<>();
    for (UnitKey hour : hours) {
      Aggregate aggregate = fresh.getOrDefault(hour, Aggregate.EMPTY);
      hourRollups.put(hour, aggregate);
      if (!aggregate.isEmpty()) {
        lines.add(line(target.hourly(), hour, aggregate));
      }
    }
    Map<UnitKey, Aggregate> dayRollups = new TreeMap<>();
    hourRollups.forEach(
        (hour, aggregate) -> {
          UnitKey day = new UnitKey(hour.room(), dayOf(hour.start()));
          if (days.contains(day)) {
            dayRollups.merge(day, aggregate, Aggregate::plus);
          }
        });
    dayRollups.forEach(
        (day, aggregate) -> {
          if (!aggregate.isEmpty()) {
            lines.add(line(target.daily(), day, aggregate));
          }
        });
    write(lines);
  }

  private static long dayOf(long millis) {
    return Resolution.DAY.floor(Instant.ofEpochMilli(millis)).toEpochMilli();
  }

  private interface UnitSink {
    void put(UnitKey unit, Aggregate aggregate);
  }

  /** The rows of a result grouped by room (and building, when the statement grouped by it). */
  private static void rows(JsonNode result, String building, UnitSink sink) {
    for (JsonNode series : result.path("series")) {
      JsonNode tags = series.path("tags");
      String room = tags.path("room_id").asText(null);
      String from =
          tags.path("building_id").isTextual() ? tags.get("building_id").asText() : building;
      if (room == null || from == null) {
        continue;
      }
      JsonNode columns = series.path("columns");
      for (JsonNode row : series.path("values")) {
        Aggregate aggregate = InfluxQlResults.aggregateOf(columns, row);
        long time = InfluxQlResults.time(columns, row);
        sink.put(new UnitKey(new RoomKey(from, room), time), aggregate);
      }
    }
  }

  private static String line(String measurement, UnitKey unit, Aggregate aggregate) {
    return LineProtocol.rollup(
        measurement, unit.room().building(), unit.room().room(), unit.start(), aggregate);
  }

  private void write(List<String> lines) {
    for (int i = 0; i < lines.size(); i += LINES_PER_WRITE) {
      writes.writeRecords(
          target.rollupBucket(),
          target.org(),
          WritePrecision.MS,
          lines.subList(i, Math.min(lines.size(), i + LINES_PER_WRITE)));
    }
  }

  /**
   * Seals every hour that ended {@link #SETTLE} ago: the first time (no sealed mark yet) by
   * rebuilding every rollup from the readings, afterwards the hours since the mark. Then moves the
   * mark. Run every minute by every replica; each run does the same thing, so two at once are
   * harmless.
   */
  void advance() {
    Instant until = Resolution.HOUR.floor(clock.instant().minus(SETTLE));
    Optional<Instant> mark = mark();
    if (mark.isPresent() && !mark.get().isBefore(until)) {
      sealedUntil = mark;
      return;
    }
    Instant from = mark.orElse(Window.EARLIEST);
    if (mark.isEmpty()) {
      LOG.info(
          "No rollups in InfluxDB bucket '{}' yet: computing them from every reading before {};"
              + " until then questions are answered from the readings alone",
          target.rollupBucket(),
          until);
    }
    long hours = rebuild(from, until, mark.isEmpty());
    writes.writeRecord(
        target.rollupBucket(),
        target.org(),
        WritePrecision.MS,
        LineProtocol.sealed(target.sealed(), until.toEpochMilli()));
    sealedUntil = Optional.of(until);
    if (mark.isEmpty()) {
      LOG.info("Rollups of InfluxDB computed: {} hours of rooms, sealed until {}", hours, until);
    }
  }

  /** Reads the sealed mark and keeps it. */
  void readMark() {
    sealedUntil = mark();
  }

  private Optional<Instant> mark() {
    JsonNode result =
        queries.run(
            target.database(),
            InfluxQl.sealed(InfluxQl.qualified(target.rollupDatabase(), target.sealed())));
    JsonNode series = result.path("series").path(0);
    if (series.isMissingNode()) {
      return Optional.empty();
    }
    JsonNode row = series.path("values").path(0);
    return Optional.of(
        Instant.ofEpochMilli(
            InfluxQlResults.number(series.path("columns"), row, "until").asLong()));
  }

  /**
   * Recomputes the hourly rollups of {@code [from, to)} and the daily ones of the days they are in
   * from the readings, a day (or an hour, on a dense day) per query; with {@code replace}, what was
   * there is deleted first, so that an hour without readings any more has no rollup.
   *
   * @return how many hourly rollups were written
   */
  long rebuild(Instant from, Instant to, boolean replace) {
    if (!from.isBefore(to)) {
      return 0;
    }
    lock.lock();
    try {
      long firstDay = dayOf(from.toEpochMilli());
      long dayEnd = Resolution.DAY.ceil(to).toEpochMilli();
      if (replace) {
        delete(target.rollupBucket(), target.hourly(), from, to);
        delete(
            target.rollupBucket(),
            target.daily(),
            Instant.ofEpochMilli(firstDay),
            Instant.ofEpochMilli(dayEnd));
      }
      long written = 0;
      JsonNode perDay =
          queries.run(
              target.database(),
              InfluxQl.readingsPerDay(
                  target.measurement(), from.toEpochMilli(), to.toEpochMilli()));
      for (JsonNode series : perDay.path("series")) {
        JsonNode columns = series.path("columns");
        for (JsonNode row : series.path("values")) {
          long day = InfluxQlResults.time(columns, row);
          long readings = InfluxQlResults.number(columns, row, "n").asLong();
          long start = Math.max(day, from.toEpochMilli());
          long end = Math.min(day + Resolution.DAY.unit().toMillis(), to.toEpochMilli());
          long step =
              readings > READINGS_PER_QUERY ? Resolution.HOUR.unit().toMillis() : end - start;
          for (long part = start; part < end; part += step) {
            written += seal(part, Math.min(end, part + step), false, "1h");
          }
        }
      }
      long month = Duration.ofDays(31).toMillis();
      for (long part = firstDay; part < dayEnd; part += month) {
        seal(part, Math.min(dayEnd, part + month), true, "1d");
      }
      return written;
    } finally {
      lock.unlock();
    }
  }

  /** Writes the rollups of every room for one stretch: hours from readings, days from hours. */
  private long seal(long from, long to, boolean days, String unit) {
    String source = days ? hourly() : InfluxQl.identifier(target.measurement());
    JsonNode result =
        queries.run(target.database(), InfluxQl.everyRoom(source, days, unit, from, to));
    List<String> lines = new ArrayList<>();
    rows(
        result,
        null,
        (key, aggregate) -> {
          if (!aggregate.isEmpty()
              && LineProtocol.canCarry(key.room().building(), key.room().room())) {
            lines.add(line(days ? target.daily() : target.hourly(), key, aggregate));
          }
        });
    write(lines);
    return lines.size();
  }

  private void delete(String bucket, String measurement, Instant from, Instant to) {
    deletes.delete(
        from.atOffset(ZoneOffset.UTC),
        to.minusMillis(1).atOffset(ZoneOffset.UTC),
        "_measurement=\"" + measurement + "\"",
        bucket,
        target.org());
  }

  /** Removes readings before {@code before}, with InfluxDB's delete API. */
  void expireReadings(Instant before) {
    deletes.delete(
        Window.EARLIEST.atOffset(ZoneOffset.UTC),
        before.minusMillis(1).atOffset(ZoneOffset.UTC),
        "_measurement=\"" + target.measurement() + "\"",
        target.bucket(),
        target.org());
  }

  void expireRollups(Instant before) {
    lock.lock();
    try {
      delete(target.rollupBucket(), target.hourly(), Window.EARLIEST, before);
      delete(target.rollupBucket(), target.daily(), Window.EARLIEST, before);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The spans as InfluxDB can answer them now: the parts of hourly and daily spans that are not
   * sealed yet become hourly or raw spans; {@code owner} receives, per returned span, the index of
   * the span it came from.
   */
  List<Span> readable(List<Span> spans, List<Integer> owner) {
    Optional<Instant> sealed = sealedUntil;
    List<Span> readable = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      if (span.resolution() == Resolution.RAW) {
        readable.add(span);
        owner.add(i);
        continue;
      }
      Instant hoursFrom = span.from();
      Instant rawFrom = span.from();
      if (sealed.isPresent()) {
        Instant until = sealed.get();
        if (span.resolution() == Resolution.DAY) {
          Instant days = min(span.to(), max(span.from(), Resolution.DAY.floor(until)));
          addSpan(readable, owner, i, Resolution.DAY, span.from(), days);
          hoursFrom = days;
        }
        rawFrom = min(span.to(), max(hoursFrom, until));
        addSpan(readable, owner, i, Resolution.HOUR, hoursFrom, rawFrom);
      }
      addSpan(readable, owner, i, Resolution.RAW, rawFrom, span.to());
    }
    return readable;
  }

  private static void addSpan(
      List<Span> spans,
      List<Integer> owner,
      int index,
      Resolution resolution,
      Instant from,
      Instant to) {
    if (from.isBefore(to)) {
      spans.add(new Span(resolution, from, to));
      owner.add(index);
    }
  }

  /** The statement answering a readable span of a room, an aggregate in one row. */
  String statement(Span span, BuildingId building, RoomId room) {
    long from = span.from().toEpochMilli();
    long to = span.to().toEpochMilli();
    return switch (span.resolution()) {
      case RAW -> InfluxQl.rawSpan(target.measurement(), building.value(), room.value(), from, to);
      case HOUR -> InfluxQl.rollupSpan(hourly(), building.value(), room.value(), from, to);
      case DAY -> InfluxQl.rollupSpan(daily(), building.value(), room.value(), from, to);
    };
  }

  /** The statement listing each rollup of a stretch of hours or days of a room, a row each. */
  String rows(Resolution resolution, BuildingId building, RoomId room, long from, long to) {
    return InfluxQl.rollupRows(
        resolution == Resolution.HOUR ? hourly() : daily(),
        building.value(),
        room.value(),
        from,
        to);
  }

  /** The statement of a span for the rooms of an overview page: one aggregate per room. */
  String overviewStatement(Span span, String building, String after, int limit) {
    String source =
        switch (span.resolution()) {
          case RAW -> InfluxQl.identifier(target.measurement());
          case HOUR -> hourly();
          case DAY -> daily();
        };
    return InfluxQl.overviewSpan(
        source,
        span.resolution() != Resolution.RAW,
        building,
        after,
        span.from().toEpochMilli(),
        span.to().toEpochMilli(),
        limit);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
