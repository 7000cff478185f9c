package dev.temperature.adapters.jdbc;

import dev.temperature.domain.Resolution;

/**
 * The statements on the rollup tables, {@code rollups_hourly} and {@code rollups_daily}: one row
 * per room and UTC hour or day with the count, sum, lowest and highest temperature of its readings.
 * What differs between engines (the floor of a moment to its hour, how spans are bound, least or
 * min) comes from the {@link SqlDialect}.
 */
final class RollupSql {
  /** A rollup table: its name and the column of its unit's start. */
  enum Table {
    HOURLY("rollups_hourly", "hour_start", Resolution.HOUR),
    DAILY("rollups_daily", "day_start", Resolution.DAY);

    final String name;
    final String start;
    final Resolution unit;

    Table(String name, String start, Resolution unit) {
      this.name = name;
      this.start = start;
      this.unit = unit;
    }
  }

  final String[] add = new String[Table.values().length];

  /** The same for every unit of a write in one statement, where the dialect binds arrays. */
  final String[] addAll = new String[Table.values().length];

  final String[] lock = new String[Table.values().length];
  final String[] deleteEmpty = new String[Table.values().length];
  final String[] deleteRange = new String[Table.values().length];
  final String[] expire = new String[Table.values().length];
  final String recomputeHour;
  final String recomputeDay;
  final String rebuildHours;
  final String rebuildDays;
  final String aggregates;

  /**
   * The same for spans with at most {@link #EDGES} raw ones, indexed by their number, each raw span
   * an edge with its bounds bound as values ({@link SqlDialect#bindsEdges}); empty where the
   * dialect keeps every span in its list.
   */
  final String[] aggregatesByEdges;

  final String overviews;

  /** The same for spans with at most {@link #EDGES} raw ones, as {@link #aggregatesByEdges}. */
  final String[] overviewsByEdges;

  /** The raw spans of a window: before its first whole hour and after its last. */
  static final int EDGES = 2;

  RollupSql(SqlDialect dialect, String codePointCollation) {
    for (Table table : Table.values()) {
      add[table.ordinal()] = add(table, dialect);
      addAll[table.ordinal()] = addAll(table, dialect);
      lock[table.ordinal()] = lock(table);
      deleteEmpty[table.ordinal()] =
          "DELETE FROM %1$s WHERE building_id = :building AND room_id = :room AND %2$s = :start AND n = 0"
              .formatted(table.name, table.start);
      deleteRange[table.ordinal()] =
          "DELETE FROM %1$s WHERE building_id = :building AND room_id = :room AND %2$s >= :from AND %2$s < :to"
              .formatted(table.name, table.start);
      expire[table.ordinal()] =
          "DELETE FROM %1$s WHERE building_id = :building AND room_id = :room AND %2$s < :before"
              .formatted(table.name, table.start);
    }
    recomputeHour =
        """
        UPDATE rollups_hourly SET (n, total, lowest, highest) = (
          SELECT count(*), coalesce(sum(temperature), 0), coalesce(min(temperature), 0),
                 coalesce(max(temperature), 0)
          FROM readings
          WHERE building_id = :building AND room_id = :room
            AND recorded_at >= :start AND recorded_at < :end)
        WHERE building_id = :building AND room_id = :room AND hour_start = :start
        """;
    // Rows with n = 0 are locks taken for a recomputation, not hours with readings.
    recomputeDay =
        """
        UPDATE rollups_daily SET (n, total, lowest, highest) = (
          SELECT coalesce(sum(n), 0), coalesce(sum(total), 0), coalesce(min(lowest), 0),
                 coalesce(max(highest), 0)
          FROM rollups_hourly
          WHERE building_id = :building AND room_id = :room
            AND hour_start >= :start AND hour_start < :end AND n > 0)
        WHERE building_id = :building AND room_id = :room AND day_start = :start
        """;
    rebuildHours =
        """
        INSERT INTO rollups_hourly (building_id, room_id, hour_start, n, total, lowest, highest)
        SELECT building_id, room_id, %s, count(*), sum(temperature), min(temperature),
               max(temperature)
        FROM readings
        WHERE building_id = :building AND room_id = :room
          AND recorded_at >= :from AND recorded_at < :to
        GROUP BY building_id, room_id, 3
        """
            .formatted(dialect.floor(Resolution.HOUR, "recorded_at"));
    rebuildDays =
        """
        INSERT INTO rollups_daily (building_id, room_id, day_start, n, total, lowest, highest)
        SELECT building_id, room_id, %s, sum(n), sum(total), min(lowest), max(highest)
        FROM rollups_hourly
        WHERE building_id = :building AND room_id = :room
          AND hour_start >= :from AND hour_start < :to AND n > 0
        GROUP BY building_id, room_id, 3
        """
            .formatted(dialect.floor(Resolution.DAY, "hour_start"));
    aggregates = aggregates(dialect);
    aggregatesByEdges = new String[dialect.bindsEdges() ? EDGES + 1 : 0];
    for (int edges = 0; edges < aggregatesByEdges.length; edges++) {
      aggregatesByEdges[edges] = aggregatesAtEdges(dialect, edges);
    }
    overviews = overviews(dialect, codePointCollation, rawPartsOfList(dialect));
    overviewsByEdges = new String[aggregatesByEdges.length];
    for (int edges = 0; edges < overviewsByEdges.length; edges++) {
      overviewsByEdges[edges] =
          overviews(dialect, codePointCollation, rawPartsAtEdges(dialect, edges));
    }
  }

  /**
   * Adds the aggregate of a write's new readings to the rollup of their room and unit. Positional
   * parameters, in the order of the columns: it runs on the JDBC statement itself.
   */
  private static String add(Table table, SqlDialect dialect) {
    return """
        INSERT INTO %1$s (building_id, room_id, %2$s, n, total, lowest, highest)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """
            .formatted(table.name, table.start)
        + addToStored(table, dialect);
  }

  /**
   * The same from the dialect's table of units, or null where it has none. The units' order is the
   * arrays' (key order), so rows are still locked in key order.
   */
  private static String addAll(Table table, SqlDialect dialect) {
    return dialect
        .units("u")
        .map(
            units ->
                """
                INSERT INTO %1$s (building_id, room_id, %2$s, n, total, lowest, highest)
                SELECT u.building_id, u.room_id, %3$s, u.n, u.total, u.lowest, u.highest
                FROM %4$s
                """
                        .formatted(table.name, table.start, dialect.fromMillis("u.start_ms"), units)
                    + addToStored(table, dialect))
        .orElse(null);
  }

  private static String addToStored(Table table, SqlDialect dialect) {
    return """
        ON CONFLICT (building_id, room_id, %2$s) DO UPDATE SET
          n = %1$s.n + excluded.n, total = %1$s.total + excluded.total,
          lowest = %3$s(%1$s.lowest, excluded.lowest),
          highest = %4$s(%1$s.highest, excluded.highest)
        """
        .formatted(table.name, table.start, dialect.least(), dialect.greatest());
  }

  /**
   * Takes the row lock of a unit that is about to be recomputed, making the row (n = 0) if there is
   * none. On PostgreSQL the recomputation then runs as a statement of its own, whose snapshot sees
   * every write that held the lock before: a write that added to the row and committed is in the
   * readings it reads, and one still to add waits for this transaction and adds to its result.
   */
  private static String lock(Table table) {
    return """
        INSERT INTO %1$s (building_id, room_id, %2$s, n, total, lowest, highest)
        VALUES (:building, :room, :start, 0, 0, 0, 0)
        ON CONFLICT (building_id, room_id, %2$s) DO UPDATE SET n = %1$s.n
        """
        .formatted(table.name, table.start);
  }

  /**
   * One row {@code i, n, total, lowest, highest} per span with readings: the raw spans from the
   * readings, the hourly and daily ones from their rollups, each list bound by the dialect.
   *
   * <p>{@code CROSS JOIN}, conditions in {@code WHERE}: SQLite keeps the left table of a CROSS JOIN
   * outside, so each span is one range search on the key. With a plain JOIN, SQLite 3.54 walked
   * every reading of the room and unpacked the spans per reading: 1 s instead of 0.5 ms for a year
   * of a reading a minute. PostgreSQL plans both the same.
   */
  private static String aggregates(SqlDialect dialect) {
    if (dialect.bindsEdges()) {
      return """
          SELECT (CAST(:rawIndex AS integer[]))[(b.k + 1) / 2] AS i, count(*) AS n,
                 coalesce(sum(b.temperature), 0) AS total, min(b.temperature) AS lowest,
                 max(b.temperature) AS highest
          FROM (
            SELECT %1$s AS k, r.temperature
            FROM readings r
            WHERE r.building_id = :building AND r.room_id = :room
              AND r.recorded_at >= :rawFirst AND r.recorded_at < :rawLast
          ) b
          WHERE b.k %% 2 = 1
          GROUP BY b.k
          UNION ALL
          """
              .formatted(rawSpanOf(dialect, "r.recorded_at"))
          + rollupAggregates(dialect);
    }
    return """
        SELECT s.i AS i, count(*) AS n, coalesce(sum(r.temperature), 0) AS total,
               min(r.temperature) AS lowest, max(r.temperature) AS highest
        FROM %1$s
        %2$s
        GROUP BY s.i
        UNION ALL
        """
            .formatted(
                dialect.spans("raw", "s"),
                eachSpan(dialect, "readings", "r", "recorded_at", ":room"))
        + rollupAggregates(dialect);
  }

  /**
   * Where the dialect binds edges (TimescaleDB), more raw spans than {@link #EDGES} are read in one
   * range scan of {@code [:rawFirst, :rawLast)}, each reading placed in its span by a binary search
   * of the spans' sorted bounds {@code :rawBounds} (from, to, from, to... in epoch milliseconds):
   * SQL for that bucket of the moment {@code moment}, odd inside the span {@code (k + 1) / 2}
   * (1-based, in the order of {@code :rawIndex}), even between spans. A list of spans read one by
   * one made TimescaleDB exclude every chunk of the hypertable again for each span at run time,
   * about 32 µs a chunk: a daily series in Asia/Kolkata, two raw spans a day, took 1.2 s for 59
   * days on 163 chunks.
   */
  private static String rawSpanOf(SqlDialect dialect, String moment) {
    return ("width_bucket(%1$s, (SELECT array_agg(%2$s ORDER BY u.o)"
            + " FROM unnest(CAST(:rawBounds AS bigint[])) WITH ORDINALITY AS u(x, o)))")
        .formatted(moment, dialect.fromMillis("u.x"));
  }

  /**
   * {@link #aggregates} with {@code edges} raw spans, each read by its own bounds {@code
   * :edge<k>From} and {@code :edge<k>To} (values of {@code recorded_at}) under the index {@code
   * :edge<k>Index}: a plain range of the key that the engine can compare with its partitions before
   * running the statement. TimescaleDB then opens the one chunk an edge lies in, where the bounds
   * from a list left it to plan and start every chunk of the hypertable and exclude them per span
   * at run time.
   */
  private static String aggregatesAtEdges(SqlDialect dialect, int edges) {
    StringBuilder statement = new StringBuilder();
    for (int edge = 0; edge < edges; edge++) {
      statement.append(
          """
          SELECT CAST(:edge%1$dIndex AS integer) AS i, count(*) AS n,
                 coalesce(sum(r.temperature), 0) AS total, min(r.temperature) AS lowest,
                 max(r.temperature) AS highest
          FROM readings r
          WHERE r.building_id = :building AND r.room_id = :room
            AND r.recorded_at >= :edge%1$dFrom AND r.recorded_at < :edge%1$dTo
          HAVING count(*) > 0
          UNION ALL
          """
              .formatted(edge));
    }
    return statement.append(rollupAggregates(dialect)).toString();
  }

  /** The hourly and daily spans of {@link #aggregates}, one row per span with rollups. */
  private static String rollupAggregates(SqlDialect dialect) {
    return """
        SELECT s.i AS i, sum(u.n) AS n, sum(u.total) AS total, min(u.lowest) AS lowest,
               max(u.highest) AS highest
        FROM %1$s
        %3$s
        GROUP BY s.i
        UNION ALL
        SELECT s.i, sum(u.n), sum(u.total), min(u.lowest), max(u.highest)
        FROM %2$s
        %4$s
        GROUP BY s.i
        """
        .formatted(
            dialect.spans("hourly", "s"),
            dialect.spans("daily", "s"),
            eachSpan(dialect, "rollups_hourly", "u", "hour_start", ":room"),
            eachSpan(dialect, "rollups_daily", "u", "day_start", ":room"));
  }

  /** The rows of a room's table in each span s, by a range of the key (see the dialect). */
  private static String eachSpan(
      SqlDialect dialect, String table, String alias, String start, String room) {
    return dialect.joinEachSpan(
        table,
        alias,
        ("%1$s.building_id = :building AND %1$s.room_id = %2$s"
                + " AND %1$s.%3$s >= %4$s AND %1$s.%3$s < %5$s")
            .formatted(alias, room, start, dialect.fromMillis("s.f"), dialect.fromMillis("s.t")));
  }

  /**
   * A page of a building's overview (as {@link ReadingSql#overview}) with each room's aggregate
   * made of the spans: raw ones from its readings, hourly and daily ones from its rollups. The
   * page's rooms outside, then the spans, then one key range search each ({@code CROSS JOIN}, see
   * {@link #aggregates}).
   *
   * @param rawParts the rows {@code room_id, n, total, lowest, highest} of the raw spans, each
   *     branch followed by {@code UNION ALL}
   */
  private static String overviews(SqlDialect dialect, String collation, String rawParts) {
    return ReadingSql.roomWalk()
        + """
        , page(id) AS (
          SELECT id FROM room
          WHERE id IS NOT NULL AND id COLLATE %1$s > :after
          ORDER BY id COLLATE %1$s
          LIMIT :limit
        ),
        parts(room_id, n, total, lowest, highest) AS (
          %2$s
          SELECT page.id, sum(u.n), sum(u.total), min(u.lowest), max(u.highest)
          FROM page CROSS JOIN %3$s
          %5$s
          GROUP BY page.id
          UNION ALL
          SELECT page.id, sum(u.n), sum(u.total), min(u.lowest), max(u.highest)
          FROM page CROSS JOIN %4$s
          %6$s
          GROUP BY page.id
        )
        SELECT page.id AS room_id,
               (SELECT recorded_at FROM readings WHERE building_id = :building AND room_id = page.id
                ORDER BY recorded_at DESC LIMIT 1) AS latest_at,
               (SELECT temperature FROM readings WHERE building_id = :building AND room_id = page.id
                ORDER BY recorded_at DESC LIMIT 1) AS latest_temperature,
               coalesce(sum(parts.n), 0) AS n, coalesce(sum(parts.total), 0) AS total,
               min(parts.lowest) AS lowest, max(parts.highest) AS highest
        FROM page
        LEFT JOIN parts ON parts.room_id = page.id
        GROUP BY page.id
        ORDER BY page.id COLLATE %1$s
        """
            .formatted(
                collation,
                rawParts,
                dialect.spans("hourly", "s"),
                dialect.spans("daily", "s"),
                eachSpan(dialect, "rollups_hourly", "u", "hour_start", "page.id"),
                eachSpan(dialect, "rollups_daily", "u", "day_start", "page.id"));
  }

  /**
   * The raw spans of {@link #overviews} from the dialect's list, or in one scan (as aggregates).
   */
  private static String rawPartsOfList(SqlDialect dialect) {
    if (dialect.bindsEdges()) {
      return pageReadings(
          dialect,
          "r.recorded_at >= :rawFirst AND r.recorded_at < :rawLast AND %s %% 2 = 1"
              .formatted(rawSpanOf(dialect, "r.recorded_at")));
    }
    return """
        SELECT page.id, count(*), coalesce(sum(r.temperature), 0), min(r.temperature),
               max(r.temperature)
        FROM page CROSS JOIN %1$s
        %2$s
        GROUP BY page.id
        UNION ALL
        """
        .formatted(
            dialect.spans("raw", "s"),
            eachSpan(dialect, "readings", "r", "recorded_at", "page.id"));
  }

  /**
   * The raw spans of {@link #overviews} as edges bound by value (see {@link #aggregatesAtEdges}).
   */
  private static String rawPartsAtEdges(SqlDialect dialect, int edges) {
    StringBuilder parts = new StringBuilder();
    for (int edge = 0; edge < edges; edge++) {
      parts.append(
          pageReadings(
              dialect,
              "r.recorded_at >= :edge%1$dFrom AND r.recorded_at < :edge%1$dTo".formatted(edge)));
    }
    return parts.toString();
  }

  /** The aggregate of each page room's readings that meet {@code moments}, and UNION ALL. */
  private static String pageReadings(SqlDialect dialect, String moments) {
    return """
        SELECT page.id, count(*), coalesce(sum(r.temperature), 0), min(r.temperature),
               max(r.temperature)
        FROM page
        %1$s
        GROUP BY page.id
        UNION ALL
        """
        .formatted(
            dialect.joinEachSpan(
                "readings",
                "r",
                "r.building_id = :building AND r.room_id = page.id AND " + moments));
  }
}
