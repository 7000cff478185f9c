package dev.temperature.adapters.jdbc;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Span;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Readings in one SQL table keyed by (building, room, time), for every engine JDBI reaches, with
 * their hourly and daily rollups in two more ({@link Rollups}), kept in the same transaction as
 * every write. Every value is a bound parameter; aggregates, per window, per bucket or per span,
 * are computed by one query in the database. What differs between engines comes from the {@link
 * SqlDialect} and the {@link FailurePolicy}.
 *
 * <p>Writes and queries have pools of their own, so that no query can hold the connection a write
 * needs. The queries' pool may reach another database: a streaming replica of the first takes the
 * queries off it. Both sides get the same failure policy and the same one retry on fresh
 * connections.
 */
public final class JdbcReadingStore implements ReadingStore {
  private final Connections writes;
  private final Connections reads;
  private final Optional<Connections> schemaOwner;
  private final SqlDialect dialect;
  private final FailureGuard guard;
  private final ReadingRows asDomain;
  private final String overview;
  private final Rollups rollups;

  /** Writes to {@code writes}, queries from {@code reads}. */
  public JdbcReadingStore(
      Connections writes, Connections reads, SqlDialect dialect, FailurePolicy failures) {
    this(writes, reads, Optional.empty(), dialect, failures);
  }

  /**
   * Writes to {@code writes}, queries from {@code reads}, and the engine's own means of expiry
   * ({@link SqlDialect#dropReadingsBefore}, which may need the table's owner: TimescaleDB's
   * drop_chunks does) on {@code schemaOwner} when the serving role is not the owner. Only that
   * statement runs there; everything else runs as the serving role.
   */
  public JdbcReadingStore(
      Connections writes,
      Connections reads,
      Optional<Connections> schemaOwner,
      SqlDialect dialect,
      FailurePolicy failures) {
    this.writes = Objects.requireNonNull(writes);
    this.reads = Objects.requireNonNull(reads);
    this.schemaOwner = Objects.requireNonNull(schemaOwner);
    // The statements are plain SQL with named parameters, never templates: rendering them as
    // templates on every call cost several percent of a GET's CPU.
    List<Connections> all = new ArrayList<>(List.of(writes, reads));
    schemaOwner.ifPresent(all::add);
    for (Connections database : all) {
      database.jdbi().getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
    }
    this.dialect = Objects.requireNonNull(dialect);
    this.guard = new FailureGuard(failures);
    this.asDomain = new ReadingRows(dialect);
    this.overview = ReadingSql.overview(dialect.codePointCollation());
    this.rollups = new Rollups(dialect);
  }

  /** Writes and queries on one database. */
  public JdbcReadingStore(Connections database, SqlDialect dialect, FailurePolicy failures) {
    this(database, database, dialect, failures);
  }

  /**
   * New readings, the usual case, take the engine's fastest insert and add to their rollups in the
   * same transaction. When a key was already stored (a correction, a retry), that transaction is
   * rolled back whole and a second one upserts the readings and recomputes the rollups of every
   * hour they touch: the outcome is the same either way.
   */
  @Override
  public void append(List<Reading> readings) {
    if (readings.isEmpty()) {
      return;
    }
    List<Reading> batch = dialect.batch(readings);
    guarded(
        "store readings",
        writes,
        jdbi -> {
          jdbi.useHandle(
              handle -> {
                if (!insertNew(handle, batch)) {
                  handle.useTransaction(
                      transaction -> {
                        ReadingSql.batch(transaction, ReadingSql.UPSERT, batch, dialect);
                        rollups.recompute(transaction, batch);
                      });
                }
              });
          return null;
        });
  }

  /** Rolled back by throwing: a key of the readings was taken. */
  private static final class KeyTaken extends RuntimeException {
    KeyTaken() {
      super(null, null, false, false);
    }
  }

  private boolean insertNew(Handle handle, List<Reading> batch) {
    try {
      handle.useTransaction(
          transaction -> {
            if (!dialect.insertNew(transaction, batch)) {
              throw new KeyTaken();
            }
            rollups.add(transaction, batch);
          });
      return true;
    } catch (KeyTaken e) {
      return false;
    }
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
    return filledPage(
        after,
        limit,
        (from, asked) ->
            handle
                .createQuery(overview)
                .bind("building", building.value())
                .bind("after", from)
                .bind("limit", asked)
                .bind("from", dialect.instant(window.from()))
                .bind("to", dialect.instant(window.to()))
                .map((row, ctx) -> asDomain.overview(row, building))
                .list());
  }

  /**
   * A page of rooms after {@code after}, asking {@code rows} for more after the last id it answered
   * for as long as rooms with foreign ids were left out and more follow.
   */
  private static List<RoomOverview> filledPage(
      Optional<RoomId> after,
      int limit,
      BiFunction<String, Integer, List<ReadingRows.OverviewRow>> rows) {
    List<RoomOverview> page = new ArrayList<>();
    // Every id is at least one character, so each sorts after "".
    String from = after.map(RoomId::value).orElse("");
    int skipped = 0;
    while (page.size() < limit) {
      int asked = limit - page.size() + skipped;
      List<ReadingRows.OverviewRow> found = rows.apply(from, asked);
      for (ReadingRows.OverviewRow row : found) {
        if (row.room().isPresent()) {
          page.add(row.room().get());
        } else {
          skipped++;
        }
      }
      if (found.size() < asked) {
        break;
      }
      from = found.get(found.size() - 1).id();
    }
    return page.size() > limit ? List.copyOf(page.subList(0, limit)) : page;
  }

  @Override
  public List<Aggregate> aggregates(BuildingId building, RoomId room, List<Span> spans) {
    if (spans.isEmpty()) {
      return List.of();
    }
    return guarded(
        "aggregate readings and rollups",
        reads,
        jdbi -> jdbi.withHandle(handle -> rollups.aggregates(handle, building, room, spans)));
  }

  @Override
  public List<RoomOverview> overviews(
      BuildingId building, List<Span> spans, Optional<RoomId> after, int limit) {
    return guarded(
        "summarise the rooms",
        reads,
        jdbi ->
            jdbi.withHandle(
                handle ->
                    filledPage(
                        after,
                        limit,
                        (from, asked) ->
                            rollups.overviews(handle, asDomain, building, spans, from, asked))));
  }

  /**
   * Room by room, each in a transaction of its own, so that writers wait for one room at a time; on
   * PostgreSQL the transaction first locks both rollup tables against writes (SHARE ROW EXCLUSIVE)
   * so that no write adds to a rollup between its rebuild's reading and writing.
   */
  @Override
  public long rebuildRollups(Instant from, Instant to) {
    long hours = 0;
    for (RoomKey room : roomsOf("readings")) {
      hours +=
          guarded(
              "rebuild the rollups",
              writes,
              jdbi ->
                  jdbi.inTransaction(
                      transaction -> {
                        dialect.lockRollups(transaction);
                        return rollups.rebuild(transaction, room.building(), room.room(), from, to);
                      }));
    }
    return hours;
  }

  /**
   * The engine's own means first (TimescaleDB drops whole chunks), as the schema's owner when the
   * store has its connections, then room by room: each room's key range is an index range, where
   * one DELETE by time alone would read the whole table.
   */
  @Override
  public void expireReadings(Instant before) {
    guarded(
        "expire readings",
        schemaOwner.orElse(writes),
        jdbi -> jdbi.inTransaction(transaction -> dialect.dropReadingsBefore(transaction, before)));
    for (RoomKey room : roomsOf("readings")) {
      guarded(
          "expire readings",
          writes,
          jdbi ->
              jdbi.withHandle(
                  handle ->
                      handle
                          .createUpdate(
                              "DELETE FROM readings WHERE building_id = :building AND room_id ="
                                  + " :room AND recorded_at < :before")
                          .bind("building", room.building())
                          .bind("room", room.room())
                          .bind("before", dialect.instant(before))
                          .execute()));
    }
  }

  @Override
  public void expireRollups(Instant before) {
    for (RoomKey room : roomsOf(RollupSql.Table.HOURLY.name)) {
      guarded(
          "expire rollups",
          writes,
          jdbi -> {
            jdbi.useTransaction(
                transaction -> rollups.expire(transaction, room.building(), room.room(), before));
            return null;
          });
    }
  }

  private record RoomKey(String building, String room) {}

  /** Every room of {@code table}, found by walking its key on the write database. */
  private List<RoomKey> roomsOf(String table) {
    return guarded(
        "list the rooms",
        writes,
        jdbi ->
            jdbi.withHandle(
                handle -> {
                  List<RoomKey> rooms = new ArrayList<>();
                  for (String building :
                      handle
                          .createQuery(ReadingSql.buildingsOf(table))
                          .mapTo(String.class)
                          .list()) {
                    handle
                        .createQuery(ReadingSql.roomsOf(table))
                        .bind("building", building)
                        .mapTo(String.class)
                        .forEach(room -> rooms.add(new RoomKey(building, room)));
                  }
                  return rooms;
                }));
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
