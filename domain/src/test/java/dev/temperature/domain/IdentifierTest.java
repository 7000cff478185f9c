package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "B1", "main-building", "floor_2.room-3", "0", "x.y_z-w"})
  void acceptsLettersDigitsDotsUnderscoresAndDashes(String id) {
    assertThat(new BuildingId(id).value()).isEqualTo(id);
    assertThat(new RoomId(id).value()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-leading-dash",
        ".hidden",
        "_under",
        "has space",
        "slash/inside",
        "quote'inside",
        "double\"quote",
        "back\\slash",
        "semi;colon",
        "dollar${x}",
        "newline\n",
        "unicodé",
        "comma,tag=x"
      })
  void refusesAnythingElse(String id) {
    assertThatThrownBy(() -> new BuildingId(id)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new RoomId(id)).isInstanceOf(InvalidValueException.class);
  }

  @org.junit.jupiter.api.Test
  void acceptsSixtyFourCharactersButNotSixtyFive() {
    assertThat(new RoomId("r".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> new RoomId("r".repeat(65)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("at most 64");
  }

  @org.junit.jupiter.api.Test
  void refusesNullWithAMessageNamingTheKind() {
    assertThatThrownBy(() -> new BuildingId(null)).hasMessage("building id must not be empty");
    assertThatThrownBy(() -> new RoomId(null)).hasMessage("room id must not be empty");
  }
}
