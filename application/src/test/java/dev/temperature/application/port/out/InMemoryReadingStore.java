package dev.temperature.application.port.out;

import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

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
  private volatile Optional<Duration> retention = Optional.empty();

  public void failWith(boolean unavailable) {
    this.unavailable = unavailable;
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
    var readings = rooms.get(new RoomKey(building, room));
    if (readings == null) {
      return Aggregate.EMPTY;
    }
    var inWindow = readings.subMap(window.from(), true, window.to(), true).values();
    var stats = inWindow.stream().mapToDouble(Double::doubleValue).summaryStatistics();
    return Aggregate.of(stats.getCount(), stats.getSum(), stats.getMin(), stats.getMax());
  }

  public int size() {
    return rooms.values().stream().mapToInt(Map::size).sum();
  }

  private void checkAvailable() {
    if (unavailable) {
      throw new StorageUnavailableException("in-memory store told to fail", null);
    }
  }
}
