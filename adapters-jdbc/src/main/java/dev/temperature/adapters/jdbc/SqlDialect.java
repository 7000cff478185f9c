package dev.temperature.adapters.jdbc;

import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.Resolution;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * What differs between SQL engines for the reading store: how a moment is stored and read back, how
 * readings are put into buckets, how a list of spans travels in one statement, and what a batch
 * must look like before it is sent. Everything else, the upsert, the window queries, the rollups
 * and the listings, is the same SQL everywhere.
 */
public interface SqlDialect {
  /** The value bound for {@code recorded_at} and the window's ends. */
  Argument instant(Instant instant);

  /** A moment read back from {@code column}, as {@link #instant(Instant)} stored it. */
  Instant instant(ResultSet rows, String column) throws SQLException;

  /**
   * One row per non-empty bucket, ascending, with the columns {@code bucket_start, n, total,
   * lowest, highest}; takes {@code :building, :room, :from, :to} and {@code :width}, which is bound
   * to {@link #bucketWidth(Interval)}. Buckets start at whole multiples of the width since 1970.
   */
  String bucketsQuery();

  /** The value bound as {@code :width} in {@link #bucketsQuery()}. */
  Object bucketWidth(Interval interval);

  /**
   * The name of the collation in which text compares by code point ({@code BINARY}, {@code "C"}),
   * as written after {@code COLLATE}: the order in which every store lists rooms.
   */
  String codePointCollation();

  /**
   * SQL for the start of the UTC hour or day that holds the moment in the SQL expression {@code
   * moment}, of the same type as {@code recorded_at}; also before 1970 (floor, not truncation).
   */
  String floor(Resolution unit, String moment);

  /** SQL for the moment {@code millis} milliseconds after the epoch, of the type of recorded_at. */
  String fromMillis(String millis);

  /**
   * A table of spans, for a FROM clause, under the alias {@code alias} with the columns {@code f}
   * and {@code t} (epoch milliseconds) and {@code i} (the span's index), read from the parameter
   * {@code name} that {@link #bindSpans} binds.
   */
  String spans(String name, String alias);

  /**
   * SQL after {@code FROM <spans>} that pairs each span with the rows of {@code table} (under
   * {@code alias}) meeting {@code conditions}, which name the span's columns: it must make each
   * span one range search of the table's key, whatever the statistics say. By default a {@code
   * CROSS JOIN}, whose left side SQLite keeps outside; a plain JOIN let SQLite 3.54 walk every
   * reading of a room and unpack the spans per reading.
   */
  default String joinEachSpan(String table, String alias, String conditions) {
    return "CROSS JOIN %s %s WHERE %s".formatted(table, alias, conditions);
  }

  /**
   * Whether the raw spans of a window, its edges (at most two: before its first whole hour and
   * after its last), are best read each by its own bounds bound as values of {@code recorded_at},
   * rather than from the list of {@link #spans}: where the engine leaves out partitions of the
   * readings by bounds it knows before it runs the statement (TimescaleDB's chunks). By default
   * not: SQLite reads each span of the list by one range search of the key as it is.
   */
  default boolean bindsEdges() {
    return false;
  }

  /**
   * Binds {@code [from, to)} in epoch milliseconds and an index per span to the parameter of {@link
   * #spans}: {@code spans} holds triples {from, to, index}.
   */
  void bindSpans(SqlStatement<?> statement, String name, List<long[]> spans);

  /**
   * Rollup units bound as one table, for the FROM clause of the upsert that adds a write's readings
   * to their rollups: SQL with seven positional array parameters (building, room, the unit's start
   * in epoch milliseconds, count, sum, lowest, highest; SQL types text, bigint and float8) under
   * the alias {@code alias} with the columns {@code building_id, room_id, start_ms, n, total,
   * lowest, highest}. Empty where the engine binds no arrays: each unit then takes an upsert of its
   * own, in one batch.
   */
  default Optional<String> units(String alias) {
    return Optional.empty();
  }

  /** The functions that pick the lower and the higher of two values: min/max, least/greatest. */
  String least();

  String greatest();

  /** Whether the failure says that a row with the same key is already stored. */
  boolean keyTaken(Throwable failure);

  /**
   * Stores readings that are all new (no two with one key, none with a stored key), on a handle
   * whose transaction is open. The engine's fastest path (COPY on PostgreSQL); by default a batch
   * of plain INSERTs.
   *
   * @return false when a reading's key was taken after all; the caller then rolls back
   */
  default boolean insertNew(Handle transaction, List<Reading> readings) {
    try {
      ReadingSql.insertBatch(transaction, readings, this);
      return true;
    } catch (RuntimeException e) {
      if (keyTaken(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Locks both rollup tables against writes for the rest of the transaction, where concurrent
   * transactions could otherwise add to a rollup between a rebuild's reading and writing it; by
   * default nothing (SQLite has one writer at a time).
   */
  default void lockRollups(Handle transaction) {}

  /**
   * Removes the readings recorded before {@code before} with the engine's own means, if it has any
   * (TimescaleDB's drop_chunks), on a handle whose transaction is open; the store then deletes what
   * is left before it row by row.
   *
   * @return whether the engine did its part
   */
  default boolean dropReadingsBefore(Handle transaction, Instant before) {
    return false;
  }

  /**
   * The readings of one append, in the form the engine takes in one statement. Where a statement
   * may not touch a row twice, the later of two readings with the same key must be all that is
   * left, as the port's last-write-wins promises.
   */
  default List<Reading> batch(List<Reading> readings) {
    return readings;
  }
}
