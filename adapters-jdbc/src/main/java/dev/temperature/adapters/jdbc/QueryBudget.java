package dev.temperature.adapters.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.StatementException;

/**
 * A time budget for every statement JDBI runs on one set of connections: a statement still open
 * when its budget runs out is cancelled with {@link java.sql.Statement#cancel()}, from a timer
 * thread, and fails. For an engine whose driver has no timeout of its own that bounds execution:
 * sqlite-jdbc's {@code setQueryTimeout} only sets the busy timeout while the statement runs, while
 * its {@code cancel()} calls {@code sqlite3_interrupt}, which SQLite allows from any thread and
 * which stops the statement at its next step.
 *
 * <p>The cancel can never reach a later statement on the same pooled connection: the statement's
 * cleanup, which runs before its connection goes back to the pool, and the cancel exclude each
 * other, and a cancel that finds the statement finished does nothing.
 */
public final class QueryBudget implements StatementCustomizer, AutoCloseable {
  private static final String ATTRIBUTE = QueryBudget.class.getName();

  private final Duration budget;
  private final ScheduledThreadPoolExecutor timer;

  public QueryBudget(Duration budget) {
    this.budget = Objects.requireNonNull(budget);
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("a query budget must be positive, got " + budget);
    }
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            work -> {
              Thread thread = new Thread(work, "query-budget");
              thread.setDaemon(true);
              return thread;
            });
    // A statement that finishes in time takes its timeout out of the queue at once.
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Puts every statement run through {@code jdbi} under this budget; returns {@code jdbi}. */
  public Jdbi limit(Jdbi jdbi) {
    jdbi.getConfig(SqlStatements.class).addCustomizer(this);
    return jdbi;
  }

  /** How long a statement may run. */
  public Duration budget() {
    return budget;
  }

  @Override
  public void beforeExecution(PreparedStatement statement, StatementContext context) {
    Running running = new Running(statement);
    context.define(ATTRIBUTE, running);
    ScheduledFuture<?> timeout =
        timer.schedule(running::cancel, budget.toNanos(), TimeUnit.NANOSECONDS);
    context.addCleanable(() -> running.finish(timeout));
  }

  /** Whether {@code failure} is that of a statement cancelled because it ran out of its budget. */
  static boolean exceeded(Throwable failure) {
    return failure instanceof StatementException statement
        && statement.getStatementContext() != null
        && statement.getStatementContext().getAttribute(ATTRIBUTE) instanceof Running running
        && running.cancelled();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** One statement from its execution to its cleanup. */
  private static final class Running {
    private final PreparedStatement statement;
    private boolean finished;
    private boolean cancelled;

    Running(PreparedStatement statement) {
      this.statement = statement;
    }

    synchronized void cancel() {
      if (finished) {
        return;
      }
      cancelled = true;
      try {
        statement.cancel();
      } catch (SQLException e) {
        // The statement closed meanwhile: nothing is left to cancel.
      }
    }

    synchronized void finish(ScheduledFuture<?> timeout) {
      finished = true;
      timeout.cancel(false);
    }

    synchronized boolean cancelled() {
      return cancelled;
    }
  }
}
