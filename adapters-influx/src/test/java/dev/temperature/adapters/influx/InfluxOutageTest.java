package dev.temperature.adapters.influx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An InfluxDB that cannot be reached is "unavailable" (503 at the edge), for reads and writes. */
class InfluxOutageTest {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  private static final String NOWHERE = "http://127.0.0.1:1";
  private final InfluxDBClient client =
      InfluxDBClientFactory.create(NOWHERE, "token".toCharArray(), "org", "bucket");
  private final InfluxReadingStore store =
      new InfluxReadingStore(
          client.getWriteApiBlocking(),
          client.getDeleteApi(),
          new InfluxQlEndpoint(new OkHttpClient(), NOWHERE, "token"),
          new InfluxTarget("org", "bucket", "bucket", "temperature"),
          Optional.empty(),
          Optional.empty(),
          Clock.systemUTC());

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aWriteThatCannotBeDeliveredIsUnavailable() {
    Reading reading =
        new Reading(new BuildingId("b"), new RoomId("r"), Temperature.celsius(20), Instant.EPOCH);

    assertThatThrownBy(() -> store.append(List.of(reading)))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("InfluxDB could not store readings");
  }

  @Test
  void aQueryThatCannotBeDeliveredIsUnavailable() {
    assertThatThrownBy(
            () ->
                store.aggregate(
                    new BuildingId("b"), new RoomId("r"), new Window(Instant.EPOCH, Instant.EPOCH)))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("InfluxDB could not aggregate readings");
  }

  @Test
  void seriesListingsAndRoomsThatCannotBeDeliveredAreUnavailable() {
    BuildingId building = new BuildingId("b");
    RoomId room = new RoomId("r");
    Window window = new Window(Instant.EPOCH, Instant.EPOCH);

    assertThatThrownBy(() -> store.buckets(building, room, window, Interval.parse("1h")))
        .isInstanceOf(StorageUnavailableException.class);
    assertThatThrownBy(() -> store.newestFirst(building, room, window, 10))
        .isInstanceOf(StorageUnavailableException.class);
    assertThatThrownBy(store::buildings).isInstanceOf(StorageUnavailableException.class);
    assertThatThrownBy(() -> store.rooms(building)).isInstanceOf(StorageUnavailableException.class);
  }
}
