package dev.temperature.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * What the rest of the configuration asks of every store, whichever engine it is.
 *
 * @param queryTimeout the time budget of one query ({@code queries.timeout}): a query still running
 *     after it is stopped, and the request answered 503, so that slow reads cannot hold the store's
 *     connections or the server's threads for long
 */
public record StorageSettings(Duration queryTimeout) {
  public static final StorageSettings DEFAULT = new StorageSettings(Duration.ofSeconds(10));

  public StorageSettings {
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    if (queryTimeout.isNegative() || queryTimeout.isZero()) {
      throw new IllegalArgumentException("the query timeout must be positive, got " + queryTimeout);
    }
  }
}
