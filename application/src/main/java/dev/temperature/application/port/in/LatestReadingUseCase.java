package dev.temperature.application.port.in;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import java.util.Optional;

/** Answers "what is it now in this room?": its newest reading. */
public interface LatestReadingUseCase {
  /** The room's newest reading, however old; empty when the room has none. */
  Optional<Reading> latest(BuildingId building, RoomId room);
}
