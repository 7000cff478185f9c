package dev.temperature.adapters.jdbc;

import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

/**
 * What differs between SQL engines for the reading store: how a moment is stored and read back, how
 * readings are put into buckets, and what a batch must look like before it is sent. Everything
 * else, the upsert, the window queries and the listings, is the same SQL everywhere.
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
   * The readings of one append, in the form the engine takes in one statement. Where a statement
   * may not touch a row twice, the later of two readings with the same key must be all that is
   * left, as the port's last-write-wins promises.
   */
  default List<Reading> batch(List<Reading> readings) {
    return readings;
  }

  /**
   * Writes the readings of one append, all or none, on a handle with no transaction open. By
   * default that is {@code upsert}: the shared INSERT ... ON CONFLICT in one transaction. An engine
   * with a faster bulk path may take it, as long as the outcome is the upsert's.
   */
  default void write(Handle handle, List<Reading> readings, Upsert upsert) {
    upsert.write(handle, readings);
  }

  /** The shared upsert of a list of readings, in one transaction of its own. */
  @FunctionalInterface
  interface Upsert {
    void write(Handle handle, List<Reading> readings);
  }
}
