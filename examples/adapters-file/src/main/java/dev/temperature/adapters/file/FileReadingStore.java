package dev.temperature.adapters.file;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readings in one local file, the template of a storage adapter (docs/adding-a-storage.md). Each
 * {@link #append} is one line of the file, forced to disk before it returns, so an acknowledged
 * reading survives a crash; a line a crash cut short is dropped when the file is opened again,
 * which keeps a write all or nothing. The readings are also held in memory, sorted by building,
 * room and time, where the queries are answered: this engine's "database" is that index.
 *
 * <p>One lock for everything: the template shows the port's semantics, not how to scale them.
 */
public final class FileReadingStore implements ReadingStore, AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final Map<String, NavigableMap<String, NavigableMap<Instant, Double>>> buildings =
      new TreeMap<>();
  private final AtomicLong requests = new AtomicLong();

  private FileReadingStore(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens the file, creating it and its directory, and reads back what it holds. */
  public static FileReadingStore open(Path file) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileReadingStore store = new FileReadingStore(file, channel);
    try {
      store.load();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return store;
  }

  private void load() throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    int complete = content.lastIndexOf('\n') + 1;
    for (String line : content.substring(0, complete).split("\n")) {
      if (!line.isEmpty()) {
        parse(line).forEach(this::put);
      }
    }
    // A write a crash cut short has no line end: it was never acknowledged.
    channel.truncate(content.substring(0, complete).getBytes(StandardCharsets.UTF_8).length);
  }

  @Override
  public synchronized void append(List<Reading> readings) {
    requests.incrementAndGet();
    if (readings.isEmpty()) {
      return;
    }
    ByteBuffer line = ByteBuffer.wrap(format(readings).getBytes(StandardCharsets.UTF_8));
    long end = -1;
    try {
      end = channel.size();
      long at = end;
      while (line.hasRemaining()) {
        at += channel.write(line, at);
      }
      channel.force(false);
    } catch (IOException e) {
      undo(end);
      throw new StorageUnavailableException("cannot write to " + file + ": " + e.getMessage(), e);
    }
    readings.forEach(this::put);
  }

  /** Cuts off what a failed write left, so that the file holds whole writes only. */
  private void undo(long end) {
    try {
      if (end >= 0) {
        channel.truncate(end);
      }
    } catch (IOException ignored) {
      // The next open drops the cut-off line anyway.
    }
  }

  @Override
  public synchronized Aggregate aggregate(BuildingId building, RoomId room, Window window) {
    requests.incrementAndGet();
    return aggregateOf(inWindow(building.value(), room.value(), window).values());
  }

  @Override
  public synchronized List<TimeBucket> buckets(
      BuildingId building, RoomId room, Window window, Interval interval) {
    requests.incrementAndGet();
    NavigableMap<Instant, List<Double>> byStart = new TreeMap<>();
    inWindow(building.value(), room.value(), window)
        .forEach(
            (at, celsius) ->
                byStart
                    .computeIfAbsent(interval.bucketStart(at), start -> new ArrayList<>())
                    .add(celsius));
    List<TimeBucket> buckets = new ArrayList<>();
    byStart.forEach((start, values) -> buckets.add(new TimeBucket(start, aggregateOf(values))));
    return buckets;
  }

  @Override
  public synchronized List<Reading> newestFirst(
      BuildingId building, RoomId room, Window window, int limit) {
    requests.incrementAndGet();
    return inWindow(building.value(), room.value(), window).descendingMap().entrySet().stream()
        .limit(limit)
        .map(entry -> reading(building, room, entry))
        .toList();
  }

  @Override
  public synchronized List<BuildingId> buildings() {
    requests.incrementAndGet();
    return buildings.keySet().stream().map(BuildingId::new).toList();
  }

  @Override
  public synchronized List<RoomId> rooms(BuildingId building) {
    requests.incrementAndGet();
    return roomsOf(building.value()).keySet().stream().map(RoomId::new).toList();
  }

  @Override
  public synchronized List<RoomOverview> overview(
      BuildingId building, Window window, Optional<RoomId> after, int limit) {
    requests.incrementAndGet();
    NavigableMap<String, NavigableMap<Instant, Double>> rooms = roomsOf(building.value());
    if (after.isPresent()) {
      rooms = rooms.tailMap(after.get().value(), false);
    }
    return rooms.entrySet().stream()
        .limit(limit)
        .map(
            room -> {
              RoomId id = new RoomId(room.getKey());
              Reading latest = reading(building, id, room.getValue().lastEntry());
              return new RoomOverview(
                  latest, aggregateOf(within(room.getValue(), window).values()));
            })
        .toList();
  }

  /**
   * How many requests the store has answered: what the contract counts to see that a question costs
   * one request however many rooms it covers. Here every call of a port is one.
   */
  public long requests() {
    return requests.get();
  }

  /** Whether the file is still open for writes: the health check. */
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  private void put(Reading reading) {
    buildings
        .computeIfAbsent(reading.building().value(), building -> new TreeMap<>())
        .computeIfAbsent(reading.room().value(), room -> new TreeMap<>())
        .put(reading.recordedAt(), reading.temperature().celsius());
  }

  private NavigableMap<String, NavigableMap<Instant, Double>> roomsOf(String building) {
    return buildings.getOrDefault(building, new TreeMap<>());
  }

  private NavigableMap<Instant, Double> inWindow(String building, String room, Window window) {
    return within(roomsOf(building).getOrDefault(room, new TreeMap<>()), window);
  }

  private static NavigableMap<Instant, Double> within(
      NavigableMap<Instant, Double> readings, Window window) {
    return readings.subMap(window.from(), true, window.to(), true);
  }

  private static Aggregate aggregateOf(Collection<Double> values) {
    DoubleSummaryStatistics stats =
        values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
    return Aggregate.of(stats.getCount(), stats.getSum(), stats.getMin(), stats.getMax());
  }

  private static Reading reading(BuildingId building, RoomId room, Map.Entry<Instant, Double> at) {
    return new Reading(building, room, Temperature.celsius(at.getValue()), at.getKey());
  }

  /**
   * One write as one line: its readings separated by tabs, each as building, room, milliseconds
   * since 1970 and degrees Celsius. The ids are escaped although the domain allows no separator in
   * them, so that the format never depends on that rule.
   */
  private static String format(List<Reading> readings) {
    List<String> fields = new ArrayList<>();
    for (Reading reading : readings) {
      fields.add(
          escape(reading.building().value())
              + ","
              + escape(reading.room().value())
              + ","
              + reading.recordedAt().toEpochMilli()
              + ","
              + reading.temperature().celsius());
    }
    return String.join("\t", fields) + "\n";
  }

  private static List<Reading> parse(String line) {
    List<Reading> readings = new ArrayList<>();
    for (String field : line.split("\t")) {
      String[] parts = field.split(",", -1);
      if (parts.length != 4) {
        throw new IllegalStateException("not a reading of this store: " + field);
      }
      readings.add(
          new Reading(
              new BuildingId(unescape(parts[0])),
              new RoomId(unescape(parts[1])),
              Temperature.celsius(Double.parseDouble(parts[3])),
              Instant.ofEpochMilli(Long.parseLong(parts[2]))));
    }
    return readings;
  }

  private static String escape(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static String unescape(String id) {
    return URLDecoder.decode(id, StandardCharsets.UTF_8);
  }
}
