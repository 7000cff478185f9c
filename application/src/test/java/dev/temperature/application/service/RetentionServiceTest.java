package dev.temperature.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.in.ApplyRetentionUseCase.Applied;
import dev.temperature.application.port.in.RebuildRollupsUseCase.Rebuilt;
import dev.temperature.application.port.out.ExpireReadings;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.application.port.out.RebuildRollups;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.Retention;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Span;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionServiceTest {
  private static final Instant NOW = Instant.parse("2024-12-10T16:45:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final BuildingId BUILDING = new BuildingId("b1");
  private static final RoomId ROOM = new RoomId("r1");
  private static final Retention THIRTY_DAYS =
      new Retention(Optional.of(Duration.ofDays(30)), Optional.of(Duration.ofDays(400)));

  private final InMemoryReadingStore store = new InMemoryReadingStore();

  private static Reading reading(Instant at) {
    return new Reading(BUILDING, ROOM, Temperature.celsius(20), at);
  }

  /** Records what the service asks of the store. */
  private static final class Recorder implements ExpireReadings, RebuildRollups {
    final List<String> calls = new ArrayList<>();
    Optional<Duration> rollupRetention = Optional.empty();

    @Override
    public void expireReadings(Instant before) {
      calls.add("readings before " + before);
    }

    @Override
    public void expireRollups(Instant before) {
      calls.add("rollups before " + before);
    }

    @Override
    public Optional<Duration> rollupRetention() {
      return rollupRetention;
    }

    @Override
    public long rebuildRollups(Instant from, Instant to) {
      calls.add("rebuild " + from + " " + to);
      return 7;
    }
  }

  @Test
  void removesReadingsAndRollupsPastTheirRetention() {
    Recorder recorder = new Recorder();

    Applied applied = new RetentionService(recorder, recorder, store, THIRTY_DAYS, CLOCK).apply();

    assertThat(applied.readingsBefore()).hasValue(Instant.parse("2024-11-10T15:00:00Z"));
    assertThat(applied.rollupsBefore()).hasValue(Instant.parse("2023-11-06T00:00:00Z"));
    assertThat(recorder.calls)
        .containsExactly(
            "readings before 2024-11-10T15:00:00Z", "rollups before 2023-11-06T00:00:00Z");
  }

  @Test
  void leavesAloneWhatIsKeptForeverOrRemovedByTheStoreItself() {
    Recorder recorder = new Recorder();
    recorder.rollupRetention = Optional.of(Duration.ofDays(400));
    store.keepFor(Duration.ofDays(30));

    Applied applied = new RetentionService(recorder, recorder, store, THIRTY_DAYS, CLOCK).apply();
    Applied forever =
        new RetentionService(
                recorder, recorder, new InMemoryReadingStore(), Retention.FOREVER, CLOCK)
            .apply();

    assertThat(applied).isEqualTo(new Applied(Optional.empty(), Optional.empty()));
    assertThat(forever).isEqualTo(new Applied(Optional.empty(), Optional.empty()));
    assertThat(recorder.calls).isEmpty();
  }

  @Test
  void aFailedRunLeavesWhatItRemovedAndTheNextRunRemovesTheRest() {
    store.append(
        List.of(
            reading(NOW.minus(Duration.ofDays(60))),
            reading(NOW.minus(Duration.ofDays(40))),
            reading(NOW.minus(Duration.ofDays(1)))));
    RetentionService retention = new RetentionService(store, store, store, THIRTY_DAYS, CLOCK);
    Window all = new Window(Window.EARLIEST, NOW);
    store.failWith(true);

    assertThatThrownBy(retention::apply).isInstanceOf(StorageUnavailableException.class);
    store.failWith(false);
    retention.apply();
    retention.apply();

    assertThat(store.aggregate(BUILDING, ROOM, all).count()).isEqualTo(1);
    assertThat(
            store
                .aggregates(
                    BUILDING,
                    ROOM,
                    List.of(
                        Span.days(
                            Instant.parse("2024-10-01T00:00:00Z"),
                            Instant.parse("2024-12-11T00:00:00Z"))))
                .get(0)
                .count())
        .as("rollups outlive their readings")
        .isEqualTo(3);
  }

  @Test
  void rebuildsWholeHoursWhoseReadingsAreKeptOnly() {
    Recorder recorder = new Recorder();
    RetentionService retention =
        new RetentionService(recorder, recorder, store, THIRTY_DAYS, CLOCK);

    Rebuilt everything = retention.rebuild(Window.EARLIEST, NOW);
    Rebuilt partOfAnHour =
        retention.rebuild(
            Instant.parse("2024-12-01T10:15:00Z"), Instant.parse("2024-12-01T10:20:00Z"));
    Rebuilt tooOld = retention.rebuild(Window.EARLIEST, Instant.parse("2024-11-01T00:00:00Z"));

    assertThat(everything)
        .isEqualTo(
            new Rebuilt(
                Instant.parse("2024-11-10T17:00:00Z"), Instant.parse("2024-12-10T17:00:00Z"), 7));
    assertThat(partOfAnHour)
        .isEqualTo(
            new Rebuilt(
                Instant.parse("2024-12-01T10:00:00Z"), Instant.parse("2024-12-01T11:00:00Z"), 7));
    assertThat(tooOld.hourlyRollups()).isZero();
    assertThat(tooOld.from()).isEqualTo(tooOld.to());
    assertThat(recorder.calls)
        .containsExactly(
            "rebuild 2024-11-10T17:00:00Z 2024-12-10T17:00:00Z",
            "rebuild 2024-12-01T10:00:00Z 2024-12-01T11:00:00Z");
  }

  @Test
  void theStoresOwnRetentionMustAgreeWithTheConfiguration() {
    Recorder recorder = new Recorder();
    store.keepFor(Duration.ofDays(30));

    assertThat(RetentionService.effective(Retention.FOREVER, store, recorder).raw())
        .hasValue(Duration.ofDays(30));
    assertThat(RetentionService.effective(THIRTY_DAYS, store, recorder)).isEqualTo(THIRTY_DAYS);
    assertThat(RetentionService.effective(THIRTY_DAYS, new InMemoryReadingStore(), recorder))
        .isEqualTo(THIRTY_DAYS);
    recorder.rollupRetention = Optional.of(Duration.ofDays(500));
    assertThat(RetentionService.effective(Retention.FOREVER, store, recorder).rollups())
        .hasValue(Duration.ofDays(500));
    assertThatThrownBy(() -> RetentionService.effective(THIRTY_DAYS, store, recorder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention.rollups is PT9600H")
        .hasMessageContaining("storage itself keeps data for PT12000H");
    store.keepFor(Duration.ofDays(7));
    assertThatThrownBy(() -> RetentionService.effective(THIRTY_DAYS, store, new Recorder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention.raw");
    assertThat(Aggregate.EMPTY.count()).isZero();
  }
}
