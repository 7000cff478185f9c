package dev.temperature.application.port.out;

import java.time.Instant;

/** Recomputes rollups from the readings, for readings written behind the store's back. */
public interface RebuildRollups {
  /**
   * Replaces the hourly rollups of every room for the hours starting in {@code [from, to)}, and the
   * daily rollups of the UTC days those hours belong to, by what the readings say now; a rollup
   * whose hour has no reading any more is removed. Both ends are whole hours. Safe while readings
   * are written: a write waits for, or is seen by, the rebuild of its hour.
   *
   * @return how many hourly rollups the hours hold afterwards
   */
  long rebuildRollups(Instant from, Instant to);
}
