package dev.temperature.adapters.jdbc;

import dev.temperature.application.port.out.StorageRefusedException;
import dev.temperature.application.port.out.StorageUnavailableException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Every call of the JDBC store goes through here: one retry on fresh connections when the {@link
 * FailurePolicy} says the connection was lost (a database restart, a failover), and each failure
 * translated into what the ports name, with the engine and, when queries have a database of their
 * own, which database it was. A statement that ran out of its {@link QueryBudget} is unavailable,
 * never retried.
 */
final class FailureGuard {
  private final FailurePolicy failures;

  FailureGuard(FailurePolicy failures) {
    this.failures = Objects.requireNonNull(failures);
  }

  /**
   * Runs {@code work} on {@code database}, once more on fresh connections when the connection was
   * lost. A refused statement is a {@link StorageRefusedException} (500); any other failure, or a
   * second one, leaves the store unavailable (503).
   */
  <T> T call(String action, Connections database, Function<Jdbi, T> work) {
    try {
      return work.apply(database.jdbi());
    } catch (JdbiException first) {
      if (QueryBudget.exceeded(first) || !failures.lostConnection(first)) {
        throw translated(action, database, first);
      }
      database.discardPooled().run();
      try {
        return work.apply(database.jdbi());
      } catch (JdbiException second) {
        second.addSuppressed(first);
        throw translated(action, database, second);
      }
    }
  }

  /** The engine, and which of its databases when queries have their own. */
  private String engine(Connections database) {
    return database.database().isEmpty()
        ? failures.engine()
        : failures.engine() + " (" + database.database() + ")";
  }

  private RuntimeException translated(String action, Connections database, JdbiException failure) {
    if (QueryBudget.exceeded(failure)) {
      return new StorageUnavailableException(
          engine(database)
              + " could not "
              + action
              + " within the query budget (queries.timeout); the statement was cancelled",
          failure);
    }
    Optional<String> refusal = failures.refusal(failure);
    if (refusal.isPresent()) {
      return new StorageRefusedException(
          engine(database)
              + " refused to "
              + action
              + " ("
              + refusal.get()
              + "); "
              + failures.refusalHint()
              + ": "
              + failure.getMessage(),
          failure);
    }
    return new StorageUnavailableException(
        engine(database) + " could not " + action + ": " + failure.getMessage(), failure);
  }
}
