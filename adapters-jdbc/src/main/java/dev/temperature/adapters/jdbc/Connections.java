package dev.temperature.adapters.jdbc;

import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * One database as the store reaches it: JDBI over its pool, and how to close every pooled
 * connection, which the store does before its one retry after a lost connection (after a database
 * restart or a failover every pooled connection is dead).
 */
public record Connections(Jdbi jdbi, Runnable discardPooled) {
  public Connections {
    Objects.requireNonNull(jdbi);
    Objects.requireNonNull(discardPooled);
  }
}
