package dev.temperature.application.port.out;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake store for tests of the layers above the ports. It passes the same contract suite as the
 * real adapters, so tests that use it rely on the real semantics. It can be told to fail, to stand
 * in for a database that is down.
 */
public final class InMemoryReadingStore implements ReadingStore {
  private record RoomKey(BuildingId building, RoomId room) {}

  private final Map<RoomKey, ConcurrentSkipListMap<Instant, Double>> rooms =
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
    for (Reading reading : readings) {
      rooms
          .computeIfAbsent(
              new RoomKey(reading.building(), reading.room()), key -> new ConcurrentSkipListMap<>())
          .put(reading.recordedAt(), reading.temperature().celsius());
    }
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
    return rooms.keySet().stream()
        .map(RoomKey::building)
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
    return rooms.keySet().stream()
        .filter(key -> key.building().equals(building))
        .map(RoomKey::room)
        .sorted(Comparator.comparing(RoomId::value))
        .toList();
  }

  @Override
  public List<RoomOverview> overview(
      BuildingId building, Window window, Optional<RoomId> after, int limit) {
    checkAvailable();
    return roomsOf(building).stream()
        .filter(room -> after.isEmpty() || room.value().compareTo(after.get().value()) > 0)
        .limit(limit)
        .map(
            room -> {
              var newest = rooms.get(new RoomKey(building, room)).lastEntry();
              Reading latest =
                  new Reading(
                      building, room, Temperature.celsius(newest.getValue()), newest.getKey());
              return new RoomOverview(latest, aggregateOf(building, room, window));
            })
        .toList();
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
