package dev.temperature.adapters.http.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Statistics;
import dev.temperature.domain.Temperature;

/** The answer of {@code GET .../temperatures/stats}; values are null when the window is empty. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatisticsResponse(
    @JsonProperty("building_id") String buildingId,
    @JsonProperty("room_id") String roomId,
    @JsonProperty("duration") String duration,
    @JsonProperty("from") String from,
    @JsonProperty("to") String to,
    @JsonProperty("count") long count,
    @JsonProperty("average") Double average,
    @JsonProperty("min") Double min,
    @JsonProperty("max") Double max,
    @JsonProperty("resolution") String resolution) {

  public static StatisticsResponse of(
      BuildingId building, RoomId room, String duration, Statistics stats) {
    return new StatisticsResponse(
        building.value(),
        room.value(),
        duration,
        Timestamps.format(stats.window().from()),
        Timestamps.format(stats.window().to()),
        stats.count(),
        stats.average().map(Temperature::celsius).orElse(null),
        stats.min().map(Temperature::celsius).orElse(null),
        stats.max().map(Temperature::celsius).orElse(null),
        stats.resolution().label());
  }
}
