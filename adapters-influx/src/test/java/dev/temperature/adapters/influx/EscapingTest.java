package dev.temperature.adapters.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.domain.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each escaper does with the characters that carry meaning in its language. */
class EscapingTest {

  @Test
  void lineProtocolEscapesCommasEqualsSignsAndSpacesInTags() {
    String line = LineProtocol.line("temperature", "a,b=c d", "x y", 21.5, 1733849100000L);

    assertThat(line)
        .isEqualTo(
            "temperature,building_id=a\\,b\\=c\\ d,room_id=x\\ y temperature=21.5 1733849100000");
  }

  @Test
  void lineProtocolEscapesCommasAndSpacesInTheMeasurement() {
    assertThat(LineProtocol.escapeMeasurement("room temp,x")).isEqualTo("room\\ temp\\,x");
  }

  @Test
  void lineProtocolRefusesWhatItCannotCarry() {
    assertThatThrownBy(() -> LineProtocol.line("temperature", "a\nb", "r", 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LineProtocol.line("temperature", "b", "back\\slash", 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "21.5, 21.5",
    "0.00001, 0.00001",
    "-273.15, -273.15",
    "1.0E20, 100000000000000000000",
    "21.123456789012345, 21.123456789012344",
    "20.0, 20",
    "0.0, 0"
  })
  void numbersAreWrittenInPlainDecimalsThatReadBackExactly(double value, String expected) {
    assertThat(LineProtocol.number(value)).isEqualTo(expected);
    assertThat(Double.parseDouble(LineProtocol.number(value))).isEqualTo(value);
  }

  @Test
  void influxQlQuotesIdentifiersAndStrings() {
    assertThat(InfluxQl.identifier("temp\"x")).isEqualTo("\"temp\\\"x\"");
    assertThat(InfluxQl.string("it's")).isEqualTo("'it\\'s'");
    assertThat(InfluxQl.string("back\\slash")).isEqualTo("'back\\\\slash'");
    assertThat(InfluxQl.string("a\nb")).isEqualTo("'a\\nb'");
  }

  @Test
  void aHostileIdStaysInsideItsStringLiteral() {
    Instant at = Instant.parse("2024-12-10T16:45:00Z");
    String query =
        InfluxQl.aggregate(
            "temperature", "b' OR \"building_id\" =~ /.*/ OR 'x", "r", new Window(at, at));

    assertThat(query)
        .contains("\"building_id\" = 'b\\' OR \"building_id\" =~ /.*/ OR \\'x'")
        .contains("AND \"room_id\" = 'r'");
  }

  @Test
  void theRegularExpressionOfAPageStartWritesEveryOtherCharacterAsItsCode() {
    assertThat(InfluxQl.sortingAfter("a.1"))
        .isEqualTo(
            "/^(?:[\\x{62}-\\x{10FFFF}]|a[\\x{2f}-\\x{10FFFF}]|a\\x{2e}[\\x{32}-\\x{10FFFF}]"
                + "|a\\x{2e}1(?s:.))/");
    assertThat(InfluxQl.sortingAfter("x/ OR 1=1 /"))
        .doesNotContain("/ ", " ", "=")
        .startsWith("/^(?:")
        .endsWith("(?s:.))/");
  }

  @Test
  void aHostileIdStaysInsideTheOverviewsLiterals() {
    Instant at = Instant.parse("2024-12-10T16:45:00Z");
    var statements =
        InfluxQl.overview("temperature", "b' OR 'x", new Window(at, at), "r/ OR /.*", 10);

    assertThat(statements).hasSize(2);
    for (String statement : statements) {
      assertThat(statement)
          .contains("\"building_id\" = 'b\\' OR \\'x'")
          .contains("\"room_id\" =~ /^(?:")
          .doesNotContain("/.*/")
          .endsWith("GROUP BY \"room_id\" SLIMIT 10");
    }
  }

  @Test
  void aHostileIdStaysInsideTheLiteralsOfEveryRollupStatement() {
    String building = "b' OR 'x";
    String room = "r' OR 'y";
    String rollups = InfluxQl.qualified("roll\"ups", "temperature_hourly");
    List<String> statements =
        List.of(
            InfluxQl.rawSpan("temperature", building, room, 0, 3_600_000),
            InfluxQl.rollupSpan(rollups, building, room, 0, 3_600_000),
            InfluxQl.rollupRows(rollups, building, room, 0, 3_600_000),
            InfluxQl.hoursOfRooms("temperature", building, List.of(room, "z"), 0, 3_600_000),
            InfluxQl.rollupRowsOfRooms(rollups, building, List.of(room), 0, 3_600_000),
            InfluxQl.overviewSpan(rollups, true, building, "a/ OR /.*", 0, 3_600_000, 10));

    assertThat(rollups).isEqualTo("\"roll\\\"ups\".\"autogen\".\"temperature_hourly\"");
    for (String statement : statements) {
      assertThat(statement)
          .contains("\"building_id\" = 'b\\' OR \\'x'")
          .doesNotContain("/.*/")
          .contains("time >= 0ms AND time < 3600000ms");
    }
    assertThat(statements.get(3)).contains("(\"room_id\" = 'r\\' OR \\'y' OR \"room_id\" = 'z')");
    assertThat(statements.get(5)).doesNotContain("SLIMIT");
    assertThat(InfluxQl.overviewSpan("\"t\"", false, "b", "", 0, 1, 10))
        .endsWith("GROUP BY \"room_id\" SLIMIT 10")
        .doesNotContain("=~");
  }
}
