package dev.temperature.adapters.http.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.domain.Interval;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Lookback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The document's pattern of durations is exactly what the server accepts: every text it matches is
 * parsed and within the maximum, every other is refused (ST202 of Schemathesis needs the first
 * direction, its negative-data check the second).
 */
class DurationPatternTest {
  private static final String[] FORMS = {
    "%ss", "%sm", "%sh", "%sd", "%sw", "PT%sS", "PT%sM", "PT%sH", "P%sD", "P%sW"
  };

  @ParameterizedTest
  @ValueSource(strings = {"PT1S", "PT59S", "PT15M", "PT36H", "P1D", "P7D", "P366D", "P400D"})
  void theLookbackPatternAgreesWithTheServerOnEveryText(String maximum) {
    Duration longest = Duration.parse(maximum);
    Pattern pattern = Pattern.compile(DurationPattern.upTo(longest));

    for (String text : texts(longest)) {
      assertThat(pattern.matcher(text).matches())
          .as("'" + text + "' up to " + longest)
          .isEqualTo(lookbackAccepted(text, longest));
    }
  }

  @Test
  void theIntervalPatternAgreesWithTheServerOnEveryText() {
    Pattern pattern = Pattern.compile(DurationPattern.upTo(Interval.LONGEST));

    for (String text : texts(Interval.LONGEST)) {
      assertThat(pattern.matcher(text).matches())
          .as("'" + text + "'")
          .isEqualTo(intervalAccepted(text));
    }
  }

  @Test
  void aMaximumBelowASecondStatesNothing() {
    assertThatThrownBy(() -> DurationPattern.upTo(Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Around every bound of every form, and texts the grammar refuses. */
  private static List<String> texts(Duration longest) {
    List<String> texts = new ArrayList<>();
    long[] units = {1, 60, 3600, 86_400, 604_800};
    for (int form = 0; form < FORMS.length; form++) {
      long most = longest.toSeconds() / units[form % 5];
      for (long n : new long[] {0, 1, 2, 9, 10, most - 1, most, most + 1, most * 10, 99_999_999}) {
        if (n >= 0) {
          texts.add(String.format(FORMS[form], n));
          texts.add(String.format(FORMS[form], "0" + n));
        }
      }
    }
    Random random = new Random(20261205);
    String alphabet = "0123456789smhdwSMHDWPT .-+,";
    for (int i = 0; i < 2000; i++) {
      StringBuilder text = new StringBuilder();
      for (int length = random.nextInt(7); length > 0; length--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(text.toString());
    }
    texts.addAll(List.of("", " 15m", "15m ", "pt15m", "P1DT12H", "PT1.5S", "P1M", "P1Y", "15M"));
    return texts;
  }

  private static boolean lookbackAccepted(String text, Duration longest) {
    try {
      Lookback.parse(text).requireAtMost(longest);
      return true;
    } catch (InvalidValueException e) {
      return false;
    }
  }

  private static boolean intervalAccepted(String text) {
    try {
      Interval.parse(text);
      return true;
    } catch (InvalidValueException e) {
      return false;
    }
  }
}
