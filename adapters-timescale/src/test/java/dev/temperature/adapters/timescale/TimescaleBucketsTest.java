package dev.temperature.adapters.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Buckets come from time_bucket when TimescaleDB is there and from date_bin when it is not; the
 * contract runs each on its own database, this shows the choice and that both align the same way.
 */
@RequiresService({Service.POSTGRES, Service.POSTGRES_PLAIN})
class TimescaleBucketsTest {
  private static final RoomId ROOM = new RoomId("r");
  private static final List<Instant> MOMENTS =
      List.of(
          Reading.EARLIEST,
          Instant.parse("1950-06-01T12:00:00.250Z"),
          Instant.parse("1969-12-31T23:59:59.999Z"),
          Instant.EPOCH,
          Instant.parse("2024-12-10T16:45:00.001Z"),
          Instant.parse("2024-12-12T00:00:00Z"));

  @Test
  void withTheExtensionBucketsComeFromTimeBucket() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      assertThat(new PostgresDialect(database.prepareAgain()).bucketsQuery())
          .contains("time_bucket(")
          .doesNotContain("date_bin(");
    }
  }

  @Test
  void withoutTheExtensionBucketsComeFromDateBin() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_PLAIN_URL")) {
      assertThat(new PostgresDialect(database.prepareAgain()).bucketsQuery())
          .contains("date_bin(")
          .doesNotContain("time_bucket(");
    }
  }

  @Test
  void timeBucketAndDateBinAlignLikeTheDomain() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      BuildingId building = new BuildingId("align-" + UUID.randomUUID().toString().substring(0, 8));
      List<Reading> readings = new ArrayList<>();
      for (Instant moment : MOMENTS) {
        readings.add(new Reading(building, ROOM, Temperature.celsius(20), moment));
      }
      database.store().append(readings);
      // PostgreSQL 15 has date_bin too, so both functions can run on the TimescaleDB database.
      ReadingStore timeBucket = database.store();
      ReadingStore dateBin =
          TestDatabase.storeOn(
              Jdbi.create(database.url, database.user, database.password),
              TimescaleFeatures.PLAIN_POSTGRESQL,
              () -> {});
      Window everything = new Window(Reading.EARLIEST, Instant.parse("2025-01-01T00:00:00Z"));

      for (String width : List.of("1s", "15m", "1h", "1d", "1w", "7s")) {
        Interval interval = Interval.parse(width);
        List<Instant> expected =
            MOMENTS.stream().map(interval::bucketStart).distinct().sorted().toList();

        assertThat(starts(timeBucket.buckets(building, ROOM, everything, interval)))
            .as("time_bucket, %s", width)
            .isEqualTo(expected);
        assertThat(starts(dateBin.buckets(building, ROOM, everything, interval)))
            .as("date_bin, %s", width)
            .isEqualTo(expected);
      }
    }
  }

  private static List<Instant> starts(List<TimeBucket> buckets) {
    return buckets.stream().map(TimeBucket::start).toList();
  }
}
