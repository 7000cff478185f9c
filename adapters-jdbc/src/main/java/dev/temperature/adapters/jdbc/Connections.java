package dev.temperature.adapters.jdbc;

import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * One pool as the store reaches it: JDBI over the pool, how to close every pooled connection, which
 * the store does before its one retry after a lost connection (after a database restart or a
 * failover every pooled connection is dead), and which database it reaches, for messages.
 *
 * @param database empty when the store's writes and queries reach the same database (on pools of
 *     their own or not); else what an operator calls this one, e.g. {@code primary} or {@code read
 *     database}, named after the engine in every failure
 */
public record Connections(Jdbi jdbi, Runnable discardPooled, String database) {
  public Connections {
    Objects.requireNonNull(jdbi);
    Objects.requireNonNull(discardPooled);
    Objects.requireNonNull(database);
  }

  /** A pool on the store's one database. */
  public Connections(Jdbi jdbi, Runnable discardPooled) {
    this(jdbi, discardPooled, "");
  }
}
