package dev.temperature.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageRefusedException;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Span;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeteredReadingStoreTest {
  private static final BuildingId BUILDING = new BuildingId("main");
  private static final RoomId ROOM = new RoomId("kitchen");
  private static final Window WINDOW = new Window(Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
  private static final Instant HOUR = Instant.EPOCH;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final FakeStore memory = new FakeStore();

  private ReadingStore metered(ReadingStore store) {
    return new MeteredReadingStore(store, StorageMetrics.register(registry, "memory"));
  }

  @Test
  void storedReadingsAndBatchSizesAreCountedPerStorage() throws Exception {
    ReadingStore store = metered(memory);

    store.append(List.of(reading(0)));
    store.append(List.of(reading(1), reading(2), reading(3)));

    assertThat(memory.size()).isEqualTo(4);
    assertThat(scrape())
        .contains("temperature_api_readings_stored_total{storage=\"memory\"} 4.0")
        .contains("temperature_api_append_batch_size_count{storage=\"memory\"} 2")
        .contains("temperature_api_append_batch_size_sum{storage=\"memory\"} 4.0")
        .contains("temperature_api_append_batch_size_bucket{storage=\"memory\",le=\"2.0\"} 1")
        .contains(
            "temperature_api_storage_call_duration_seconds_count{operation=\"append\","
                + "storage=\"memory\"} 2");
  }

  @Test
  void anUnavailableStoreIsCountedAsUnavailableAndNothingAsStored() throws Exception {
    ReadingStore store = metered(memory);
    memory.failure = new StorageUnavailableException("down", null);

    assertThatThrownBy(() -> store.append(List.of(reading(0))))
        .isInstanceOf(StorageUnavailableException.class);
    assertThatThrownBy(() -> store.aggregate(BUILDING, ROOM, WINDOW))
        .isInstanceOf(StorageUnavailableException.class);

    assertThat(scrape())
        .contains("temperature_api_readings_stored_total{storage=\"memory\"} 0.0")
        .contains(failures("append", "unavailable", 1))
        .contains(failures("aggregate", "unavailable", 1))
        .contains(failures("aggregate", "refused", 0))
        .contains(
            "temperature_api_storage_call_duration_seconds_count{operation=\"aggregate\","
                + "storage=\"memory\"} 1");
  }

  @Test
  void refusedAndOtherFailuresAreToldApart() throws Exception {
    ReadingStore refusing = metered(throwing(new StorageRefusedException("schema", null)));
    assertThatThrownBy(refusing::buildings).isInstanceOf(StorageRefusedException.class);
    ReadingStore broken =
        new MeteredReadingStore(
            throwing(new IllegalStateException("bug")),
            StorageMetrics.register(new PrometheusRegistry(), "memory"));
    assertThatThrownBy(() -> broken.rooms(BUILDING)).isInstanceOf(IllegalStateException.class);

    assertThat(scrape())
        .contains(failures("buildings", "refused", 1))
        .contains(failures("buildings", "unavailable", 0));
  }

  @Test
  void answersAndRetentionAreTheStores() {
    ReadingStore store = metered(memory);
    store.append(List.of(reading(10), reading(20)));

    assertThat(store.retention()).hasValue(Duration.ofDays(30));
    assertThat(store.aggregate(BUILDING, ROOM, WINDOW).count()).isEqualTo(2);
    assertThat(store.buckets(BUILDING, ROOM, WINDOW, Interval.parse("1h"))).hasSize(1);
    assertThat(store.buildings()).containsExactly(BUILDING);
    assertThat(store.rooms(BUILDING)).containsExactly(ROOM);
    assertThat(store.newestFirst(BUILDING, ROOM, WINDOW, 1))
        .extracting(Reading::recordedAt)
        .containsExactly(Instant.EPOCH.plusSeconds(20));
    assertThat(store.rollupRetention()).hasValue(Duration.ofDays(400));
    assertThat(store.aggregates(BUILDING, ROOM, List.of(Span.hours(HOUR, HOUR.plusSeconds(3600)))))
        .extracting(Aggregate::count)
        .containsExactly(2L);
    assertThat(store.overviews(BUILDING, List.of(), Optional.empty(), 10)).hasSize(1);
    assertThat(store.rebuildRollups(HOUR, HOUR.plusSeconds(3600))).isEqualTo(2);
    store.expireRollups(HOUR);
    store.expireReadings(Instant.EPOCH.plusSeconds(15));
    assertThat(memory.size()).isEqualTo(1);
    assertThat(store.overview(BUILDING, WINDOW, Optional.empty(), 10))
        .extracting(overview -> overview.latest().temperature().celsius())
        .containsExactly(20.0);
  }

  /**
   * Keeps what it is given and answers from it; fails every call while {@code failure} is set. No
   * store semantics beyond that: only what passes through the decorator is under test.
   */
  private static final class FakeStore implements ReadingStore {
    final List<Reading> readings = new ArrayList<>();
    RuntimeException failure;

    int size() {
      return readings.size();
    }

    private void failIfTold() {
      if (failure != null) {
        throw failure;
      }
    }

    @Override
    public void append(List<Reading> batch) {
      failIfTold();
      readings.addAll(batch);
    }

    @Override
    public Optional<Duration> retention() {
      return Optional.of(Duration.ofDays(30));
    }

    @Override
    public Aggregate aggregate(BuildingId building, RoomId room, Window window) {
      failIfTold();
      return new Aggregate(readings.size(), 20.0 * readings.size(), 20.0, 20.0);
    }

    @Override
    public List<TimeBucket> buckets(
        BuildingId building, RoomId room, Window window, Interval interval) {
      failIfTold();
      return List.of(new TimeBucket(window.from(), aggregate(building, room, window)));
    }

    @Override
    public List<Reading> newestFirst(BuildingId building, RoomId room, Window window, int limit) {
      failIfTold();
      List<Reading> newest = new ArrayList<>(readings);
      Collections.reverse(newest);
      return newest.subList(0, Math.min(limit, newest.size()));
    }

    @Override
    public List<BuildingId> buildings() {
      failIfTold();
      return List.of(BUILDING);
    }

    @Override
    public List<RoomId> rooms(BuildingId building) {
      failIfTold();
      return List.of(ROOM);
    }

    @Override
    public List<RoomOverview> overview(
        BuildingId building, Window window, Optional<RoomId> after, int limit) {
      failIfTold();
      return newestFirst(building, ROOM, window, 1).stream()
          .map(latest -> new RoomOverview(latest, aggregate(building, ROOM, window)))
          .toList();
    }

    @Override
    public List<Aggregate> aggregates(BuildingId building, RoomId room, List<Span> spans) {
      failIfTold();
      return spans.stream().map(span -> aggregate(building, room, WINDOW)).toList();
    }

    @Override
    public List<RoomOverview> overviews(
        BuildingId building, List<Span> spans, Optional<RoomId> after, int limit) {
      return overview(building, WINDOW, after, limit);
    }

    @Override
    public long rebuildRollups(Instant from, Instant to) {
      failIfTold();
      return readings.size();
    }

    @Override
    public void expireReadings(Instant before) {
      failIfTold();
      readings.removeIf(reading -> reading.recordedAt().isBefore(before));
    }

    @Override
    public void expireRollups(Instant before) {
      failIfTold();
    }

    @Override
    public Optional<Duration> rollupRetention() {
      return Optional.of(Duration.ofDays(400));
    }
  }

  private static String failures(String operation, String kind, int count) {
    return "temperature_api_storage_failures_total{kind=\""
        + kind
        + "\",operation=\""
        + operation
        + "\",storage=\"memory\"} "
        + count
        + ".0";
  }

  private static Reading reading(int second) {
    return new Reading(BUILDING, ROOM, Temperature.celsius(20), Instant.EPOCH.plusSeconds(second));
  }

  private static ReadingStore throwing(RuntimeException failure) {
    return (ReadingStore)
        Proxy.newProxyInstance(
            ReadingStore.class.getClassLoader(),
            new Class<?>[] {ReadingStore.class},
            (proxy, method, arguments) -> {
              throw failure;
            });
  }

  private String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
