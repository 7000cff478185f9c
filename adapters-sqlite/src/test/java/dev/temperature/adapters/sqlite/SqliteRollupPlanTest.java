package dev.temperature.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.adapters.jdbc.Connections;
import dev.temperature.adapters.jdbc.JdbcReadingStore;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.QueryPlan;
import dev.temperature.domain.Resolution;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Span;
import dev.temperature.domain.Window;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How SQLite runs the statements on spans (readings at a window's edges, rollups between): each
 * span must be one range search on the key (building, room, time). For a plain JOIN, SQLite 3.54
 * chose to walk every reading of the room and unpack the spans per reading, which made a year's
 * average of a room with a reading a minute a second's work instead of a millisecond's. The plan is
 * what breaks, so the plan is what this asserts, on a fresh store without statistics.
 */
class SqliteRollupPlanTest {
  private static final BuildingId BUILDING = new BuildingId("b1");
  private static final RoomId ROOM = new RoomId("r1");
  private static final Instant NOW = Instant.parse("2024-12-10T16:45:30Z");
  private static final Map<Resolution, String> PARAMETERS =
      Map.of(Resolution.RAW, "raw", Resolution.HOUR, "hourly", Resolution.DAY, "daily");

  @TempDir Path directory;

  @Test
  void aLongWindowReadsEachSpanByARangeOfTheKey() throws Exception {
    List<String> plan = planOf(store -> store.aggregates(BUILDING, ROOM, yearSpans()));

    assertThat(plan).anyMatch(line -> line.contains("json_each"));
    assertThat(spanSearches(plan)).hasSize(3).allSatisfy(SqliteRollupPlanTest::isARangeOfTheKey);
  }

  @Test
  void anOverviewPageReadsEachRoomsSpansByARangeOfTheKey() throws Exception {
    List<String> plan =
        planOf(store -> store.overviews(BUILDING, yearSpans(), Optional.empty(), 100));

    assertThat(spanSearches(plan)).hasSize(3).allSatisfy(SqliteRollupPlanTest::isARangeOfTheKey);
  }

  private static List<Span> yearSpans() {
    return QueryPlan.of(new Window(NOW.minus(Duration.ofDays(366)), NOW), Window.EARLIEST).spans();
  }

  /**
   * The searches of the readings (alias r) and the rollups (alias u) for the spans; each room's
   * latest reading is searched as {@code readings}, by a key prefix and backwards, on purpose.
   */
  private static List<String> spanSearches(List<String> plan) {
    return plan.stream().filter(line -> line.matches("SEARCH [ru] .*")).toList();
  }

  private static void isARangeOfTheKey(String search) {
    assertThat(search).containsPattern("building_id=\\? AND room_id=\\? AND \\w+>\\? AND \\w+<\\?");
  }

  /** Asks the question of a store on a fresh file; the plan of the statement it ran on spans. */
  private List<String> planOf(Consumer<JdbcReadingStore> question) throws Exception {
    Path file = directory.resolve("plan.db");
    new OpenSqliteStore(file).close(); // migrated and empty
    Properties pragmas = new Properties();
    pragmas.putAll(SqliteStorageFactory.connectionProperties(5000));
    Jdbi jdbi = Jdbi.create(SqliteStorageFactory.jdbcUrl(file), pragmas);
    List<String> statements = new ArrayList<>();
    jdbi.setSqlLogger(
        new SqlLogger() {
          @Override
          public void logBeforeExecution(StatementContext context) {
            if (context.getRenderedSql().contains("json_each")) {
              statements.add(context.getRenderedSql());
            }
          }
        });
    question.accept(
        new JdbcReadingStore(
            new Connections(jdbi, () -> {}), new SqliteDialect(), new SqliteFailures()));
    assertThat(statements).hasSize(1);

    try (Handle handle = jdbi.open()) {
      handle.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      Query explain =
          handle
              .createQuery("EXPLAIN QUERY PLAN " + statements.get(0))
              .bind("building", BUILDING.value())
              .bind("room", ROOM.value())
              .bind("after", "")
              .bind("limit", 100);
      List<Span> spans = yearSpans();
      for (Resolution resolution : Resolution.values()) {
        List<long[]> ofIt = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
          if (spans.get(i).resolution() == resolution) {
            ofIt.add(
                new long[] {
                  spans.get(i).from().toEpochMilli(), spans.get(i).to().toEpochMilli(), i
                });
          }
        }
        new SqliteDialect().bindSpans(explain, PARAMETERS.get(resolution), ofIt);
      }
      return explain.map((rows, context) -> rows.getString("detail")).list();
    }
  }
}
