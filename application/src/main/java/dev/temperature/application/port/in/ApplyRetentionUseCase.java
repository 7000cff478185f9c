package dev.temperature.application.port.in;

import java.time.Instant;
import java.util.Optional;

/** Removes what has passed the deployment's retention: the job that runs every so often. */
public interface ApplyRetentionUseCase {
  /**
   * Removes the readings and the rollups past their retention, except where the store removes them
   * by itself. Idempotent.
   *
   * @return the moments before which readings and rollups were removed, empty for what was left
   *     alone (kept forever, or removed by the store itself)
   */
  Applied apply();

  /** What one run removed: everything recorded before {@code readingsBefore}, and so on. */
  record Applied(Optional<Instant> readingsBefore, Optional<Instant> rollupsBefore) {}
}
