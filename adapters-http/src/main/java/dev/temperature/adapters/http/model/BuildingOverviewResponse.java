package dev.temperature.adapters.http.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.application.port.in.BuildingOverview;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Temperature;
import java.util.List;

/**
 * A page of {@code GET /api/v1/buildings/{buildingId}/overview}: each room's newest reading and its
 * average over the window, rooms in ascending order of id, and the link to the next page, null on
 * the last one.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BuildingOverviewResponse(
    @JsonProperty("building_id") String buildingId,
    @JsonProperty("duration") String duration,
    @JsonProperty("from") String from,
    @JsonProperty("to") String to,
    @JsonProperty("rooms") List<Room> rooms,
    @JsonProperty("next") String next,
    @JsonProperty("resolution") String resolution) {

  /** One room: its newest reading, however old, and the average of its readings in the window. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Room(
      @JsonProperty("room_id") String roomId,
      @JsonProperty("latest") ReadingListResponse.Item latest,
      @JsonProperty("average") Double average,
      @JsonProperty("count") long count) {

    static Room of(RoomOverview room) {
      return new Room(
          room.room().value(),
          ReadingListResponse.Item.of(room.latest()),
          room.recent().mean().map(Temperature::celsius).orElse(null),
          room.recent().count());
    }
  }

  public static BuildingOverviewResponse of(
      BuildingOverview overview, String duration, String next) {
    return new BuildingOverviewResponse(
        overview.building().value(),
        duration,
        Timestamps.format(overview.window().from()),
        Timestamps.format(overview.window().to()),
        overview.rooms().stream().map(Room::of).toList(),
        next,
        overview.resolution().label());
  }
}
