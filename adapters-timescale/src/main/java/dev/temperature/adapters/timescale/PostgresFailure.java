package dev.temperature.adapters.timescale;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * What a failed statement says about PostgreSQL, read from its SQLSTATE: the connection went away
 * (worth one retry on a fresh one), the server refused what was sent (a bug or a schema that does
 * not match; retrying cannot help), or anything else the database could not do right now.
 */
final class PostgresFailure {
  /**
   * Classes that describe the statement, not the server's health: feature not supported (0A),
   * cardinality (21), data exception (22), integrity constraint (23), syntax or access rule (42).
   */
  private static final Set<String> REFUSED_CLASSES = Set.of("0A", "21", "22", "23", "42");

  private PostgresFailure() {}

  /**
   * SQLSTATE class 08 (connection exception) or 57P01-57P03 (the server shut down or restarts),
   * unless the driver gave up waiting for an answer: a statement that timed out once would time out
   * again, and retrying would only double the wait.
   */
  static boolean lostConnection(Throwable failure) {
    if (causedBy(failure, SocketTimeoutException.class)) {
      return false;
    }
    return sqlState(failure).filter(s -> s.startsWith("08") || s.startsWith("57P0")).isPresent();
  }

  /** The server understood the request and refused it; see {@link #REFUSED_CLASSES}. */
  static boolean refusedStatement(Throwable failure) {
    return sqlState(failure)
        .filter(s -> s.length() == 5 && REFUSED_CLASSES.contains(s.substring(0, 2)))
        .isPresent();
  }

  /** The first SQLSTATE in the chain of causes. */
  static Optional<String> sqlState(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
    }
    return Optional.empty();
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
