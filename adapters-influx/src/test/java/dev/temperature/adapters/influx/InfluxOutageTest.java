package dev.temperature.adapters.influx;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

  /**
   * A server that takes the connection and the request and never answers, as an InfluxDB busy with
   * slow queries: the query is given up once its budget is spent, whatever the read timeout.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aQueryWithoutAnAnswerWithinItsBudgetIsUnavailableOnceTheBudgetIsSpent() throws Exception {
    Duration budget = Duration.ofMillis(300);
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      InfluxConnection.Settings settings =
          new InfluxConnection.Settings(
              url,
              "token",
              new InfluxTarget("org", "bucket", "bucket", "temperature"),
              Duration.ofSeconds(5),
              Duration.ofSeconds(30),
              Duration.ofSeconds(30),
              budget);
      InfluxReadingStore slow =
          new InfluxReadingStore(
              client.getWriteApiBlocking(),
              client.getDeleteApi(),
              new InfluxQlEndpoint(InfluxConnection.queryClient(settings), url, "token"),
              new InfluxTarget("org", "bucket", "bucket", "temperature"),
              Optional.empty(),
              Optional.empty(),
              Clock.systemUTC());

      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  slow.aggregate(
                      new BuildingId("b"),
                      new RoomId("r"),
                      new Window(Instant.EPOCH, Instant.EPOCH)))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessageContaining("InfluxDB could not aggregate readings");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(budget)
          .isLessThan(Duration.ofSeconds(5));
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }
}
