package dev.temperature.adapters.timescale;

import dev.temperature.adapters.jdbc.FailurePolicy;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a failed statement says about PostgreSQL, read from its SQLSTATE: the connection went away
 * (worth one retry on a fresh one), the server refused what was sent (a bug or a schema that does
 * not match; retrying cannot help), or anything else the database could not do right now.
 */
final class PostgresFailures implements FailurePolicy {
  /**
   * Classes that describe the statement, not the server's health: feature not supported (0A),
   * cardinality (21), data exception (22), integrity constraint (23), syntax or access rule (42).
   */
  private static final Set<String> REFUSED_CLASSES = Set.of("0A", "21", "22", "23", "42");

  @Override
  public String engine() {
    return "PostgreSQL";
  }

  /** The server understood the request and refused it; see {@link #REFUSED_CLASSES}. */
  @Override
  public Optional<String> refusal(Throwable failure) {
    return sqlStates(failure)
        .filter(s -> s.length() == 5 && REFUSED_CLASSES.contains(s.substring(0, 2)))
        .findFirst()
        .map(state -> "SQLSTATE " + state);
  }

  @Override
  public String refusalHint() {
    return "the schema may not match this version";
  }

  /**
   * SQLSTATE class 08 (connection exception) or 57P0x (the server shut down, restarts or is still
   * starting), unless the driver gave up waiting for an answer: a statement that timed out once
   * would time out again, and retrying would only double the wait.
   */
  @Override
  public boolean lostConnection(Throwable failure) {
    if (causedBy(failure, SocketTimeoutException.class)) {
      return false;
    }
    return sqlStates(failure).anyMatch(s -> s.startsWith("08") || s.startsWith("57P0"));
  }

  /** SQLSTATE 42501, insufficient privilege, anywhere in the chain of causes. */
  static boolean isPermissionDenied(Throwable failure) {
    return sqlStates(failure).anyMatch("42501"::equals);
  }

  /** The first SQLSTATE in the chain of causes. */
  static Optional<String> sqlState(Throwable failure) {
    return sqlStates(failure).findFirst();
  }

  static Stream<String> sqlStates(Throwable failure) {
    return Stream.iterate(failure, Objects::nonNull, Throwable::getCause)
        .filter(SQLException.class::isInstance)
        .map(cause -> ((SQLException) cause).getSQLState())
        .filter(Objects::nonNull);
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
