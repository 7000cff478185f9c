package dev.temperature.adapters.http.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.adapters.http.codec.Timestamps;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The times the document states are the ones the server reads, on the dates it states. */
class TimePatternTest {
  private static final Pattern TIME = Pattern.compile(Timestamps.PATTERN);

  @Test
  void everyDayOfFourHundredYearsIsATimeAndNoOtherDateIs() {
    // 400 years hold every case of the leap-year rule; each day and its impossible neighbours.
    for (LocalDate day = LocalDate.of(1896, 1, 1);
        day.isBefore(LocalDate.of(2296, 1, 1));
        day = day.plusDays(1)) {
      assertThat(TIME.matcher(day + "T12:00Z").matches()).as(day.toString()).isTrue();
      if (day.getDayOfMonth() == day.lengthOfMonth()) {
        String after =
            String.format(
                "%04d-%02d-%02dT12:00Z",
                day.getYear(), day.getMonthValue(), day.getDayOfMonth() + 1);
        assertThat(TIME.matcher(after).matches()).as(after).isFalse();
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "2024-12-10T16:45, true",
    "2024-12-10t16:45:00z, true",
    "2024-12-10T16:45:00.123456789+18:00, true",
    "2024-12-10T16:45:00-17:59, true",
    "0000-02-29T00:00, true",
    "9999-12-31T23:59:59.999Z, true",
    "2024-12-10T24:00, false",
    "2024-12-10T16:60, false",
    "2024-12-10T16:45:60Z, false",
    "2024-12-10T16:45:00.1234567890Z, false",
    "2024-12-10T16:45:00., false",
    "2024-12-10T16:45+18:01, false",
    "2024-12-10T16:45+01, false",
    "2024-12-10T16:45+01:00:00, false",
    "2024-12-10 16:45, false",
    "2100-02-29T00:00, false",
    "+12024-12-10T16:45, false",
    "2024-12-10, false"
  })
  void theTimeGrammarIsWhatTheServerReads(String text, boolean valid) {
    assertThat(TIME.matcher(text).matches()).isEqualTo(valid);
    if (valid) {
      assertThat(Timestamps.parse(text)).isNotNull();
    } else {
      assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeException.class);
    }
  }

  @Test
  void randomTextsAreReadExactlyWhenTheyMatch() {
    Random random = new Random(20261205);
    String alphabet = "0123456789-:T.Z+tz ";
    String base = "2024-02-29T23:59:59.5+01:00";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder(base);
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> text.deleteCharAt(at);
          default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String candidate = text.toString();
      boolean read;
      try {
        Timestamps.parse(candidate);
        read = true;
      } catch (DateTimeException e) {
        read = false;
      }
      assertThat(read).as(candidate).isEqualTo(TIME.matcher(candidate).matches());
    }
  }

  @Test
  void aRangeOfDatesStatesExactlyItsDaysAndEveryTimeOnThemIsInsideIt() {
    LocalDate first = LocalDate.of(1900, 1, 2);
    LocalDate last = LocalDate.of(2024, 12, 8);
    Pattern range = Pattern.compile(TimePattern.between(first, last));

    for (LocalDate day = LocalDate.of(1899, 12, 1);
        day.isBefore(LocalDate.of(2025, 2, 1));
        day = day.plusDays(1)) {
      boolean in = !day.isBefore(first) && !day.isAfter(last);
      assertThat(range.matcher(day + "T00:00+18:00").matches()).as(day.toString()).isEqualTo(in);
      if (in) {
        Instant earliest = Timestamps.parse(day + "T00:00+18:00");
        Instant latest = Timestamps.parse(day + "T23:59:59.999999999-18:00");
        assertThat(earliest)
            .isAfterOrEqualTo(first.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(latest).isBefore(last.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "2024-03-05, 2024-03-05",
    "2024-02-27, 2024-03-02",
    "2023-12-30, 2024-01-02",
    "1999-06-15, 2001-03-01"
  })
  void shortRangesToo(LocalDate first, LocalDate last) {
    Pattern range = Pattern.compile(TimePattern.between(first, last));

    for (LocalDate day = first.minusDays(40);
        day.isBefore(last.plusDays(40));
        day = day.plusDays(1)) {
      assertThat(range.matcher(day + "T08:00").matches())
          .as(day.toString())
          .isEqualTo(!day.isBefore(first) && !day.isAfter(last));
    }
  }

  @Test
  void anEmptyOrUnwritableRangeIsRefused() {
    assertThatThrownBy(
            () -> TimePattern.between(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> TimePattern.between(LocalDate.of(9999, 1, 1), LocalDate.of(10000, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
