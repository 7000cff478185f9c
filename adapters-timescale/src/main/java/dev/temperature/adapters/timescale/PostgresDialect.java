package dev.temperature.adapters.timescale;

import dev.temperature.adapters.jdbc.SqlDialect;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.Resolution;
import dev.temperature.domain.RoomId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * PostgreSQL keeps a moment as timestamptz; buckets come from TimescaleDB's time_bucket when the
 * extension is there and from date_bin (PostgreSQL 14+) when it is not.
 */
final class PostgresDialect implements SqlDialect {
  // %s is time_bucket or date_bin: both take (stride, time, origin) and floor to multiples of the
  // stride since the origin, also before 1970. The width is bound as a number of milliseconds, so
  // it never has a day or month part that a time zone could stretch.
  private static final String BUCKETS =
      """
      SELECT %s(CAST(:width AS interval), recorded_at, TIMESTAMPTZ '1970-01-01 00:00:00+00')
               AS bucket_start,
             count(*) AS n, sum(temperature) AS total,
             min(temperature) AS lowest, max(temperature) AS highest
      FROM readings
      WHERE building_id = :building AND room_id = :room
        AND recorded_at BETWEEN :from AND :to
      GROUP BY bucket_start
      ORDER BY bucket_start
      """;

  private record Key(BuildingId building, RoomId room, Instant recordedAt) {}

  private static final Comparator<Reading> KEY_ORDER =
      Comparator.comparing((Reading reading) -> reading.building().value())
          .thenComparing(reading -> reading.room().value())
          .thenComparing(Reading::recordedAt);

  private static final String UNIQUE_VIOLATION = "23505";

  private final String buckets;
  private final TimescaleFeatures features;

  /**
   * @param features what the server offers: with the TimescaleDB extension, buckets come from its
   *     time_bucket, otherwise from PostgreSQL's date_bin; with a hypertable, expired readings go
   *     with their chunks
   */
  PostgresDialect(TimescaleFeatures features) {
    this.features = features;
    this.buckets = BUCKETS.formatted(features.extension() ? "time_bucket" : "date_bin");
  }

  /**
   * Sent as an OffsetDateTime in UTC, which the driver types as timestamptz; a java.sql.Timestamp
   * would travel without a zone and depend on the JVM's and the session's time zones.
   */
  @Override
  public Argument instant(Instant instant) {
    OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
    return (position, statement, context) -> statement.setObject(position, utc);
  }

  /** Read as an OffsetDateTime, the driver's zone-independent mapping of timestamptz. */
  @Override
  public Instant instant(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }

  @Override
  public String bucketsQuery() {
    return buckets;
  }

  @Override
  public Object bucketWidth(Interval interval) {
    return interval.millis() + " milliseconds";
  }

  /**
   * Byte order, whatever the database's default collation is: in en_US.UTF-8, say, {@code R1} would
   * sort after {@code r1}, and a room page would differ from the other engines'.
   */
  @Override
  public String codePointCollation() {
    return "\"C\"";
  }

  /**
   * COPY, in key order for the same reason as {@link #batch}: several times faster than any INSERT,
   * and it fails on a stored key, which is what this path needs to know.
   */
  @Override
  public boolean insertNew(Handle transaction, List<Reading> readings) {
    try {
      PostgresCopy.copy(transaction, readings);
      return true;
    } catch (RuntimeException e) {
      if (keyTaken(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean keyTaken(Throwable failure) {
    return PostgresFailures.sqlStates(failure).anyMatch(UNIQUE_VIOLATION::equals);
  }

  /** Floor on absolute time from a UTC origin: a day is 86,400 s whatever the session's zone. */
  @Override
  public String floor(Resolution unit, String moment) {
    return "date_bin(INTERVAL '%d seconds', %s, TIMESTAMPTZ '1970-01-01 00:00:00+00')"
        .formatted(unit.unit().toSeconds(), moment);
  }

  @Override
  public String fromMillis(String millis) {
    return "(TIMESTAMPTZ '1970-01-01 00:00:00+00' + (%s) * INTERVAL '1 millisecond')"
        .formatted(millis);
  }

  /**
   * A lateral subquery per span, which the planner may not pull up into a join ({@code OFFSET 0}):
   * as a join, with the rollup table's statistics not yet knowing a room's rows (right after a
   * rebuild), PostgreSQL walked the room's every rollup once per span, 860 ms instead of 3 ms for a
   * 30-day hourly series.
   */
  @Override
  public String joinEachSpan(String table, String alias, String conditions) {
    return "CROSS JOIN LATERAL (SELECT * FROM %1$s %2$s WHERE %3$s OFFSET 0) AS %2$s"
        .formatted(table, alias, conditions);
  }

  /**
   * With the bounds of a raw span taken from the arrays, TimescaleDB could exclude no chunk when it
   * planned or started the statement: it planned and started a scan of each of a year's 53 chunks
   * and left out 52 of them per span at run time, several milliseconds for a few dozen readings.
   * Bound as values, an edge is planned on the one chunk it lies in.
   */
  @Override
  public boolean bindsEdges() {
    return true;
  }

  /** Three arrays bound as one table by unnest: from, to (epoch ms) and index. */
  @Override
  public String spans(String name, String alias) {
    return ("unnest(CAST(:%1$sFrom AS bigint[]), CAST(:%1$sTo AS bigint[]),"
            + " CAST(:%1$sIndex AS integer[])) AS %2$s(f, t, i)")
        .formatted(name, alias);
  }

  @Override
  public void bindSpans(SqlStatement<?> statement, String name, List<long[]> spans) {
    Long[] from = new Long[spans.size()];
    Long[] to = new Long[spans.size()];
    Integer[] index = new Integer[spans.size()];
    for (int i = 0; i < spans.size(); i++) {
      from[i] = spans.get(i)[0];
      to[i] = spans.get(i)[1];
      index[i] = (int) spans.get(i)[2];
    }
    statement
        .bindArray(name + "From", Long.class, (Object[]) from)
        .bindArray(name + "To", Long.class, (Object[]) to)
        .bindArray(name + "Index", Integer.class, (Object[]) index);
  }

  /**
   * Seven arrays bound as one table by unnest: the rollups of a whole write in one statement. The
   * JDBC batch of one upsert per room and hour and per room and day before it, even rewritten by
   * the driver into multi-row INSERTs of 128 rows, took a third of the group-commit writer's time
   * in a wall-clock profile of 5,000-reading batches over 1,000 rooms (COPY took 47%).
   */
  @Override
  public Optional<String> units(String alias) {
    return Optional.of(
        ("unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS bigint[]),"
                + " CAST(? AS float8[]), CAST(? AS float8[]), CAST(? AS float8[]))"
                + " AS %s(building_id, room_id, start_ms, n, total, lowest, highest)")
            .formatted(alias));
  }

  @Override
  public String least() {
    return "least";
  }

  @Override
  public String greatest() {
    return "greatest";
  }

  /**
   * SHARE ROW EXCLUSIVE conflicts with the ROW EXCLUSIVE lock every write takes on a table it
   * changes, and with itself, but not with queries.
   */
  @Override
  public void lockRollups(Handle transaction) {
    transaction.execute("LOCK TABLE rollups_hourly, rollups_daily IN SHARE ROW EXCLUSIVE MODE");
  }

  /**
   * A hypertable drops the chunks wholly older than {@code before}, which costs no more than
   * dropping a table. Only the table's owner may: the store runs this on the schema owner's
   * connections when the configuration names the owner ({@code storage.migrations}); a role that is
   * not the owner, without them, skips it and the rows go one room at a time like everywhere else.
   */
  @Override
  public boolean dropReadingsBefore(Handle transaction, Instant before) {
    if (!features.hypertable()) {
      return false;
    }
    boolean owner =
        transaction
            .createQuery(
                "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class"
                    + " WHERE oid = 'readings'::regclass")
            .mapTo(Boolean.class)
            .one();
    if (!owner) {
      return false;
    }
    transaction
        .createQuery("SELECT count(*) FROM drop_chunks('readings', older_than => :before)")
        .bind("before", instant(before))
        .mapTo(Long.class)
        .one();
    return true;
  }

  /**
   * The driver rewrites a batch into a multi-row INSERT ... ON CONFLICT, which may not touch the
   * same row twice, so duplicates within one append are settled here, the later reading winning.
   * The rows then go in key order: two writers (two replicas of the service) whose batches share
   * keys take the row locks in the same order, and so cannot deadlock.
   */
  @Override
  public List<Reading> batch(List<Reading> readings) {
    Map<Key, Reading> latest = new HashMap<>();
    for (Reading reading : readings) {
      latest.put(new Key(reading.building(), reading.room(), reading.recordedAt()), reading);
    }
    List<Reading> sorted = new ArrayList<>(latest.values());
    sorted.sort(KEY_ORDER);
    return sorted;
  }
}
