package dev.temperature.adapters.file;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readings in one local file, the template of a storage adapter (docs/adding-a-storage.md). Each
 * {@link #append} is one line of the file, forced to disk before it returns, so an acknowledged
 * reading survives a crash; a line a crash cut short is dropped when the file is opened again,
 * which keeps a write all or nothing. The readings are also held in memory, sorted by building,
 * room and time, where the queries are answered: this engine's "database" is that index.
 *
 * <p>The hourly and daily rollups are kept in memory beside the readings: every hour an append
 * touches is recomputed from its readings, its day from its hours. The file is a log that replays
 * them: an expiry, a rebuild and an import (readings written without their rollups, as a tool
 * behind the store's back would) are lines of their own, starting with {@code #}, which an escaped
 * id never does. Replayed in order, the lines give back the same readings and rollups, those of
 * expired readings included.
 *
 * <p>One lock for everything: the template shows the port's semantics, not how to scale them.
 */
public final class FileReadingStore implements ReadingStore, AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final Map<String, NavigableMap<String, NavigableMap<Instant, Double>>> buildings =
      new TreeMap<>();
  private final Map<String, NavigableMap<String, NavigableMap<Instant, Aggregate>>> hourly =
      new TreeMap<>();
  private final Map<String, NavigableMap<String, NavigableMap<Instant, Aggregate>>> daily =
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
        replay(line);
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
    String line = format(readings);
    write(line);
    replay(line);
  }

  /**
   * Readings written without their rollups, as an import behind the store's back would write them:
   * {@link #rebuildRollups} puts the rollups right.
   */
  public synchronized void importReadings(List<Reading> readings) {
    if (!readings.isEmpty()) {
      String line = IMPORT + " " + format(readings);
      write(line);
      replay(line);
    }
  }

  private static final String IMPORT = "#import";
  private static final String EXPIRE_READINGS = "#expire-readings";
  private static final String EXPIRE_ROLLUPS = "#expire-rollups";
  private static final String REBUILD = "#rebuild";

  /** One line, ending with a line break, on disk before this returns; all of it or none. */
  private void write(String line) {
    ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    long end = -1;
    try {
      end = channel.size();
      long at = end;
      while (bytes.hasRemaining()) {
        at += channel.write(bytes, at);
      }
      channel.force(false);
    } catch (IOException e) {
      undo(end);
      throw new StorageUnavailableException("cannot write to " + file + ": " + e.getMessage(), e);
    }
  }

  /** What a line of the file does to the readings and rollups in memory. */
  private void replay(String line) {
    String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    if (!text.startsWith("#")) {
      List<Reading> readings = parse(text);
      readings.forEach(this::put);
      // Each hour once, however many of its readings the line holds.
      readings.stream()
          .map(reading -> new Reading(reading.building(), reading.room(), ZERO, hourOf(reading)))
          .distinct()
          .forEach(hour -> rollUp(hour.building().value(), hour.room().value(), hour.recordedAt()));
      return;
    }
    String[] words = text.split(" ", 2);
    switch (words[0]) {
      case IMPORT -> parse(words[1]).forEach(this::put);
      case EXPIRE_READINGS -> removeReadingsBefore(Instant.ofEpochMilli(Long.parseLong(words[1])));
      case EXPIRE_ROLLUPS -> removeRollupsBefore(Instant.ofEpochMilli(Long.parseLong(words[1])));
      case REBUILD -> {
        String[] range = words[1].split(" ");
        rebuild(
            Instant.ofEpochMilli(Long.parseLong(range[0])),
            Instant.ofEpochMilli(Long.parseLong(range[1])));
      }
      default -> throw new IllegalStateException("not a line of this store: " + text);
    }
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
    return roomsAfter(building.value(), after).entrySet().stream()
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

  @Override
  public synchronized List<Aggregate> aggregates(
      BuildingId building, RoomId room, List<Span> spans) {
    if (spans.isEmpty()) {
      return List.of();
    }
    requests.incrementAndGet();
    return spans.stream().map(span -> aggregateOf(building.value(), room.value(), span)).toList();
  }

  @Override
  public synchronized List<RoomOverview> overviews(
      BuildingId building, List<Span> spans, Optional<RoomId> after, int limit) {
    requests.incrementAndGet();
    return roomsAfter(building.value(), after).entrySet().stream()
        .limit(limit)
        .map(
            room -> {
              RoomId id = new RoomId(room.getKey());
              Aggregate recent = Aggregate.EMPTY;
              for (Span span : spans) {
                recent = recent.plus(aggregateOf(building.value(), room.getKey(), span));
              }
              return new RoomOverview(reading(building, id, room.getValue().lastEntry()), recent);
            })
        .toList();
  }

  @Override
  public synchronized long rebuildRollups(Instant from, Instant to) {
    requests.incrementAndGet();
    write(REBUILD + " " + from.toEpochMilli() + " " + to.toEpochMilli() + "\n");
    return rebuild(from, to);
  }

  @Override
  public synchronized void expireReadings(Instant before) {
    requests.incrementAndGet();
    write(EXPIRE_READINGS + " " + before.toEpochMilli() + "\n");
    removeReadingsBefore(before);
  }

  @Override
  public synchronized void expireRollups(Instant before) {
    requests.incrementAndGet();
    write(EXPIRE_ROLLUPS + " " + before.toEpochMilli() + "\n");
    removeRollupsBefore(before);
  }

  /**
   * Recomputes every hour in {@code [from, to)} that has readings or a rollup, and counts the
   * hourly rollups left there.
   */
  private long rebuild(Instant from, Instant to) {
    long hours = 0;
    for (var building : buildingsWithRollupsOrReadings()) {
      for (String room : building.getValue()) {
        Set<Instant> touched = new TreeSet<>();
        roomsOf(building.getKey())
            .getOrDefault(room, new TreeMap<>())
            .subMap(from, true, to, false)
            .keySet()
            .forEach(at -> touched.add(Resolution.HOUR.floor(at)));
        touched.addAll(units(hourly, building.getKey(), room).subMap(from, to).keySet());
        for (Instant hour : touched) {
          rollUp(building.getKey(), room, hour);
        }
        hours += units(hourly, building.getKey(), room).subMap(from, to).size();
      }
    }
    return hours;
  }

  private List<Map.Entry<String, Set<String>>> buildingsWithRollupsOrReadings() {
    Map<String, Set<String>> rooms = new TreeMap<>();
    buildings.forEach(
        (id, its) -> rooms.computeIfAbsent(id, k -> new TreeSet<>()).addAll(its.keySet()));
    hourly.forEach(
        (id, its) -> rooms.computeIfAbsent(id, k -> new TreeSet<>()).addAll(its.keySet()));
    return List.copyOf(rooms.entrySet());
  }

  /** Readings only; a room or building left without readings is gone, as in the SQL stores. */
  private void removeReadingsBefore(Instant before) {
    for (NavigableMap<String, NavigableMap<Instant, Double>> rooms : buildings.values()) {
      rooms.values().forEach(readings -> readings.headMap(before).clear());
      rooms.values().removeIf(Map::isEmpty);
    }
    buildings.values().removeIf(Map::isEmpty);
  }

  private void removeRollupsBefore(Instant before) {
    for (var rollups : List.of(hourly, daily)) {
      for (NavigableMap<String, NavigableMap<Instant, Aggregate>> rooms : rollups.values()) {
        rooms.values().forEach(units -> units.headMap(before).clear());
        rooms.values().removeIf(Map::isEmpty);
      }
      rollups.values().removeIf(Map::isEmpty);
    }
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

  private static final Temperature ZERO = Temperature.celsius(0);

  private static Instant hourOf(Reading reading) {
    return Resolution.HOUR.floor(reading.recordedAt());
  }

  /** The hour's rollup from its readings, and its day's from its hours. */
  private void rollUp(String building, String room, Instant hour) {
    Instant next = hour.plus(Resolution.HOUR.unit());
    Aggregate readings =
        aggregateOf(
            roomsOf(building).getOrDefault(room, new TreeMap<>()).subMap(hour, next).values());
    put(hourly, building, room, hour, readings);
    Instant day = Resolution.DAY.floor(hour);
    Aggregate hours = Aggregate.EMPTY;
    for (Aggregate each :
        units(hourly, building, room).subMap(day, day.plus(Resolution.DAY.unit())).values()) {
      hours = hours.plus(each);
    }
    put(daily, building, room, day, hours);
  }

  /** Stores a rollup; an empty one is none. */
  private static void put(
      Map<String, NavigableMap<String, NavigableMap<Instant, Aggregate>>> rollups,
      String building,
      String room,
      Instant start,
      Aggregate aggregate) {
    if (aggregate.isEmpty()) {
      units(rollups, building, room).remove(start);
      return;
    }
    rollups
        .computeIfAbsent(building, b -> new TreeMap<>())
        .computeIfAbsent(room, r -> new TreeMap<>())
        .put(start, aggregate);
  }

  private static NavigableMap<Instant, Aggregate> units(
      Map<String, NavigableMap<String, NavigableMap<Instant, Aggregate>>> rollups,
      String building,
      String room) {
    return rollups.getOrDefault(building, new TreeMap<>()).getOrDefault(room, new TreeMap<>());
  }

  /** A span's aggregate: its readings, or the rollups whose hour or day starts in it. */
  private Aggregate aggregateOf(String building, String room, Span span) {
    return switch (span.resolution()) {
      case RAW ->
          aggregateOf(
              roomsOf(building)
                  .getOrDefault(room, new TreeMap<>())
                  .subMap(span.from(), span.to())
                  .values());
      case HOUR -> sum(units(hourly, building, room).subMap(span.from(), span.to()).values());
      case DAY -> sum(units(daily, building, room).subMap(span.from(), span.to()).values());
    };
  }

  private static Aggregate sum(Collection<Aggregate> aggregates) {
    Aggregate total = Aggregate.EMPTY;
    for (Aggregate aggregate : aggregates) {
      total = total.plus(aggregate);
    }
    return total;
  }

  private NavigableMap<String, NavigableMap<Instant, Double>> roomsAfter(
      String building, Optional<RoomId> after) {
    NavigableMap<String, NavigableMap<Instant, Double>> rooms = roomsOf(building);
    return after.isPresent() ? rooms.tailMap(after.get().value(), false) : rooms;
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
