package dev.temperature.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Removes what has passed its retention. Both calls are idempotent, so a crash part-way, a retry
 * and a second replica running them at the same time all end with the same store.
 */
public interface ExpireReadings {
  /**
   * Removes the readings recorded before {@code before}, with the engine's own means where it has
   * them (dropping whole TimescaleDB chunks, which may keep a few readings past the moment until
   * their chunk is wholly older). Never touches a rollup.
   */
  void expireReadings(Instant before);

  /** Removes the hourly and daily rollups that start before {@code before}. */
  void expireRollups(Instant before);

  /**
   * How long the store keeps rollups by itself (an InfluxDB bucket's retention), when it drops
   * older ones; empty when it keeps them until {@link #expireRollups} removes them.
   */
  default Optional<Duration> rollupRetention() {
    return Optional.empty();
  }
}
