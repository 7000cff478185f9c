package dev.temperature.adapters.jdbc;

import java.util.Optional;

/**
 * How an engine's failures are sorted: a statement the engine refused (a bug or a schema that does
 * not match; retrying cannot help), a connection that went away (worth one more try on a fresh
 * one), or anything else the engine could not do right now.
 */
public interface FailurePolicy {
  /**
   * The engine's name as an operator knows it, for messages: {@code SQLite}, {@code PostgreSQL}.
   */
  String engine();

  /**
   * Why the engine refused the statement ({@code SQLSTATE 42P01}, {@code result code 1}), or empty
   * when the failure is not a refusal.
   */
  Optional<String> refusal(Throwable failure);

  /** What a refusal most likely means here, for the operator who reads the log. */
  String refusalHint();

  /**
   * Whether the connection was lost, so that the same statement may run once more on a fresh one.
   * Only safe because every statement of the store is idempotent.
   */
  boolean lostConnection(Throwable failure);
}
