package dev.temperature.adapters.http.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.domain.Reading;
import java.util.List;

/**
 * A page of {@code GET .../temperatures}: readings newest first, and the link to the next (older)
 * page, null on the last one.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReadingListResponse(
    @JsonProperty("building_id") String buildingId,
    @JsonProperty("room_id") String roomId,
    @JsonProperty("readings") List<Item> readings,
    @JsonProperty("next") String next) {

  /** One reading of the room. */
  public record Item(
      @JsonProperty("temperature") double temperature,
      @JsonProperty("recorded_at") String recordedAt) {
    static Item of(Reading reading) {
      return new Item(reading.temperature().celsius(), Timestamps.format(reading.recordedAt()));
    }
  }

  public static ReadingListResponse of(
      String building, String room, List<Reading> readings, String next) {
    return new ReadingListResponse(building, room, readings.stream().map(Item::of).toList(), next);
  }
}
