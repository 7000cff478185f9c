package dev.temperature.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.domain.RoomId;
import org.junit.jupiter.api.Test;

class ForeignIdsTest {
  @Test
  void aValidIdIsParsedAndAForeignOneIsLeftOut() {
    ForeignIds foreign = new ForeignIds();

    assertThat(foreign.parse("room", "kitchen", RoomId::new)).contains(new RoomId("kitchen"));
    assertThat(foreign.parse("room", "kitchen 2", RoomId::new)).isEmpty();
    assertThat(foreign.parse("room", "kitchen 2", RoomId::new)).isEmpty();
  }

  @Test
  void aStoredIdIsLoggedQuotedWithControlCharactersWrittenAsCodes() {
    assertThat(ForeignIds.printable("r1\nWARN forged line \"x\""))
        .isEqualTo("\"r1\\u000aWARN forged line \\u0022x\\u0022\"");
    assertThat(ForeignIds.printable("é")).isEqualTo("\"\\u00e9\"");
  }

  @Test
  void aLongStoredIdIsCutAndItsLengthSaid() {
    assertThat(ForeignIds.printable("x".repeat(200)))
        .isEqualTo("\"" + "x".repeat(80) + "\" (200 characters)");
  }
}
