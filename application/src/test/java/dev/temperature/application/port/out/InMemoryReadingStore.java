package dev.temperature.application.port.out;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.Resolution;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Span;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake store for tests of the layers above the ports. It passes the same contract suite as the
 * real adapters, so tests that use it rely on the real semantics. It can be told to fail, to stand
 * in for a database that is down.
 *
 * <p>It keeps hourly and daily rollups beside the readings as the real stores do: recomputed for
 * every hour an append touches, and kept when the readings are expired.
 */
public final class InMemoryReadingStore implements ReadingStore {
  private record RoomKey(BuildingId building, RoomId room) {}

  private final Map<RoomKey, ConcurrentSkipListMap<Instant, Double>> rooms =
      new ConcurrentHashMap<>();
  private final Map<RoomKey, ConcurrentSkipListMap<Instant, Aggregate>> hourly =
      new ConcurrentHashMap<>();
  private final Map<RoomKey, ConcurrentSkipListMap<Instant, Aggregate>> daily =
      new ConcurrentHashMap<>();
  private volatile boolean unavailable;
  private volatile boolean refusing;
  private volatile boolean busy;
  private volatile Optional<Duration> retention = Optional.empty();
  private final AtomicLong calls = new AtomicLong();

  public void failWith(boolean unavailable) {
    this.unavailable = unavailable;
  }

  /** Refuse every write at once, as a full write queue does. */
  public void busy(boolean busy) {
    this.busy = busy;
  }

  /** Refuse every statement, as a database whose schema does not match would. */
  public void refuse(boolean refusing) {
    this.refusing = refusing;
  }

  /** Behave like a store that drops readings older than {@code retention}. */
  public void keepFor(Duration retention) {
    this.retention = Optional.of(retention);
  }

  @Override
  public Optional<Duration> retention() {
    return retention;
  }

  @Override
  public synchronized void append(List<Reading> readings) {
    checkAvailable();
    appendReadingsOnly(readings);
    Map<RoomKey, Set<Instant>> touched = new HashMap<>();
    for (Reading reading : readings) {
      touched
          .computeIfAbsent(new RoomKey(reading.building(), reading.room()), key -> new TreeSet<>())
          .add(Resolution.HOUR.floor(reading.recordedAt()));
    }
    touched.forEach((key, hours) -> hours.forEach(hour -> rollUp(key, hour)));
  }

  /**
   * Stores readings without touching the rollups, as a write behind the store's back (an import
   * straight into the database) would; {@link #rebuildRollups} puts them right.
   */
  public synchronized void appendReadingsOnly(List<Reading> readings) {
    for (Reading reading : readings) {
      rooms
          .computeIfAbsent(
              new RoomKey(reading.building(), reading.room()), key -> new ConcurrentSkipListMap<>())
          .put(reading.recordedAt(), reading.temperature().celsius());
    }
  }

  /** The hour's rollup from its readings, and its day's from its hours. */
  private void rollUp(RoomKey key, Instant hour) {
    Aggregate readings = aggregateOf(key, Span.raw(hour, hour.plus(Resolution.HOUR.unit())));
    put(hourly, key, hour, readings);
    Instant day = Resolution.DAY.floor(hour);
    Aggregate hours = Aggregate.EMPTY;
    for (Aggregate each :
        hourly
            .getOrDefault(key, new ConcurrentSkipListMap<>())
            .subMap(day, day.plus(Resolution.DAY.unit()))
            .values()) {
      hours = hours.plus(each);
    }
    put(daily, key, day, hours);
  }

  private static void put(
      Map<RoomKey, ConcurrentSkipListMap<Instant, Aggregate>> rollups,
      RoomKey key,
      Instant start,
      Aggregate aggregate) {
    if (aggregate.isEmpty()) {
      ConcurrentSkipListMap<Instant, Aggregate> units = rollups.get(key);
      if (units != null) {
        units.remove(start);
      }
      return;
    }
    rollups.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>()).put(start, aggregate);
  }

  @Override
  public List<Aggregate> aggregates(BuildingId building, RoomId room, List<Span> spans) {
    if (spans.isEmpty()) {
      return List.of();
    }
    checkAvailable();
    RoomKey key = new RoomKey(building, room);
    return spans.stream().map(span -> aggregateOf(key, span)).toList();
  }

  private Aggregate aggregateOf(RoomKey key, Span span) {
    NavigableMap<Instant, ?> units =
        switch (span.resolution()) {
          case RAW -> rooms.getOrDefault(key, new ConcurrentSkipListMap<>());
          case HOUR -> hourly.getOrDefault(key, new ConcurrentSkipListMap<>());
          case DAY -> daily.getOrDefault(key, new ConcurrentSkipListMap<>());
        };
    Aggregate total = Aggregate.EMPTY;
    for (Object value : units.subMap(span.from(), true, span.to(), false).values()) {
      total =
          total.plus(
              value instanceof Double celsius
                  ? new Aggregate(1, celsius, celsius, celsius)
                  : (Aggregate) value);
    }
    return total;
  }

  @Override
  public List<RoomOverview> overviews(
      BuildingId building, List<Span> spans, Optional<RoomId> after, int limit) {
    checkAvailable();
    return roomsAfter(building, after, limit).stream()
        .map(
            room -> {
              Aggregate recent = Aggregate.EMPTY;
              for (Span span : spans) {
                recent = recent.plus(aggregateOf(new RoomKey(building, room), span));
              }
              return new RoomOverview(newest(building, room), recent);
            })
        .toList();
  }

  @Override
  public synchronized long rebuildRollups(Instant from, Instant to) {
    checkAvailable();
    long hours = 0;
    for (RoomKey key : rooms.keySet()) {
      for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Resolution.HOUR.unit())) {
        rollUp(key, hour);
        if (hourly.getOrDefault(key, new ConcurrentSkipListMap<>()).containsKey(hour)) {
          hours++;
        }
      }
    }
    return hours;
  }

  @Override
  public synchronized void expireReadings(Instant before) {
    checkAvailable();
    rooms.values().forEach(readings -> readings.headMap(before).clear());
  }

  @Override
  public synchronized void expireRollups(Instant before) {
    checkAvailable();
    hourly.values().forEach(units -> units.headMap(before).clear());
    daily.values().forEach(units -> units.headMap(before).clear());
  }

  @Override
  public Aggregate aggregate(BuildingId building, RoomId room, Window window) {
    checkAvailable();
    return aggregateOf(building, room, window);
  }

  private Aggregate aggregateOf(BuildingId building, RoomId room, Window window) {
    var stats =
        inWindow(building, room, window).values().stream()
            .mapToDouble(Double::doubleValue)
            .summaryStatistics();
    return Aggregate.of(stats.getCount(), stats.getSum(), stats.getMin(), stats.getMax());
  }

  @Override
  public List<TimeBucket> buckets(
      BuildingId building, RoomId room, Window window, Interval interval) {
    checkAvailable();
    Map<Instant, DoubleSummaryStatistics> byStart = new TreeMap<>();
    inWindow(building, room, window)
        .forEach(
            (at, celsius) ->
                byStart
                    .computeIfAbsent(
                        interval.bucketStart(at), start -> new DoubleSummaryStatistics())
                    .accept(celsius));
    List<TimeBucket> buckets = new ArrayList<>();
    byStart.forEach(
        (start, stats) ->
            buckets.add(
                new TimeBucket(
                    start,
                    Aggregate.of(
                        stats.getCount(), stats.getSum(), stats.getMin(), stats.getMax()))));
    return buckets;
  }

  @Override
  public List<Reading> newestFirst(BuildingId building, RoomId room, Window window, int limit) {
    checkAvailable();
    List<Reading> found = new ArrayList<>();
    for (var entry : inWindow(building, room, window).descendingMap().entrySet()) {
      if (found.size() == limit) {
        break;
      }
      found.add(new Reading(building, room, Temperature.celsius(entry.getValue()), entry.getKey()));
    }
    return found;
  }

  @Override
  public List<BuildingId> buildings() {
    checkAvailable();
    return rooms.entrySet().stream()
        .filter(entry -> !entry.getValue().isEmpty())
        .map(entry -> entry.getKey().building())
        .distinct()
        .sorted(Comparator.comparing(BuildingId::value))
        .toList();
  }

  @Override
  public List<RoomId> rooms(BuildingId building) {
    checkAvailable();
    return roomsOf(building);
  }

  private List<RoomId> roomsOf(BuildingId building) {
    return rooms.entrySet().stream()
        .filter(entry -> !entry.getValue().isEmpty())
        .map(Map.Entry::getKey)
        .filter(key -> key.building().equals(building))
        .map(RoomKey::room)
        .sorted(Comparator.comparing(RoomId::value))
        .toList();
  }

  @Override
  public List<RoomOverview> overview(
      BuildingId building, Window window, Optional<RoomId> after, int limit) {
    checkAvailable();
    return roomsAfter(building, after, limit).stream()
        .map(room -> new RoomOverview(newest(building, room), aggregateOf(building, room, window)))
        .toList();
  }

  /** The rooms with readings: a room whose readings all expired is gone, as in the real stores. */
  private List<RoomId> roomsAfter(BuildingId building, Optional<RoomId> after, int limit) {
    return roomsOf(building).stream()
        .filter(room -> after.isEmpty() || room.value().compareTo(after.get().value()) > 0)
        .limit(limit)
        .toList();
  }

  private Reading newest(BuildingId building, RoomId room) {
    var newest = rooms.get(new RoomKey(building, room)).lastEntry();
    return new Reading(building, room, Temperature.celsius(newest.getValue()), newest.getKey());
  }

  private NavigableMap<Instant, Double> inWindow(BuildingId building, RoomId room, Window window) {
    var readings = rooms.get(new RoomKey(building, room));
    if (readings == null) {
      return new TreeMap<>();
    }
    return readings.subMap(window.from(), true, window.to(), true);
  }

  public int size() {
    return rooms.values().stream().mapToInt(Map::size).sum();
  }

  /**
   * How many calls the store has answered or refused: what a database would count as requests, for
   * the contract's check that a question costs one request however many rooms it covers.
   */
  public long calls() {
    return calls.get();
  }

  private void checkAvailable() {
    calls.incrementAndGet();
    if (unavailable) {
      throw new StorageUnavailableException("in-memory store told to fail", null);
    }
    if (busy) {
      throw new StorageBusyException("in-memory store told to be busy");
    }
    if (refusing) {
      throw new StorageRefusedException("in-memory store told to refuse (secret detail)", null);
    }
  }
}
