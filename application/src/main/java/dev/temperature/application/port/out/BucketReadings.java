package dev.temperature.application.port.out;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.util.List;

/** Aggregates a room per time bucket, in the database (time_bucket, GROUP BY time, ...). */
public interface BucketReadings {
  /**
   * The aggregate of each bucket that holds at least one reading of the room inside {@code window}
   * (both ends included), in ascending order of start. A bucket starts at a whole multiple of the
   * interval since 1970-01-01T00:00:00Z ({@link Interval#bucketStart}) and holds {@code [start,
   * start + interval)}. Empty buckets are left out; the domain fills them in.
   */
  List<TimeBucket> buckets(BuildingId building, RoomId room, Window window, Interval interval);
}
