package dev.temperature.adapters.http.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Regular expressions of whole numbers in a range, for the patterns of the API document. Only what
 * ECMA-262 and Python agree on is used (groups, alternatives, classes, counted repeats), so that
 * every tool that reads the document reads the same language.
 */
final class Digits {
  private Digits() {}

  /**
   * The numbers from {@code lowest} to {@code highest} written with exactly {@code width} digits,
   * zero-padded ({@code 07}).
   */
  static String fixedWidth(long lowest, long highest, int width) {
    if (lowest < 0 || lowest > highest || Long.toString(highest).length() > width) {
      throw new IllegalArgumentException(
          "no " + width + "-digit numbers from " + lowest + " to " + highest);
    }
    return range(pad(lowest, width), pad(highest, width));
  }

  /**
   * The numbers from 1 to {@code highest} without a leading zero, or with as many as a client likes
   * ({@code 0*} first): {@code 007} is 7.
   */
  static String upTo(long highest) {
    if (highest < 1) {
      throw new IllegalArgumentException("no number from 1 to " + highest);
    }
    List<String> lengths = new ArrayList<>();
    long low = 1;
    for (int width = 1; low <= highest; width++) {
      long high = Math.min(highest, maxOfWidth(width));
      lengths.add(fixedWidth(low, high, width));
      if (high == Long.MAX_VALUE || high == highest) {
        break;
      }
      low = high + 1;
    }
    return "0*" + group(lengths);
  }

  /** Alternatives as one group; a single one as it is. */
  static String group(List<String> alternatives) {
    return alternatives.size() == 1
        ? alternatives.get(0)
        : "(?:" + String.join("|", alternatives) + ")";
  }

  private static long maxOfWidth(int width) {
    return width >= 19 ? Long.MAX_VALUE : (long) Math.pow(10, width) - 1;
  }

  private static String pad(long value, int width) {
    String digits = Long.toString(value);
    return "0".repeat(width - digits.length()) + digits;
  }

  /** Strings of equal length, lowest to highest, digit by digit. */
  private static String range(String low, String high) {
    if (low.equals(high)) {
      return low;
    }
    if (low.length() == 1) {
      return klass(low.charAt(0), high.charAt(0));
    }
    char first = low.charAt(0);
    char last = high.charAt(0);
    String lowRest = low.substring(1);
    String highRest = high.substring(1);
    if (first == last) {
      return first + range(lowRest, highRest);
    }
    int rest = lowRest.length();
    List<String> alternatives = new ArrayList<>();
    boolean lowFull = lowRest.equals("0".repeat(rest));
    boolean highFull = highRest.equals("9".repeat(rest));
    char from = lowFull ? first : (char) (first + 1);
    char to = highFull ? last : (char) (last - 1);
    if (!lowFull) {
      alternatives.add(first + range(lowRest, "9".repeat(rest)));
    }
    if (from <= to) {
      alternatives.add(klass(from, to) + any(rest));
    }
    if (!highFull) {
      alternatives.add(last + range("0".repeat(rest), highRest));
    }
    return group(alternatives);
  }

  private static String any(int digits) {
    return digits == 1 ? "[0-9]" : "[0-9]{" + digits + "}";
  }

  private static String klass(char from, char to) {
    return from == to ? String.valueOf(from) : "[" + from + "-" + to + "]";
  }
}
