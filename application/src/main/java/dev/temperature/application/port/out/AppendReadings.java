package dev.temperature.application.port.out;

import dev.temperature.domain.Reading;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Stores readings durably. */
public interface AppendReadings {
  /**
   * Stores every reading, or none of them, before returning.
   *
   * <p>A reading with the same building, room and {@code recordedAt} as a stored one replaces its
   * temperature (last write wins); within one call, the later element wins.
   *
   * @throws StorageUnavailableException when the store cannot be reached or cannot take the write
   *     now; nothing was acknowledged and the caller may retry.
   * @throws StorageRefusedException when the store refused what was sent (a schema from another
   *     release, say); retrying cannot help.
   */
  void append(List<Reading> readings);

  /**
   * How long the store keeps a reading, when it drops older ones (an InfluxDB bucket's retention);
   * empty when it keeps everything. Readings older than that are refused before they are sent,
   * rather than silently dropped by the store.
   */
  default Optional<Duration> retention() {
    return Optional.empty();
  }
}
