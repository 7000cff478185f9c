package dev.temperature.adapters.influx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.InfluxDBClient;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Span;
import dev.temperature.domain.Temperature;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How InfluxDB's rollups are sealed behind the readings, on the real server with a clock the test
 * moves: readings of open hours cost no rollup write, late ones are rolled up before they are
 * acknowledged, sealing catches up, and questions read rollups of sealed hours only. Each test has
 * a measurement of its own, so its sealed mark is its own.
 */
@RequiresService(Service.INFLUXDB)
class InfluxRollupsTest {
  private static TestInflux influx;
  private static final BuildingId BUILDING = new BuildingId("b");
  private static final RoomId ROOM = new RoomId("r");
  private static final Instant NOON = Instant.parse("2024-06-10T12:30:00Z");

  private final MovingClock clock = new MovingClock(NOON);
  private InfluxDBClient client;
  private InfluxTarget target;
  private InfluxReadingStore store;

  /** A clock the test sets. */
  private static final class MovingClock extends Clock {
    private volatile Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeAll
  static void connect() {
    influx = TestInflux.require();
  }

  @AfterAll
  static void disconnect() throws Exception {
    influx.close();
  }

  @BeforeEach
  void open() {
    client = influx.client();
    InfluxStorageFactory factory = influx.factory();
    factory.setMeasurement("m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    target = factory.target();
    influx.store(); // makes the rollup bucket if it is missing
    store =
        new InfluxReadingStore(
            client.getWriteApiBlocking(),
            client.getDeleteApi(),
            new InfluxQlEndpoint(new OkHttpClient(), influx.url, influx.token),
            target,
            Optional.empty(),
            Optional.empty(),
            clock);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static Reading reading(double celsius, Instant at) {
    return new Reading(BUILDING, ROOM, Temperature.celsius(celsius), at);
  }

  /** What the rollup bucket holds for the hour, read directly. */
  private long hourlyRollups(Instant hour) {
    JsonNode result =
        new InfluxQlEndpoint(new OkHttpClient(), influx.url, influx.token)
            .run(
                target.database(),
                InfluxQl.rollupRows(
                    InfluxQl.qualified(target.rollupDatabase(), target.hourly()),
                    BUILDING.value(),
                    ROOM.value(),
                    hour.toEpochMilli(),
                    hour.plusSeconds(3600).toEpochMilli()));
    return result.path("series").path(0).path("values").size();
  }

  private Aggregate hours(Instant from, Instant to) {
    return store.aggregates(BUILDING, ROOM, List.of(Span.hours(from, to))).get(0);
  }

  @Test
  void theFirstSealComputesEveryRollupFromTheReadingsAndMarksHowFar() {
    Instant early = Instant.parse("2024-06-09T08:10:00Z");
    influx.appendReadingsOnly(
        List.of(
            new Reading(BUILDING, ROOM, Temperature.celsius(1), early),
            new Reading(BUILDING, ROOM, Temperature.celsius(3), early.plusSeconds(60))),
        target.measurement());

    store.rollups().advance();

    assertThat(store.rollups().sealedUntil()).hasValue(Instant.parse("2024-06-10T09:00:00Z"));
    assertThat(hourlyRollups(Instant.parse("2024-06-09T08:00:00Z"))).isEqualTo(1);
    assertThat(
            store
                .aggregates(
                    BUILDING,
                    ROOM,
                    List.of(
                        Span.days(
                            Instant.parse("2024-06-09T00:00:00Z"),
                            Instant.parse("2024-06-10T00:00:00Z"))))
                .get(0))
        .isEqualTo(new Aggregate(2, 4, 1, 3));
  }

  @Test
  void readingsOfOpenHoursAreRolledUpOnlyWhenTheirHourIsSealed() {
    store.rollups().advance();
    Instant eleven = Instant.parse("2024-06-10T11:00:00Z");

    store.append(List.of(reading(21.0, eleven.plusSeconds(600))));

    assertThat(hourlyRollups(eleven)).as("no rollup write for an open hour").isZero();
    assertThat(hours(eleven, eleven.plusSeconds(3600)))
        .as("an open hour is answered from its readings")
        .isEqualTo(new Aggregate(1, 21.0, 21.0, 21.0));

    clock.now = NOON.plus(Duration.ofHours(3));
    store.rollups().advance();

    assertThat(store.rollups().sealedUntil()).hasValue(Instant.parse("2024-06-10T12:00:00Z"));
    assertThat(hourlyRollups(eleven)).isEqualTo(1);
    assertThat(hours(eleven, eleven.plusSeconds(3600)))
        .isEqualTo(new Aggregate(1, 21.0, 21.0, 21.0));
  }

  @Test
  void aLateReadingIsRolledUpBeforeItsWriteReturns() {
    store.rollups().advance();
    Instant seven = Instant.parse("2024-06-10T07:00:00Z");
    store.append(List.of(reading(20.0, seven.plusSeconds(60))));
    // Readings behind the store's back show that the next answer comes from the rollup.
    influx.appendReadingsOnly(List.of(reading(50.0, seven.plusSeconds(120))), target.measurement());

    assertThat(hourlyRollups(seven)).isEqualTo(1);
    assertThat(hours(seven, seven.plusSeconds(3600))).isEqualTo(new Aggregate(1, 20.0, 20.0, 20.0));

    store.append(List.of(reading(10.0, seven.plusSeconds(60))));

    assertThat(hours(seven, seven.plusSeconds(3600)))
        .as("a correction recomputes the hour from every reading in it")
        .isEqualTo(new Aggregate(2, 60.0, 10.0, 50.0));
  }

  @Test
  void spansAreSplitWhereTheRollupsAreNotSealedYet() {
    store.rollups().advance();
    Instant sealed = store.rollups().sealedUntil().orElseThrow();
    List<Span> asked =
        List.of(
            Span.days(Instant.parse("2024-06-08T00:00:00Z"), Instant.parse("2024-06-11T00:00:00Z")),
            Span.hours(
                Instant.parse("2024-06-10T05:00:00Z"), Instant.parse("2024-06-10T11:00:00Z")),
            Span.raw(Instant.parse("2024-06-10T11:00:00Z"), Instant.parse("2024-06-10T11:30:00Z")));
    List<Integer> owner = new ArrayList<>();

    List<Span> readable = store.rollups().readable(asked, owner);

    assertThat(sealed).isEqualTo(Instant.parse("2024-06-10T09:00:00Z"));
    assertThat(readable)
        .containsExactly(
            Span.days(Instant.parse("2024-06-08T00:00:00Z"), Instant.parse("2024-06-10T00:00:00Z")),
            Span.hours(Instant.parse("2024-06-10T00:00:00Z"), sealed),
            Span.raw(sealed, Instant.parse("2024-06-11T00:00:00Z")),
            Span.hours(Instant.parse("2024-06-10T05:00:00Z"), sealed),
            Span.raw(sealed, Instant.parse("2024-06-10T11:00:00Z")),
            asked.get(2));
    assertThat(owner).containsExactly(0, 0, 0, 1, 1, 2);
  }

  @Test
  void beforeTheFirstSealEveryRollupSpanIsReadRaw() {
    List<Integer> owner = new ArrayList<>();
    Span day =
        Span.days(Instant.parse("2024-06-08T00:00:00Z"), Instant.parse("2024-06-09T00:00:00Z"));

    assertThat(store.rollups().readable(List.of(day), owner))
        .containsExactly(Span.raw(day.from(), day.to()));
    assertThat(owner).containsExactly(0);
  }
}
