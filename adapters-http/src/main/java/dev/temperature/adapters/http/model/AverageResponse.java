package dev.temperature.adapters.http.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.domain.Average;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;

/**
 * The answer of {@code GET .../temperatures/average}. {@code average} is null, not absent, when the
 * window holds no reading, so clients can tell "no data" from a misspelt field. {@code resolution}
 * is {@code raw} when the answer is the readings' own, {@code hour} when part of the window is past
 * the readings' retention and was answered from hourly rollups.
 */
public record AverageResponse(
    @JsonProperty("building_id") String buildingId,
    @JsonProperty("room_id") String roomId,
    @JsonProperty("duration") String duration,
    @JsonProperty("from") String from,
    @JsonProperty("to") String to,
    @JsonProperty("average") @JsonInclude(JsonInclude.Include.ALWAYS) Double average,
    @JsonProperty("count") long count,
    @JsonProperty("resolution") String resolution) {

  public static AverageResponse of(
      BuildingId building, RoomId room, String duration, Average average) {
    return new AverageResponse(
        building.value(),
        room.value(),
        duration,
        Timestamps.format(average.window().from()),
        Timestamps.format(average.window().to()),
        average.value().map(Temperature::celsius).orElse(null),
        average.count(),
        average.resolution().label());
  }
}
