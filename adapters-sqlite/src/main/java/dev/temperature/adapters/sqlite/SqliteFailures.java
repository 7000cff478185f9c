package dev.temperature.adapters.sqlite;

import dev.temperature.adapters.jdbc.FailurePolicy;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * SQLite's result codes: a few describe the statement (a bug or a file from another release);
 * everything else, a lock held past the busy timeout, a full disk, an I/O error, leaves the file
 * unusable for now. A file has no connection to lose, so nothing is retried.
 */
final class SqliteFailures implements FailurePolicy {
  /**
   * Primary result codes that describe the statement, not the file's state: ERROR (1, a missing
   * table or bad SQL), TOOBIG (18), CONSTRAINT (19), MISMATCH (20) and RANGE (25).
   */
  private static final Set<Integer> REFUSED_CODES = Set.of(1, 18, 19, 20, 25);

  @Override
  public String engine() {
    return "SQLite";
  }

  @Override
  public Optional<String> refusal(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && REFUSED_CODES.contains(sql.getErrorCode())) {
        return Optional.of("result code " + sql.getErrorCode());
      }
    }
    return Optional.empty();
  }

  @Override
  public String refusalHint() {
    return "the database file may not match this version";
  }

  @Override
  public boolean lostConnection(Throwable failure) {
    return false;
  }
}
