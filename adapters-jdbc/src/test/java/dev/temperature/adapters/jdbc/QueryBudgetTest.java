package dev.temperature.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The budget on a real SQLite, whose driver has no execution timeout of its own. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QueryBudgetTest {
  private static final String ENDLESS =
      "WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";

  @TempDir Path directory;

  private final QueryBudget budget = new QueryBudget(Duration.ofMillis(200));

  @AfterEach
  void close() {
    budget.close();
  }

  @Test
  void aStatementStillRunningWhenItsBudgetRunsOutIsCancelledAndSaysSo() {
    Jdbi jdbi = budget.limit(Jdbi.create("jdbc:sqlite:" + directory.resolve("budget.db")));

    long start = System.nanoTime();
    assertThatThrownBy(() -> jdbi.withHandle(handle -> count(handle, ENDLESS)))
        .isInstanceOf(StatementException.class)
        .satisfies(e -> assertThat(QueryBudget.exceeded(e)).isTrue())
        .rootCause()
        .hasMessageContaining("SQLITE_INTERRUPT");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(budget.budget())
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aStatementThatEndsInTimeIsNotCancelledAndLeavesTheConnectionUsable() throws Exception {
    Jdbi jdbi = budget.limit(Jdbi.create("jdbc:sqlite:" + directory.resolve("quick.db")));
    try (Handle handle = jdbi.open()) {
      assertThat(count(handle, "SELECT 42")).isEqualTo(42);
      // Past the first statement's budget, on the same connection: no late cancel reaches it.
      Thread.sleep(budget.budget().toMillis() + 100);
      assertThat(count(handle, "SELECT 7")).isEqualTo(7);
      assertThatThrownBy(() -> count(handle, ENDLESS))
          .satisfies(e -> assertThat(QueryBudget.exceeded(e)).isTrue());
      assertThat(count(handle, "SELECT 1")).as("usable after a cancel").isEqualTo(1);
    }
  }

  @Test
  void otherFailuresAreNotTheBudgets() {
    Jdbi jdbi = budget.limit(Jdbi.create("jdbc:sqlite:" + directory.resolve("other.db")));

    assertThatThrownBy(() -> jdbi.withHandle(handle -> count(handle, "SELECT * FROM missing")))
        .satisfies(e -> assertThat(QueryBudget.exceeded(e)).isFalse());
    assertThat(QueryBudget.exceeded(new IllegalStateException())).isFalse();
  }

  @Test
  void aBudgetMustBePositive() {
    assertThatThrownBy(() -> new QueryBudget(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long count(Handle handle, String sql) {
    return handle.createQuery(sql).mapTo(Long.class).one();
  }
}
