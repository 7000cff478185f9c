package dev.temperature.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.in.InvalidReadingsException;
import dev.temperature.application.port.in.RecordReadingCommand;
import dev.temperature.application.port.out.AppendReadings;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Reading;
import dev.temperature.domain.ReadingPolicy;
import dev.temperature.domain.Retention;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordReadingServiceTest {
  private static final Instant NOW = Instant.parse("2024-12-10T16:45:00.123456Z");
  private static final BuildingId BUILDING = new BuildingId("b1");
  private static final RoomId ROOM = new RoomId("r1");

  private final InMemoryReadingStore store = new InMemoryReadingStore();
  private final RecordReadingService service =
      new RecordReadingService(store, ReadingPolicy.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void storesTheReadingAtTheGivenTime() {
    Instant at = Instant.parse("2024-12-10T16:00:00Z");
    Reading stored = service.record(command(10.5, Optional.of(at)));

    assertThat(stored.recordedAt()).isEqualTo(at);
    assertThat(store.aggregate(BUILDING, ROOM, new Window(at, at)).sum()).isEqualTo(10.5);
  }

  @Test
  void aReadingWithoutTimeIsTakenNowToTheMillisecond() {
    Reading stored = service.record(command(20.0, Optional.empty()));

    assertThat(stored.recordedAt()).isEqualTo(Instant.parse("2024-12-10T16:45:00.123Z"));
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void refusesImplausibleTemperaturesAndStoresNothing() {
    assertThatThrownBy(() -> service.record(command(500.0, Optional.empty())))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).subject())
        .isEqualTo(InvalidValueException.Subject.TEMPERATURE);
    assertThat(store.size()).isZero();
  }

  @Test
  void refusesReadingsFromTooFarInTheFutureAndStoresNothing() {
    assertThatThrownBy(() -> service.record(command(20.0, Optional.of(NOW.plusSeconds(301)))))
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).subject())
        .isEqualTo(InvalidValueException.Subject.RECORDED_AT);
    assertThat(store.size()).isZero();
  }

  @Test
  void refusesReadingsTheStoreWouldDropForItsRetentionAndStoresNothing() {
    store.keepFor(Duration.ofDays(30));
    // The service asks the store for its retention once, when it is made.
    RecordReadingService service =
        new RecordReadingService(store, ReadingPolicy.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    // The store's clock may be ahead by the future skew (5 minutes): the edge moves that much.
    // NOW has microseconds; the first whole millisecond at or after the edge is kept.
    Instant edge =
        NOW.minus(Duration.ofDays(30))
            .plus(Duration.ofMinutes(5))
            .truncatedTo(ChronoUnit.MILLIS)
            .plusMillis(1);

    assertThat(service.record(command(20.0, Optional.of(edge)))).isNotNull();
    assertThatThrownBy(() -> service.record(command(20.0, Optional.of(edge.minusMillis(1)))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("retention 2592000 s less 300 s for clock skew");
    assertThatThrownBy(
            () -> service.record(command(20.0, Optional.of(NOW.minus(Duration.ofDays(31))))))
        .isInstanceOf(InvalidValueException.class);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void refusesToStartWhenTheRetentionLeavesNoReadingToAccept() {
    InMemoryReadingStore shortLived = new InMemoryReadingStore();
    shortLived.keepFor(Duration.ofMinutes(5));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    assertThatThrownBy(() -> new RecordReadingService(shortLived, ReadingPolicy.DEFAULT, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no longer than readings.maxFutureSkew");
    shortLived.keepFor(Duration.ofMinutes(6));
    assertThat(
            new RecordReadingService(shortLived, ReadingPolicy.DEFAULT, clock)
                .record(command(20.0, Optional.empty())))
        .isNotNull();
  }

  @Test
  void asksTheStoreForItsRetentionOnceNotPerReading() {
    AtomicInteger asked = new AtomicInteger();
    AppendReadings counting =
        new AppendReadings() {
          @Override
          public void append(List<Reading> readings) {
            store.append(readings);
          }

          @Override
          public Optional<Duration> retention() {
            asked.incrementAndGet();
            return Optional.of(Duration.ofDays(30));
          }
        };
    RecordReadingService service =
        new RecordReadingService(counting, ReadingPolicy.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    service.record(command(20.0, Optional.empty()));
    service.recordAll(List.of(command(21.0, Optional.of(NOW.minusSeconds(1)))));

    assertThat(asked).hasValue(1);
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void letsStorageFailuresThroughSoTheCallerIsNotToldItWasStored() {
    store.failWith(true);
    assertThatThrownBy(() -> service.record(command(20.0, Optional.empty())))
        .isInstanceOf(StorageUnavailableException.class);
  }

  @Test
  void aBatchIsStoredWhole() {
    int stored =
        service.recordAll(
            List.of(
                command(20.0, Optional.of(NOW.minusSeconds(60))),
                command(21.0, Optional.of(NOW.minusSeconds(30)))));

    assertThat(stored).isEqualTo(2);
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void aBatchWithAnyBadReadingStoresNothingAndNamesEachByPosition() {
    assertThatThrownBy(
            () ->
                service.recordAll(
                    List.of(
                        command(20.0, Optional.empty()),
                        command(500.0, Optional.empty()),
                        command(20.0, Optional.of(NOW.plusSeconds(3600))))))
        .isInstanceOfSatisfying(
            InvalidReadingsException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.index() + ":" + v.violation().subject())
                    .containsExactly("1:TEMPERATURE", "2:RECORDED_AT"));
    assertThat(store.size()).isZero();
  }

  private static RecordReadingCommand command(double celsius, Optional<Instant> at) {
    return new RecordReadingCommand(BUILDING, ROOM, Temperature.celsius(celsius), at);
  }

  @Test
  void readingsOlderThanTheRetentionOfReadingsAreRefusedWhateverTheStoreKeeps() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    RecordReadingService kept =
        new RecordReadingService(
            store,
            ReadingPolicy.DEFAULT,
            new Retention(Optional.of(Duration.ofDays(30)), Optional.empty()),
            clock);
    Instant edge =
        NOW.minus(Duration.ofDays(30))
            .plus(ReadingPolicy.DEFAULT_MAX_FUTURE_SKEW)
            .truncatedTo(ChronoUnit.MILLIS);

    assertThat(kept.record(command(20.0, Optional.of(edge.plusMillis(1)))).recordedAt())
        .isEqualTo(edge.plusMillis(1));
    assertThatThrownBy(() -> kept.record(command(20.0, Optional.of(edge))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("older than readings are kept");
  }

  @Test
  void theShorterOfTheStoresRetentionAndTheConfiguredOneIsKept() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    InMemoryReadingStore weekly = new InMemoryReadingStore();
    weekly.keepFor(Duration.ofDays(7));
    Instant tenDaysAgo = NOW.minus(Duration.ofDays(10));
    Instant threeDaysAgo = NOW.minus(Duration.ofDays(3));

    RecordReadingService longer =
        new RecordReadingService(
            weekly,
            ReadingPolicy.DEFAULT,
            new Retention(Optional.of(Duration.ofDays(30)), Optional.empty()),
            clock);
    RecordReadingService shorter =
        new RecordReadingService(
            weekly,
            ReadingPolicy.DEFAULT,
            new Retention(Optional.of(Duration.ofDays(2)), Optional.empty()),
            clock);

    assertThatThrownBy(() -> longer.record(command(20.0, Optional.of(tenDaysAgo))))
        .isInstanceOf(InvalidValueException.class);
    assertThat(longer.record(command(20.0, Optional.of(threeDaysAgo)))).isNotNull();
    assertThatThrownBy(() -> shorter.record(command(20.0, Optional.of(threeDaysAgo))))
        .isInstanceOf(InvalidValueException.class);
  }
}
