package dev.temperature.adapters.http.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.domain.Reading;

/** A stored reading, as answered by {@code POST .../temperatures}. */
public record ReadingResponse(
    @JsonProperty("building_id") String buildingId,
    @JsonProperty("room_id") String roomId,
    @JsonProperty("temperature") double temperature,
    @JsonProperty("recorded_at") String recordedAt) {

  public static ReadingResponse of(Reading reading) {
    return new ReadingResponse(
        reading.building().value(),
        reading.room().value(),
        reading.temperature().celsius(),
        Timestamps.format(reading.recordedAt()));
  }
}
