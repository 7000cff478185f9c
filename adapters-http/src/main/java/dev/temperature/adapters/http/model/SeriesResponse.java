package dev.temperature.adapters.http.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Series;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Zone;
import java.util.List;

/**
 * The answer of {@code GET .../temperatures/series}: one bucket per interval, empty ones with count
 * 0 and null values, at most {@code queries.maxBuckets} of them; {@code next} links the rest.
 * {@code tz} is the zone whose calendar days, weeks and months were used, {@code resolution} how
 * finely the answer was computed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SeriesResponse(
    @JsonProperty("building_id") String buildingId,
    @JsonProperty("room_id") String roomId,
    @JsonProperty("duration") String duration,
    @JsonProperty("from") String from,
    @JsonProperty("to") String to,
    @JsonProperty("interval") String interval,
    @JsonProperty("tz") String tz,
    @JsonProperty("resolution") String resolution,
    @JsonProperty("buckets") List<Bucket> buckets,
    @JsonProperty("next") String next) {

  /** One bucket: from its start to the next bucket's start, clipped to the window. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Bucket(
      @JsonProperty("start") String start,
      @JsonProperty("count") long count,
      @JsonProperty("average") Double average,
      @JsonProperty("min") Double min,
      @JsonProperty("max") Double max) {

    static Bucket of(TimeBucket bucket) {
      Aggregate aggregate = bucket.aggregate();
      return new Bucket(
          Timestamps.format(bucket.start()),
          aggregate.count(),
          aggregate.mean().map(Temperature::celsius).orElse(null),
          aggregate.isEmpty() ? null : aggregate.min(),
          aggregate.isEmpty() ? null : aggregate.max());
    }
  }

  /**
   * @param next the relative link to the rest of the window, or null when this is the last page
   */
  public static SeriesResponse of(
      BuildingId building, RoomId room, String duration, Zone tz, Series series, String next) {
    return new SeriesResponse(
        building.value(),
        room.value(),
        duration,
        Timestamps.format(series.window().from()),
        Timestamps.format(series.window().to()),
        series.interval().text(),
        tz.toString(),
        series.resolution().label(),
        series.buckets().stream().map(Bucket::of).toList(),
        next);
  }
}
