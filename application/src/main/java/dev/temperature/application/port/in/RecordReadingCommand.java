package dev.temperature.application.port.in;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A reading as a client reports it; without {@code recordedAt} it was taken now. */
public record RecordReadingCommand(
    BuildingId building, RoomId room, Temperature temperature, Optional<Instant> recordedAt) {
  public RecordReadingCommand {
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
