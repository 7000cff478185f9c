package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rules of the domain where they turn: the values just inside and just outside. */
class RulesAtTheirEdgesTest {
  private static final Instant NOW = Instant.parse("2024-12-10T17:00:00Z");
  private static final BuildingId BUILDING = new BuildingId("b1");
  private static final RoomId ROOM = new RoomId("r1");

  @Test
  void aMaximumOfNoWholeDaysIsNamedInIsoForm() {
    assertThatThrownBy(() -> Lookback.parse("37h").requireAtMost(Duration.ofHours(36)))
        .hasMessageContaining("maximum of PT36H");
  }

  @Test
  void aLengthFinerThanAMillisecondIsRefused() {
    assertThatThrownBy(() -> new Lookback("x", Duration.ofNanos(1_500_000)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("finer than a millisecond");
    assertThat(new Lookback("x", Duration.ofMillis(2)).length()).isEqualTo(Duration.ofMillis(2));
  }

  @Test
  void aLookbackResolvesToTheWindowEndingNow() {
    Lookback hour = Lookback.parse("1h");

    assertThat(hour.resolve(NOW)).isEqualTo(hour.endingAt(NOW));
  }

  @Test
  void aMomentInsideTheRangeOfWindowsIsReturnedAsItIs() {
    assertThat(Window.requireInRange("from", NOW)).isSameAs(NOW);
    assertThat(Window.requireInRange("to", Window.LATEST)).isSameAs(Window.LATEST);
  }

  @Test
  void anIdentifierIsItsTextAndAMissingOneIsRefusedByTheRule() {
    assertThat(new RoomId("kitchen").value()).isEqualTo("kitchen");
    assertThat(new RoomId("kitchen").toString()).isEqualTo("kitchen");
    assertThat(new BuildingId("main").toString()).isEqualTo("main");
    assertThatThrownBy(() -> new RoomId(null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> new BuildingId(""))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("must not be empty");
  }

  @Test
  void aReadingOlderThanTheStoreKeepsIsRefusedAndAYoungerOneKept() {
    Duration retention = Duration.ofDays(30);
    ReadingPolicy policy = ReadingPolicy.DEFAULT;
    Instant oldest = NOW.minus(retention).plus(policy.maxFutureSkew());
    Reading kept = new Reading(BUILDING, ROOM, Temperature.celsius(20), oldest);
    Reading dropped = new Reading(BUILDING, ROOM, Temperature.celsius(20), oldest.minusMillis(1));

    assertThat(policy.checkRetained(kept, NOW, retention)).isSameAs(kept);
    assertThatThrownBy(() -> policy.checkRetained(dropped, NOW, retention))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("older than readings are kept");
  }

  @Test
  void aRoomsOverviewNamesItsRoom() {
    Reading latest = new Reading(BUILDING, ROOM, Temperature.celsius(20), NOW);
    RoomOverview overview = new RoomOverview(latest, Aggregate.EMPTY);

    assertThat(overview.room()).isEqualTo(ROOM);
  }
}
