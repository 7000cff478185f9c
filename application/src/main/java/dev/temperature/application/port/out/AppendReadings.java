package dev.temperature.application.port.out;

import dev.temperature.domain.Reading;
import java.util.List;

/** Stores readings durably. */
public interface AppendReadings {
  /**
   * Stores every reading, or none of them, before returning.
   *
   * <p>A reading with the same building, room and {@code recordedAt} as a stored one replaces its
   * temperature (last write wins); within one call, the later element wins.
   *
   * @throws StorageUnavailableException when the store cannot be reached or refuses the write; then
   *     nothing was acknowledged and the caller may retry.
   */
  void append(List<Reading> readings);
}
