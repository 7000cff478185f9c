package dev.temperature.adapters.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser of If-Match and If-None-Match values (RFC 9110, 8.8.3 and 13.1), without a server:
 * which values are lists of tags, and how each comparison treats a weak tag.
 */
class EntityTagsTest {
  @Test
  void anAbsentOrEmptyHeaderIsNoCondition() {
    assertThat(EntityTags.parse(null)).isEmpty();
    assertThat(EntityTags.parse(List.of())).isEmpty();
    assertThat(EntityTags.parse(List.of(""))).isEmpty();
    assertThat(EntityTags.parse(List.of(" , ,\t"))).isEmpty();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "abc",
        "W/abc",
        "W/",
        "\"unterminated",
        "\"",
        "\"a\" \"b\"",
        "\"a\"x",
        "\"a b\"",
        "\"a\u007fb\"",
        "\"a\u0100b\"",
        "\"a\u0020\"",
        "*, \"a\"",
        "w/\"a\""
      })
  void aValueThatIsNotAListOfTagsIsNoCondition(String value) {
    assertThat(EntityTags.parse(List.of(value))).isEmpty();
  }

  @Test
  void starMatchesAnyTagBothWays() {
    EntityTags any = EntityTags.parse(List.of(" * ")).orElseThrow();

    assertThat(any.matchStrongly("x")).isTrue();
    assertThat(any.matchWeakly("x")).isTrue();
  }

  @Test
  void aStrongTagMatchesBothWays() {
    EntityTags tags = EntityTags.parse(List.of("\"x3sB\"")).orElseThrow();

    assertThat(tags.matchStrongly("x3sB")).isTrue();
    assertThat(tags.matchWeakly("x3sB")).isTrue();
    assertThat(tags.matchStrongly("x3s")).isFalse();
    assertThat(tags.matchWeakly("other")).isFalse();
  }

  @Test
  void aWeakTagMatchesOnlyWeakly() {
    EntityTags tags = EntityTags.parse(List.of("W/\"abc\"")).orElseThrow();

    assertThat(tags.matchWeakly("abc")).isTrue();
    assertThat(tags.matchStrongly("abc")).isFalse();
    assertThat(tags.matchWeakly("W/\"abc\"")).isFalse();
  }

  @Test
  void everyTagOfEveryLineCounts() {
    EntityTags tags =
        EntityTags.parse(List.of("\"a\",W/\"b\"", " ,\t\"c\" , ", "\"\"")).orElseThrow();

    for (String tag : Arrays.asList("a", "b", "c", "")) {
      assertThat(tags.matchWeakly(tag)).as(tag).isTrue();
    }
    assertThat(tags.matchStrongly("a")).isTrue();
    assertThat(tags.matchStrongly("b")).isFalse();
    assertThat(tags.matchStrongly("c")).isTrue();
    assertThat(tags.matchWeakly("d")).isFalse();
  }

  @Test
  void theTagCharactersOfTheRfcAreAccepted() {
    // etagc: %x21 / %x23-7E / obs-text; the edges of each range.
    String opaque = "!#~\u0080\u00ff";
    EntityTags tags = EntityTags.parse(List.of("\"" + opaque + "\"")).orElseThrow();

    assertThat(tags.matchStrongly(opaque)).isTrue();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"\"\u0020\"", "\"\u001f\"", "\"\"\"", "\"\u007f\"", "\"\u0100\""})
  void charactersOutsideTheTagRangesAreRefused(String value) {
    // A space, a control character, DEL and a character past obs-text make the list malformed; a
    // quote ends the tag early, and what follows it is not a comma.
    assertThat(EntityTags.parse(List.of(value + ","))).isEmpty();
  }
}
