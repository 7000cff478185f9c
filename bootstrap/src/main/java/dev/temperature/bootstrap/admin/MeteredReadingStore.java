package dev.temperature.bootstrap.admin;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.bootstrap.admin.StorageMetrics.Operation;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Span;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Measures every call to the outbound port and passes it on unchanged. A decorator rather than code
 * in each adapter, so that every storage is measured the same way and an adapter added later is
 * measured without knowing it.
 */
public final class MeteredReadingStore implements ReadingStore {
  private final ReadingStore store;
  private final StorageMetrics metrics;

  public MeteredReadingStore(ReadingStore store, StorageMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public void append(List<Reading> readings) {
    metrics.appending(readings.size());
    call(
        Operation.APPEND,
        () -> {
          store.append(readings);
          return null;
        });
    metrics.stored(readings.size());
  }

  /** Not a storage call: adapters read it once at start-up. It must still come from the store. */
  @Override
  public Optional<Duration> retention() {
    return store.retention();
  }

  @Override
  public Aggregate aggregate(BuildingId building, RoomId room, Window window) {
    return call(Operation.AGGREGATE, () -> store.aggregate(building, room, window));
  }

  @Override
  public List<TimeBucket> buckets(
      BuildingId building, RoomId room, Window window, Interval interval) {
    return call(Operation.BUCKETS, () -> store.buckets(building, room, window, interval));
  }

  @Override
  public List<Reading> newestFirst(BuildingId building, RoomId room, Window window, int limit) {
    return call(Operation.NEWEST_FIRST, () -> store.newestFirst(building, room, window, limit));
  }

  @Override
  public List<BuildingId> buildings() {
    return call(Operation.BUILDINGS, store::buildings);
  }

  @Override
  public List<RoomId> rooms(BuildingId building) {
    return call(Operation.ROOMS, () -> store.rooms(building));
  }

  @Override
  public List<RoomOverview> overview(
      BuildingId building, Window window, Optional<RoomId> after, int limit) {
    return call(Operation.OVERVIEW, () -> store.overview(building, window, after, limit));
  }

  @Override
  public List<Aggregate> aggregates(BuildingId building, RoomId room, List<Span> spans) {
    return call(Operation.AGGREGATE_SPANS, () -> store.aggregates(building, room, spans));
  }

  @Override
  public List<RoomOverview> overviews(
      BuildingId building, List<Span> spans, Optional<RoomId> after, int limit) {
    return call(Operation.OVERVIEW, () -> store.overviews(building, spans, after, limit));
  }

  @Override
  public long rebuildRollups(Instant from, Instant to) {
    return call(Operation.REBUILD_ROLLUPS, () -> store.rebuildRollups(from, to));
  }

  @Override
  public void expireReadings(Instant before) {
    call(
        Operation.EXPIRE,
        () -> {
          store.expireReadings(before);
          return null;
        });
  }

  @Override
  public void expireRollups(Instant before) {
    call(
        Operation.EXPIRE,
        () -> {
          store.expireRollups(before);
          return null;
        });
  }

  /** Not a storage call, as {@link #retention()}. */
  @Override
  public Optional<Duration> rollupRetention() {
    return store.rollupRetention();
  }

  private <T> T call(Operation operation, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } catch (RuntimeException e) {
      metrics.failed(operation, e);
      throw e;
    } finally {
      metrics.took(operation, System.nanoTime() - start);
    }
  }
}
