package dev.temperature.adapters.http.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigitsTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0, 1",
    "3, 7, 1",
    "0, 999, 3",
    "17, 538, 3",
    "100, 100, 3",
    "5, 95, 2",
    "1, 12, 2"
  })
  void aFixedWidthRangeMatchesExactlyItsNumbersZeroPadded(int lowest, int highest, int width) {
    Pattern range = Pattern.compile(Digits.fixedWidth(lowest, highest, width));

    int largest = (int) Math.pow(10, width) - 1;
    for (int n = 0; n <= largest; n++) {
      String padded = String.format("%0" + width + "d", n);
      assertThat(range.matcher(padded).matches())
          .as(padded + " in " + lowest + ".." + highest)
          .isEqualTo(n >= lowest && n <= highest);
      assertThat(range.matcher(Integer.toString(n)).matches())
          .as("unpadded " + n)
          .isEqualTo(Integer.toString(n).length() == width && n >= lowest && n <= highest);
    }
  }

  @ParameterizedTest
  @CsvSource({"1", "9", "10", "52", "366", "8784", "10000", "527040"})
  void upToMatchesOneToTheMostWithOrWithoutLeadingZeros(int most) {
    Pattern range = Pattern.compile(Digits.upTo(most));

    // Checked plainly and asserted once: an assertion per number made this test take seconds.
    List<String> wrong = new ArrayList<>();
    for (int n = 0; n <= most + 1000 && wrong.size() < 10; n++) {
      boolean in = n >= 1 && n <= most;
      for (String written : List.of(Integer.toString(n), "00" + n)) {
        if (range.matcher(written).matches() != in) {
          wrong.add(written + (in ? " not matched" : " matched"));
        }
      }
    }
    assertThat(wrong).as("numbers matched wrongly for up to " + most).isEmpty();
    assertThat(range.matcher("").matches()).isFalse();
    assertThat(range.matcher("0").matches()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"5, 4, 1", "0, 100, 2", "-1, 5, 1"})
  void anImpossibleRangeIsRefused(int lowest, int highest, int width) {
    assertThatThrownBy(() -> Digits.fixedWidth(lowest, highest, width))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"0", "-3"})
  void upToNeedsAtLeastOne(long most) {
    assertThatThrownBy(() -> Digits.upTo(most)).isInstanceOf(IllegalArgumentException.class);
  }
}
