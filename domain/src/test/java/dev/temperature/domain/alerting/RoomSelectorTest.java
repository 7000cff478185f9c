package dev.temperature.domain.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoomSelectorTest {
  private static final BuildingId MAIN = new BuildingId("main");
  private static final BuildingId ANNEX = new BuildingId("annex");
  private static final RoomId KITCHEN = new RoomId("kitchen");
  private static final RoomId HALL = new RoomId("hall");

  @Test
  void aRoomSelectorMatchesThatRoomOfThatBuildingOnly() {
    RoomSelector kitchen = RoomSelector.room(MAIN, KITCHEN);

    assertThat(kitchen.matches(MAIN, KITCHEN)).isTrue();
    assertThat(kitchen.matches(MAIN, HALL)).isFalse();
    assertThat(kitchen.matches(ANNEX, KITCHEN)).isFalse();
    assertThat(kitchen.building()).contains(MAIN);
  }

  @Test
  void aBuildingSelectorCoversEveryRoomOfItsBuildingAndNoOtherBuilding() {
    RoomSelector main = RoomSelector.building(MAIN);

    assertThat(main.matches(MAIN, HALL)).isTrue();
    assertThat(main.covers(ANNEX)).isFalse();
    assertThat(main.building()).contains(MAIN);
    assertThat(RoomSelector.everyRoom().building()).isEmpty();
    assertThat(RoomSelector.everyRoom().covers(ANNEX)).isTrue();
  }

  @Test
  void aMissingOrEmptyPatternIsRefusedNamingTheRoomsField() {
    assertThatThrownBy(() -> RoomSelector.matching(Optional.empty(), null))
        .isInstanceOf(InvalidAlertRuleException.class)
        .hasMessageContaining("must not be empty")
        .extracting(e -> ((InvalidAlertRuleException) e).field())
        .isEqualTo("rooms");
    assertThatThrownBy(() -> RoomSelector.matching(Optional.empty(), ""))
        .isInstanceOf(InvalidAlertRuleException.class)
        .hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> RoomSelector.matching(Optional.empty(), "freezer-("))
        .hasMessageContaining("'freezer-(' is not a valid pattern");
  }

  @Test
  void selectorsAreEqualWhenTheySelectTheSameRoomsThePatternComparedByItsText() {
    assertThat(RoomSelector.matching(Optional.of(MAIN), "f-[0-9]+"))
        .isEqualTo(RoomSelector.matching(Optional.of(MAIN), "f-[0-9]+"))
        .hasSameHashCodeAs(RoomSelector.matching(Optional.of(MAIN), "f-[0-9]+"))
        .isNotEqualTo(RoomSelector.matching(Optional.of(MAIN), "f-[0-9]*"))
        .isNotEqualTo(RoomSelector.matching(Optional.empty(), "f-[0-9]+"))
        .isNotEqualTo(RoomSelector.building(MAIN))
        .isNotEqualTo("f-[0-9]+");
    assertThat(RoomSelector.room(MAIN, KITCHEN))
        .isEqualTo(RoomSelector.room(MAIN, KITCHEN))
        .hasSameHashCodeAs(RoomSelector.room(MAIN, KITCHEN))
        .isNotEqualTo(RoomSelector.room(MAIN, HALL))
        .isNotEqualTo(RoomSelector.room(ANNEX, KITCHEN))
        .isNotEqualTo(RoomSelector.building(MAIN));
    assertThat(RoomSelector.building(MAIN).hashCode())
        .isNotEqualTo(RoomSelector.building(ANNEX).hashCode());
  }

  @Test
  void aSelectorDescribesItselfInWords() {
    assertThat(RoomSelector.room(MAIN, KITCHEN)).hasToString("kitchen of main");
    assertThat(RoomSelector.building(MAIN)).hasToString("every room of main");
    assertThat(RoomSelector.matching(Optional.empty(), "f-.*"))
        .hasToString("rooms matching f-.* of every building");
    assertThat(RoomSelector.everyRoom()).hasToString("every room of every building");
  }
}
