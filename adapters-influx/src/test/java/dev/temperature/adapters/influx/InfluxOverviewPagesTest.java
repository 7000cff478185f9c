package dev.temperature.adapters.influx;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.WritePrecision;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The overview's pages on the real server when a building's rooms lie in different shard groups
 * (the test bucket keeps data forever, in one shard group per week): InfluxDB applies SLIMIT per
 * shard, so an answer can hold more rooms than asked for. And when another tool left tags that are
 * not ids among the rooms.
 */
@RequiresService(Service.INFLUXDB)
class InfluxOverviewPagesTest {
  /** Years apart: every room's readings in a shard group of their own. */
  private static final List<Instant> SHARDS =
      List.of(
          Instant.parse("2001-03-01T12:00:00Z"),
          Instant.parse("2009-07-01T12:00:00Z"),
          Instant.parse("2017-11-01T12:00:00Z"));

  private static final Window ALL_OF_THEM =
      new Window(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z"));

  private static TestInflux influx;

  @BeforeAll
  static void connect() {
    influx = TestInflux.require();
  }

  @AfterAll
  static void disconnect() throws Exception {
    influx.close();
  }

  @Test
  void aPageHoldsAtMostLimitRoomsAndThePagesHoldEveryRoomOnceInOrder() {
    BuildingId building = new BuildingId("shards-" + UUID.randomUUID());
    List<RoomId> rooms = new ArrayList<>();
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      RoomId room = new RoomId("r" + i);
      rooms.add(room);
      // Rooms next to each other in order lie in different shard groups; r0 in two of them.
      Instant at = SHARDS.get(i % SHARDS.size());
      readings.add(new Reading(building, room, Temperature.celsius(10 + i), at));
      if (i == 0) {
        readings.add(new Reading(building, room, Temperature.celsius(30), SHARDS.get(2)));
      }
    }
    influx.store().append(readings);

    List<RoomOverview> first = influx.store().overview(building, ALL_OF_THEM, Optional.empty(), 2);
    assertThat(first).extracting(RoomOverview::room).containsExactly(rooms.get(0), rooms.get(1));
    // r0's newest reading and its aggregate are over both of its shard groups.
    assertThat(first.get(0).latest().temperature()).isEqualTo(Temperature.celsius(30));
    assertThat(first.get(0).recent().count()).isEqualTo(2);

    for (int limit = 1; limit <= 4; limit++) {
      assertThat(everyPage(building, limit)).as("pages of %d", limit).isEqualTo(rooms);
    }
  }

  @Test
  void tagsThatAreNotIdsAreLeftOutWithoutShorteningThePage() {
    String building = "foreign-" + UUID.randomUUID();
    try (InfluxDBClient client = influx.client()) {
      for (String room : List.of("r1", "r1 x", "r1 y", "r2", "r3", "r3 z")) {
        client
            .getWriteApiBlocking()
            .writeRecord(
                WritePrecision.MS,
                LineProtocol.line(
                    "temperature",
                    building,
                    room,
                    20.0,
                    // One shard group: only the left-out tags may shorten a page.
                    SHARDS.get(0).toEpochMilli()));
      }
    }
    BuildingId id = new BuildingId(building);

    // "r1 x" and "r1 y" sort between r1 and r2: a page of three that only left them out would hold
    // one room and tell the caller there is nothing after it.
    assertThat(influx.store().overview(id, ALL_OF_THEM, Optional.empty(), 3))
        .extracting(RoomOverview::room)
        .containsExactly(new RoomId("r1"), new RoomId("r2"), new RoomId("r3"));
    assertThat(everyPage(id, 1))
        .containsExactly(new RoomId("r1"), new RoomId("r2"), new RoomId("r3"));
    assertThat(influx.store().rooms(id))
        .containsExactly(new RoomId("r1"), new RoomId("r2"), new RoomId("r3"));
  }

  /**
   * The rooms of every page, each asked after the last room of the one before, as a client does.
   */
  private static List<RoomId> everyPage(BuildingId building, int limit) {
    List<RoomId> seen = new ArrayList<>();
    Optional<RoomId> after = Optional.empty();
    for (int pages = 0; pages < 20; pages++) {
      List<RoomOverview> page = influx.store().overview(building, ALL_OF_THEM, after, limit);
      assertThat(page).hasSizeLessThanOrEqualTo(limit);
      page.forEach(room -> seen.add(room.room()));
      if (page.size() < limit) {
        return seen;
      }
      after = Optional.of(page.get(page.size() - 1).room());
    }
    throw new AssertionError("more than 20 pages: " + seen);
  }
}
