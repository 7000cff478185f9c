import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw SQLite engine for scripts/bench: the adapter's statements (SqliteReadingStore) on the
 * same driver, with the same pragmas (WAL, synchronous=FULL), with nothing of the service around
 * them. Run on the service's jar, which carries sqlite-jdbc. Prints one JSON object.
 *
 * <pre>
 * load   DB ROOMS PER_BUILDING FIRST_BUILDING PER_ROOM END_MS   a reading a minute up to END_MS
 * single DB SECONDS BUILDING ROOMS BASE_MS                       one-row commits, one thread
 * bulk   DB ROWS BATCH BUILDING ROOMS BASE_MS                    BATCH-row transactions, one thread
 * query  DB aggregate|buckets|rollup-aggregate|rollup-buckets THREADS SECONDS ROOMS PER_BUILDING
 *        FIRST_BUILDING WINDOW_MS [WIDTH_MS]
 * </pre>
 *
 * <p>The rollup kinds answer the same window from the rollup tables where whole hours and UTC days
 * allow, and from the readings at its edges: what a DBA would write by hand beside the service's
 * own statement, so that the service's long windows are compared with the engine doing the same.
 */
public final class SqliteRaw {
  private static final String UPSERT =
      """
      INSERT INTO readings (building_id, room_id, recorded_at, temperature) VALUES (?, ?, ?, ?)
      ON CONFLICT (building_id, room_id, recorded_at) DO UPDATE SET temperature = excluded.temperature
      """;

  private static final String AGGREGATE =
      """
      SELECT count(*) AS n, total(temperature) AS total, min(temperature) AS lowest,
             max(temperature) AS highest
      FROM readings
      WHERE building_id = ? AND room_id = ? AND recorded_at BETWEEN ? AND ?
      """;

  private static final String BUCKETS =
      """
      SELECT recorded_at - ((recorded_at % ?) + ?) % ? AS bucket_start,
             count(*) AS n, total(temperature) AS total, min(temperature) AS lowest,
             max(temperature) AS highest
      FROM readings
      WHERE building_id = ? AND room_id = ? AND recorded_at BETWEEN ? AND ?
      GROUP BY bucket_start
      ORDER BY bucket_start
      """;

  // The window [from, to]: readings at the edges, hourly rollups around whole days, daily ones.
  private static final String ROLLUP_AGGREGATE =
      """
      SELECT sum(n) AS n, total(total) AS total, min(lowest) AS lowest, max(highest) AS highest
      FROM (
        SELECT count(*) AS n, total(temperature) AS total, min(temperature) AS lowest,
               max(temperature) AS highest
        FROM readings WHERE building_id = ?1 AND room_id = ?2
          AND ((recorded_at >= ?3 AND recorded_at < ?4) OR (recorded_at >= ?9 AND recorded_at <= ?10))
        UNION ALL
        SELECT sum(n), total(total), min(lowest), max(highest)
        FROM rollups_hourly WHERE building_id = ?1 AND room_id = ?2
          AND ((hour_start >= ?4 AND hour_start < ?5) OR (hour_start >= ?7 AND hour_start < ?8))
        UNION ALL
        SELECT sum(n), total(total), min(lowest), max(highest)
        FROM rollups_daily WHERE building_id = ?1 AND room_id = ?2
          AND day_start >= ?5 AND day_start < ?6
      )
      """;

  // Hourly buckets of [from, to]: whole hours from their rollups, the edges from the readings.
  private static final String ROLLUP_BUCKETS =
      """
      SELECT hour_start AS bucket_start, n, total, lowest, highest
      FROM rollups_hourly WHERE building_id = ?1 AND room_id = ?2
        AND hour_start >= ?4 AND hour_start < ?8
      UNION ALL
      SELECT recorded_at - recorded_at % 3600000, count(*), total(temperature), min(temperature),
             max(temperature)
      FROM readings WHERE building_id = ?1 AND room_id = ?2
        AND ((recorded_at >= ?3 AND recorded_at < ?4) OR (recorded_at >= ?9 AND recorded_at <= ?10))
      GROUP BY 1
      """;

  private static final long HOUR = 3_600_000;
  private static final long DAY = 86_400_000;

  /**
   * Binds ?3..?10 of the rollup statements for [from, to]: from, the first whole hour, the first
   * whole day, the end of the whole days (twice: the hours after the days start there), the end of
   * the whole hours (twice: the readings after them start there), and to.
   */
  private static void bindPlan(PreparedStatement query, long from, long to) throws SQLException {
    long firstHour = Math.floorDiv(from + HOUR - 1, HOUR) * HOUR;
    long lastHour = Math.floorDiv(to + 1, HOUR) * HOUR;
    if (firstHour >= lastHour) {
      firstHour = to + 1;
      lastHour = to + 1;
    }
    long firstDay = Math.min(lastHour, Math.floorDiv(firstHour + DAY - 1, DAY) * DAY);
    long lastDay = Math.max(firstDay, Math.floorDiv(lastHour, DAY) * DAY);
    long[] values = {from, firstHour, firstDay, lastDay, lastDay, lastHour, lastHour, to};
    for (int i = 0; i < values.length; i++) {
      query.setLong(3 + i, values[i]);
    }
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "load" -> load(args);
      case "single" -> single(args);
      case "bulk" -> bulk(args);
      case "query" -> query(args);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  /** The service's connection properties (SqliteStorageFactory.connectionProperties). */
  static Connection open(String file) throws SQLException {
    Properties pragmas = new Properties();
    pragmas.setProperty("journal_mode", "WAL");
    pragmas.setProperty("synchronous", "FULL");
    pragmas.setProperty("busy_timeout", "5000");
    return DriverManager.getConnection("jdbc:sqlite:" + file, pragmas);
  }

  static void load(String[] args) throws SQLException {
    int rooms = Integer.parseInt(args[2]);
    int perBuilding = Integer.parseInt(args[3]);
    int firstBuilding = Integer.parseInt(args[4]);
    int perRoom = Integer.parseInt(args[5]);
    long endMs = Long.parseLong(args[6]);
    long started = System.nanoTime();
    try (Connection db = open(args[1]);
        PreparedStatement upsert = db.prepareStatement(UPSERT)) {
      db.setAutoCommit(false);
      long rows = 0;
      for (int k = 0; k < rooms; k++) {
        for (int i = perRoom - 1; i >= 0; i--) {
          upsert.setString(1, Integer.toString(firstBuilding + k / perBuilding));
          upsert.setString(2, Integer.toString(1 + k % perBuilding));
          upsert.setLong(3, endMs - i * 60_000L);
          upsert.setDouble(4, 15 + (i % 200) / 10.0);
          upsert.addBatch();
          if (++rows % 5_000 == 0) {
            upsert.executeBatch();
            db.commit();
          }
        }
      }
      upsert.executeBatch();
      db.commit();
      print(rows, rows, started, null);
    }
  }

  static void single(String[] args) throws SQLException {
    String building = args[3];
    int rooms = Integer.parseInt(args[4]);
    long baseMs = Long.parseLong(args[5]);
    try (Connection db = open(args[1]);
        PreparedStatement upsert = db.prepareStatement(UPSERT)) {
      long started = System.nanoTime();
      long deadline = started + Long.parseLong(args[2]) * 1_000_000_000L;
      long key = 0;
      for (; System.nanoTime() < deadline; key++) {
        bindReading(upsert, building, rooms, baseMs, key);
        upsert.executeUpdate(); // autocommit: one transaction, one fsync'd commit per row
      }
      print(key, key, started, null);
    }
  }

  static void bulk(String[] args) throws SQLException {
    long rows = Long.parseLong(args[2]);
    int batch = Integer.parseInt(args[3]);
    String building = args[4];
    int rooms = Integer.parseInt(args[5]);
    long baseMs = Long.parseLong(args[6]);
    try (Connection db = open(args[1]);
        PreparedStatement upsert = db.prepareStatement(UPSERT)) {
      db.setAutoCommit(false);
      long started = System.nanoTime();
      long transactions = 0;
      for (long key = 0; key < rows; key++) {
        bindReading(upsert, building, rooms, baseMs, key);
        upsert.addBatch();
        if ((key + 1) % batch == 0 || key + 1 == rows) {
          upsert.executeBatch();
          db.commit();
          transactions++;
        }
      }
      print(transactions, rows, started, null);
    }
  }

  private static void bindReading(
      PreparedStatement upsert, String building, int rooms, long baseMs, long key)
      throws SQLException {
    upsert.setString(1, building);
    upsert.setString(2, Long.toString(1 + key % rooms));
    upsert.setLong(3, baseMs + key);
    upsert.setDouble(4, 15 + (key % 200) / 10.0);
  }

  static void query(String[] args) throws Exception {
    String kind = args[2];
    boolean buckets = kind.endsWith("buckets");
    boolean rollups = kind.startsWith("rollup");
    int threads = Integer.parseInt(args[3]);
    long seconds = Long.parseLong(args[4]);
    int rooms = Integer.parseInt(args[5]);
    int perBuilding = Integer.parseInt(args[6]);
    int firstBuilding = Integer.parseInt(args[7]);
    long windowMs = Long.parseLong(args[8]);
    long widthMs = buckets ? Long.parseLong(args[9]) : 0;
    List<Thread> workers = new ArrayList<>();
    List<long[]> latencies = new ArrayList<>();
    // Every thread opens its connection first; the clock starts when all are ready.
    CyclicBarrier ready = new CyclicBarrier(threads + 1);
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      int slot = t;
      latencies.add(new long[0]);
      Thread worker =
          new Thread(
              () -> {
                long[] took = new long[1 << 16];
                int n = 0;
                try (Connection db = open(args[1]);
                    PreparedStatement query =
                        db.prepareStatement(
                            rollups
                                ? (buckets ? ROLLUP_BUCKETS : ROLLUP_AGGREGATE)
                                : (buckets ? BUCKETS : AGGREGATE))) {
                  int p = 1;
                  if (buckets && !rollups) {
                    query.setLong(p++, widthMs);
                    query.setLong(p++, widthMs);
                    query.setLong(p++, widthMs);
                  }
                  ready.await();
                  ready.await();
                  while (System.nanoTime() < deadline[0]) {
                    int k = ThreadLocalRandom.current().nextInt(rooms);
                    long to = System.currentTimeMillis();
                    long before = System.nanoTime();
                    query.setString(p, Integer.toString(firstBuilding + k / perBuilding));
                    query.setString(p + 1, Integer.toString(1 + k % perBuilding));
                    if (rollups) {
                      bindPlan(query, to - windowMs, to);
                    } else {
                      query.setLong(p + 2, to - windowMs);
                      query.setLong(p + 3, to);
                    }
                    try (ResultSet rows = query.executeQuery()) {
                      while (rows.next()) {
                        rows.getLong("n");
                        rows.getDouble("total");
                      }
                    }
                    if (n == took.length) {
                      took = Arrays.copyOf(took, n * 2);
                    }
                    took[n++] = (System.nanoTime() - before) / 1_000;
                  }
                } catch (SQLException | InterruptedException | BrokenBarrierException e) {
                  throw new IllegalStateException(e);
                }
                latencies.set(slot, Arrays.copyOf(took, n));
              });
      workers.add(worker);
      worker.start();
    }
    ready.await();
    long started = System.nanoTime();
    deadline[0] = started + seconds * 1_000_000_000L;
    ready.await(); // the second barrier publishes the deadline to every thread
    for (Thread worker : workers) {
      worker.join();
    }
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    print(all.length, all.length, started, all);
  }

  /** {"operations", "rows", "seconds", and for queries "latency_us" percentiles}. */
  private static void print(long operations, long rows, long startedNanos, long[] sortedMicros) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    StringBuilder json =
        new StringBuilder()
            .append("{\"operations\": ")
            .append(operations)
            .append(", \"rows\": ")
            .append(rows)
            .append(", \"seconds\": ")
            .append(seconds);
    if (sortedMicros != null && sortedMicros.length > 0) {
      json.append(", \"latency_us\": {\"mean\": ")
          .append(Arrays.stream(sortedMicros).average().orElse(0))
          .append(", \"p50\": ")
          .append(percentile(sortedMicros, 50))
          .append(", \"p90\": ")
          .append(percentile(sortedMicros, 90))
          .append(", \"p99\": ")
          .append(percentile(sortedMicros, 99))
          .append(", \"max\": ")
          .append(sortedMicros[sortedMicros.length - 1])
          .append('}');
    }
    System.out.println(json.append('}'));
  }

  private static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
