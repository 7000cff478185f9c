package dev.temperature.application.port.in;

import java.time.Instant;

/** Recomputes the hourly and daily rollups from the readings (an operator's command). */
public interface RebuildRollupsUseCase {
  /**
   * Rebuilds the rollups of the hours in {@code [from, to)} whose readings are still kept; hours
   * whose readings are gone keep the rollups they have, the only record of them left.
   *
   * @return what was rebuilt
   */
  Rebuilt rebuild(Instant from, Instant to);

  /**
   * The hours {@code [from, to)} that were rebuilt (empty when none were kept), and how many hourly
   * rollups they hold now.
   */
  record Rebuilt(Instant from, Instant to, long hourlyRollups) {}
}
