package dev.temperature.adapters.jdbc;

import dev.temperature.adapters.jdbc.RollupSql.Table;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.Resolution;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Span;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The hourly and daily rollups beside the readings: kept right in the transaction of every write,
 * read by spans, rebuilt and expired room by room.
 *
 * <p>On every write the rollups change with the readings, atomically. New readings, the usual case,
 * are added: one row per room and unit, count and sum added, lowest and highest widened. When a
 * write replaced stored readings (a correction, a retry), an hour's lowest or highest may have been
 * replaced too and cannot be narrowed in place, so every hour the write touched is recomputed from
 * its readings, and its day from its hours. Rows are locked in key order, hours before days, as the
 * readings before them, so concurrent writers wait for one another and never deadlock.
 */
final class Rollups {
  /** A room's unit: the key of a rollup row. */
  record Key(String building, String room, Instant start) implements Comparable<Key> {
    private static final Comparator<Key> ORDER =
        Comparator.comparing(Key::building).thenComparing(Key::room).thenComparing(Key::start);

    @Override
    public int compareTo(Key other) {
      return ORDER.compare(this, other);
    }
  }

  private final SqlDialect dialect;
  private final RollupSql sql;

  Rollups(SqlDialect dialect) {
    this.dialect = dialect;
    this.sql = new RollupSql(dialect, dialect.codePointCollation());
  }

  /** Adds readings that were all new, in the transaction that stored them. */
  void add(Handle transaction, List<Reading> readings) {
    Map<Key, Aggregate> hours = new TreeMap<>();
    for (Reading reading : readings) {
      double celsius = reading.temperature().celsius();
      hours.merge(
          key(reading, Resolution.HOUR),
          new Aggregate(1, celsius, celsius, celsius),
          Aggregate::plus);
    }
    Map<Key, Aggregate> days = new TreeMap<>();
    hours.forEach(
        (hour, aggregate) ->
            days.merge(
                new Key(hour.building(), hour.room(), Resolution.DAY.floor(hour.start())),
                aggregate,
                Aggregate::plus));
    add(transaction, Table.HOURLY, hours);
    add(transaction, Table.DAILY, days);
  }

  /**
   * One statement of arrays where the dialect binds them ({@link SqlDialect#units}), else one batch
   * on the JDBC statement itself, as {@link ReadingSql#insertBatch} and for the same reason: this
   * runs with every new reading.
   */
  private void add(Handle transaction, Table table, Map<Key, Aggregate> units) {
    if (sql.addAll[table.ordinal()] != null) {
      addAll(transaction, table, units);
      return;
    }
    try (PreparedStatement statement =
        transaction.getConnection().prepareStatement(sql.add[table.ordinal()])) {
      for (Map.Entry<Key, Aggregate> unit : units.entrySet()) {
        statement.setString(1, unit.getKey().building());
        statement.setString(2, unit.getKey().room());
        dialect.instant(unit.getKey().start()).apply(3, statement, null);
        statement.setLong(4, unit.getValue().count());
        statement.setDouble(5, unit.getValue().sum());
        statement.setDouble(6, unit.getValue().min());
        statement.setDouble(7, unit.getValue().max());
        statement.addBatch();
      }
      statement.executeBatch();
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          "adding to " + table.name + " failed: " + e.getMessage(), e, null);
    }
  }

  /** Every unit in one statement, as seven arrays: a column each. */
  private void addAll(Handle transaction, Table table, Map<Key, Aggregate> units) {
    int size = units.size();
    String[] buildings = new String[size];
    String[] rooms = new String[size];
    Long[] starts = new Long[size];
    Long[] counts = new Long[size];
    Double[] sums = new Double[size];
    Double[] lows = new Double[size];
    Double[] highs = new Double[size];
    int i = 0;
    for (Map.Entry<Key, Aggregate> unit : units.entrySet()) {
      buildings[i] = unit.getKey().building();
      rooms[i] = unit.getKey().room();
      starts[i] = unit.getKey().start().toEpochMilli();
      counts[i] = unit.getValue().count();
      sums[i] = unit.getValue().sum();
      lows[i] = unit.getValue().min();
      highs[i] = unit.getValue().max();
      i++;
    }
    Connection connection = transaction.getConnection();
    try (PreparedStatement statement = connection.prepareStatement(sql.addAll[table.ordinal()])) {
      statement.setArray(1, connection.createArrayOf("text", buildings));
      statement.setArray(2, connection.createArrayOf("text", rooms));
      statement.setArray(3, connection.createArrayOf("bigint", starts));
      statement.setArray(4, connection.createArrayOf("bigint", counts));
      statement.setArray(5, connection.createArrayOf("float8", sums));
      statement.setArray(6, connection.createArrayOf("float8", lows));
      statement.setArray(7, connection.createArrayOf("float8", highs));
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          "adding to " + table.name + " failed: " + e.getMessage(), e, null);
    }
  }

  /** Recomputes every hour and day the readings fall in, in the transaction that stored them. */
  void recompute(Handle transaction, List<Reading> readings) {
    TreeSet<Key> hours = new TreeSet<>();
    for (Reading reading : readings) {
      hours.add(key(reading, Resolution.HOUR));
    }
    TreeSet<Key> days = new TreeSet<>();
    for (Key hour : hours) {
      days.add(new Key(hour.building(), hour.room(), Resolution.DAY.floor(hour.start())));
    }
    recompute(transaction, Table.HOURLY, hours, sql.recomputeHour);
    recompute(transaction, Table.DAILY, days, sql.recomputeDay);
  }

  /** Lock, recompute, and remove what has no reading left: three statements, in key order. */
  private void recompute(Handle transaction, Table table, TreeSet<Key> units, String recompute) {
    if (units.isEmpty()) {
      return;
    }
    each(transaction, sql.lock[table.ordinal()], units, Optional.empty());
    each(transaction, recompute, units, Optional.of(table.unit));
    each(transaction, sql.deleteEmpty[table.ordinal()], units, Optional.empty());
  }

  /** One statement per unit, in one batch; {@code :end} bound to its end when a unit is given. */
  private void each(
      Handle transaction, String statement, TreeSet<Key> units, Optional<Resolution> unit) {
    PreparedBatch batch = transaction.prepareBatch(statement);
    for (Key key : units) {
      bindKey(batch, key);
      unit.ifPresent(length -> batch.bind("end", dialect.instant(key.start().plus(length.unit()))));
      batch.add();
    }
    batch.execute();
  }

  private PreparedBatch bindKey(PreparedBatch batch, Key key) {
    return batch
        .bind("building", key.building())
        .bind("room", key.room())
        .bind("start", dialect.instant(key.start()));
  }

  private static Key key(Reading reading, Resolution unit) {
    return new Key(
        reading.building().value(), reading.room().value(), unit.floor(reading.recordedAt()));
  }

  /** The aggregate of each span, in one statement. */
  List<Aggregate> aggregates(Handle handle, BuildingId building, RoomId room, List<Span> spans) {
    Query query =
        spanQuery(handle, sql.aggregates, sql.aggregatesByEdges, spans)
            .bind("building", building.value())
            .bind("room", room.value());
    Aggregate[] answers = new Aggregate[spans.size()];
    Arrays.fill(answers, Aggregate.EMPTY);
    query
        .map((rows, context) -> Map.entry(rows.getInt("i"), ReadingRows.aggregate(rows)))
        .forEach(answer -> answers[answer.getKey()] = answer.getValue());
    return List.of(answers);
  }

  /**
   * The rows of at most {@code limit} rooms after the id {@code after}, each with its aggregate
   * made of the spans, in one statement; a row whose id is foreign holds no room.
   */
  List<ReadingRows.OverviewRow> overviews(
      Handle handle,
      ReadingRows rows,
      BuildingId building,
      List<Span> spans,
      String after,
      int limit) {
    return spanQuery(handle, sql.overviews, sql.overviewsByEdges, spans)
        .bind("building", building.value())
        .bind("after", after)
        .bind("limit", limit)
        .map((result, context) -> rows.overview(result, building))
        .list();
  }

  /**
   * The statement for the spans with the spans bound: {@code byEdges} for their number of raw spans
   * where it has one, each raw span an edge bound by its own bounds ({@link
   * SqlDialect#bindsEdges}), else {@code ofList}, every span in the dialect's lists.
   */
  private Query spanQuery(Handle handle, String ofList, String[] byEdges, List<Span> spans) {
    Map<Resolution, List<long[]>> byResolution = new TreeMap<>();
    for (Resolution resolution : Resolution.values()) {
      byResolution.put(resolution, new ArrayList<>());
    }
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      byResolution
          .get(span.resolution())
          .add(new long[] {span.from().toEpochMilli(), span.to().toEpochMilli(), i});
    }
    List<long[]> raw = byResolution.get(Resolution.RAW);
    boolean edges = raw.size() < byEdges.length;
    Query query = handle.createQuery(edges ? byEdges[raw.size()] : ofList);
    if (edges) {
      for (int edge = 0; edge < raw.size(); edge++) {
        int index = (int) raw.get(edge)[2];
        query
            .bind("edge" + edge + "From", dialect.instant(spans.get(index).from()))
            .bind("edge" + edge + "To", dialect.instant(spans.get(index).to()))
            .bind("edge" + edge + "Index", index);
      }
    } else if (dialect.bindsEdges()) {
      bindRawBounds(query, raw);
    } else {
      dialect.bindSpans(query, "raw", raw);
    }
    dialect.bindSpans(query, "hourly", byResolution.get(Resolution.HOUR));
    dialect.bindSpans(query, "daily", byResolution.get(Resolution.DAY));
    return query;
  }

  /**
   * The raw spans as one range and their sorted bounds, for the statements that read them in one
   * scan (see {@link RollupSql}): {@code :rawBounds} from, to, from, to... in the order of their
   * starts, {@code :rawIndex} their indexes in that order, {@code :rawFirst} and {@code :rawLast}
   * the range. Spans of one plan never overlap.
   */
  private void bindRawBounds(Query query, List<long[]> raw) {
    List<long[]> sorted = new ArrayList<>(raw);
    sorted.sort(Comparator.comparingLong(span -> span[0]));
    Long[] bounds = new Long[2 * sorted.size()];
    Integer[] index = new Integer[sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      bounds[2 * i] = sorted.get(i)[0];
      bounds[2 * i + 1] = sorted.get(i)[1];
      index[i] = (int) sorted.get(i)[2];
    }
    query
        .bindArray("rawBounds", Long.class, (Object[]) bounds)
        .bindArray("rawIndex", Integer.class, (Object[]) index)
        .bind("rawFirst", dialect.instant(Instant.ofEpochMilli(bounds[0])))
        .bind("rawLast", dialect.instant(Instant.ofEpochMilli(bounds[bounds.length - 1])));
  }

  /**
   * Replaces a room's hourly rollups of {@code [from, to)} by what its readings say, and the daily
   * ones of the days those hours are in by what their hours say, in the transaction given.
   *
   * @return how many hourly rollups the hours hold now
   */
  int rebuild(Handle transaction, String building, String room, Instant from, Instant to) {
    transaction
        .createUpdate(sql.deleteRange[Table.HOURLY.ordinal()])
        .bind("building", building)
        .bind("room", room)
        .bind("from", dialect.instant(from))
        .bind("to", dialect.instant(to))
        .execute();
    int hours =
        transaction
            .createUpdate(sql.rebuildHours)
            .bind("building", building)
            .bind("room", room)
            .bind("from", dialect.instant(from))
            .bind("to", dialect.instant(to))
            .execute();
    Instant firstDay = Resolution.DAY.floor(from);
    Instant lastDay = Resolution.DAY.ceil(to);
    transaction
        .createUpdate(sql.deleteRange[Table.DAILY.ordinal()])
        .bind("building", building)
        .bind("room", room)
        .bind("from", dialect.instant(firstDay))
        .bind("to", dialect.instant(lastDay))
        .execute();
    transaction
        .createUpdate(sql.rebuildDays)
        .bind("building", building)
        .bind("room", room)
        .bind("from", dialect.instant(firstDay))
        .bind("to", dialect.instant(lastDay))
        .execute();
    return hours;
  }

  /** Removes a room's rollups that start before {@code before}. */
  void expire(Handle handle, String building, String room, Instant before) {
    for (Table table : Table.values()) {
      handle
          .createUpdate(sql.expire[table.ordinal()])
          .bind("building", building)
          .bind("room", room)
          .bind("before", dialect.instant(before))
          .execute();
    }
  }
}
