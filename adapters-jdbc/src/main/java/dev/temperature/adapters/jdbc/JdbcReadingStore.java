package dev.temperature.adapters.jdbc;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Readings in one SQL table keyed by (building, room, time), for every engine JDBI reaches. Every
 * value is a bound parameter; aggregates, per window or per bucket, are computed by one query in
 * the database. What differs between engines comes from the {@link SqlDialect} and the {@link
 * FailurePolicy}.
 *
 * <p>Writes and queries have pools of their own, so that no query can hold the connection a write
 * needs. The queries' pool may reach another database: a streaming replica of the first takes the
 * queries off it. Both sides get the same failure policy and the same one retry on fresh
 * connections.
 */
public final class JdbcReadingStore implements ReadingStore {
  private final Connections writes;
  private final Connections reads;
  private final SqlDialect dialect;
  private final FailureGuard guard;
  private final ReadingRows asDomain;
  private final String overview;

  /** Writes to {@code writes}, queries from {@code reads}. */
  public JdbcReadingStore(
      Connections writes, Connections reads, SqlDialect dialect, FailurePolicy failures) {
    this.writes = Objects.requireNonNull(writes);
    this.reads = Objects.requireNonNull(reads);
    // The statements are plain SQL with named parameters, never templates: rendering them as
    // templates on every call cost several percent of a GET's CPU.
    for (Connections database : List.of(writes, reads)) {
      database.jdbi().getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
    }
    this.dialect = Objects.requireNonNull(dialect);
    this.guard = new FailureGuard(failures);
    this.asDomain = new ReadingRows(dialect);
    this.overview = ReadingSql.overview(dialect.codePointCollation());
  }

  /** Writes and queries on one database. */
  public JdbcReadingStore(Connections database, SqlDialect dialect, FailurePolicy failures) {
    this(database, database, dialect, failures);
  }

  @Override
  public void append(List<Reading> readings) {
    if (readings.isEmpty()) {
      return;
    }
    guarded(
        "store readings",
        writes,
        jdbi -> {
          jdbi.useHandle(handle -> dialect.write(handle, readings, this::upsert));
          return null;
        });
  }

  private void upsert(Handle handle, List<Reading> readings) {
    List<Reading> batch = dialect.batch(readings);
    handle.useTransaction(
        transaction -> {
          PreparedBatch statement = transaction.prepareBatch(ReadingSql.UPSERT);
          for (Reading reading : batch) {
            statement
                .bind("building", reading.building().value())
                .bind("room", reading.room().value())
                .bind("recordedAt", dialect.instant(reading.recordedAt()))
                .bind("temperature", reading.temperature().celsius())
                .add();
          }
          // One round trip: the driver sends the whole batch at once.
          statement.execute();
        });
  }

  @Override
  public Aggregate aggregate(BuildingId building, RoomId room, Window window) {
    return guarded(
        "aggregate readings",
        reads,
        jdbi ->
            jdbi.withHandle(
                handle ->
                    inWindow(handle.createQuery(ReadingSql.AGGREGATE), building, room, window)
                        .map((rows, ctx) -> ReadingRows.aggregate(rows))
                        .one()));
  }

  @Override
  public List<TimeBucket> buckets(
      BuildingId building, RoomId room, Window window, Interval interval) {
    return guarded(
        "aggregate readings per bucket",
        reads,
        jdbi ->
            jdbi.withHandle(
                handle ->
                    inWindow(handle.createQuery(dialect.bucketsQuery()), building, room, window)
                        .bind("width", dialect.bucketWidth(interval))
                        .map((rows, ctx) -> asDomain.bucket(rows))
                        .list()));
  }

  @Override
  public List<Reading> newestFirst(BuildingId building, RoomId room, Window window, int limit) {
    return guarded(
        "list readings",
        reads,
        jdbi ->
            jdbi.withHandle(
                handle ->
                    inWindow(handle.createQuery(ReadingSql.NEWEST_FIRST), building, room, window)
                        .bind("limit", limit)
                        .map((rows, ctx) -> asDomain.reading(rows, building, room))
                        .list()));
  }

  @Override
  public List<BuildingId> buildings() {
    return guarded(
        "list buildings",
        reads,
        jdbi ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createQuery(ReadingSql.BUILDINGS)
                        .map((rows, ctx) -> asDomain.building(rows))
                        .stream()
                        .flatMap(Optional::stream)
                        .sorted(Comparator.comparing(BuildingId::value))
                        .toList()));
  }

  @Override
  public List<RoomId> rooms(BuildingId building) {
    return guarded(
        "list rooms",
        reads,
        jdbi ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createQuery(ReadingSql.ROOMS)
                        .bind("building", building.value())
                        .map((rows, ctx) -> asDomain.room(rows))
                        .stream()
                        .flatMap(Optional::stream)
                        .sorted(Comparator.comparing(RoomId::value))
                        .toList()));
  }

  /**
   * One statement per page, unless rows with foreign ids (see {@link ForeignIds}) are among the
   * rooms: those are left out, and the page is filled up with the rooms after them, so that a page
   * is never short while more rooms follow (a short page tells the caller there is no next one).
   */
  @Override
  public List<RoomOverview> overview(
      BuildingId building, Window window, Optional<RoomId> after, int limit) {
    return guarded(
        "summarise the rooms",
        reads,
        jdbi -> jdbi.withHandle(handle -> overview(handle, building, window, after, limit)));
  }

  private List<RoomOverview> overview(
      Handle handle, BuildingId building, Window window, Optional<RoomId> after, int limit) {
    List<RoomOverview> page = new ArrayList<>();
    // Every id is at least one character, so each sorts after "".
    String from = after.map(RoomId::value).orElse("");
    int skipped = 0;
    while (page.size() < limit) {
      int asked = limit - page.size() + skipped;
      List<ReadingRows.OverviewRow> rows =
          handle
              .createQuery(overview)
              .bind("building", building.value())
              .bind("after", from)
              .bind("limit", asked)
              .bind("from", dialect.instant(window.from()))
              .bind("to", dialect.instant(window.to()))
              .map((row, ctx) -> asDomain.overview(row, building))
              .list();
      for (ReadingRows.OverviewRow row : rows) {
        if (row.room().isPresent()) {
          page.add(row.room().get());
        } else {
          skipped++;
        }
      }
      if (rows.size() < asked) {
        break;
      }
      from = rows.get(rows.size() - 1).id();
    }
    return page.size() > limit ? List.copyOf(page.subList(0, limit)) : page;
  }

  private Query inWindow(Query query, BuildingId building, RoomId room, Window window) {
    return query
        .bind("building", building.value())
        .bind("room", room.value())
        .bind("from", dialect.instant(window.from()))
        .bind("to", dialect.instant(window.to()));
  }

  /** {@code work} on {@code database}, through the failure policy; see {@link FailureGuard}. */
  private <T> T guarded(String action, Connections database, Function<Jdbi, T> work) {
    return guard.call(action, database, work);
  }
}
