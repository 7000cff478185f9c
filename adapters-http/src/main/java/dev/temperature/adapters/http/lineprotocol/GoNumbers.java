package dev.temperature.adapters.http.lineprotocol;

import java.nio.charset.StandardCharsets;

/**
 * Numbers as Go's {@code strconv} reads them, which is what line protocol means by a number: Java's
 * parsers differ (they take non-ASCII digits, a {@code d} or {@code f} suffix, surrounding white
 * space, {@code Infinity}, and no underscores), so the syntax is checked here, byte by byte, and
 * Java only converts what passed.
 */
final class GoNumbers {
  private GoNumbers() {}

  /** {@code strconv.ParseInt(s, 10, 64)}: an optional sign and decimal digits. */
  static long parseInt(byte[] text, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (text[i] == '-' || text[i] == '+')) {
      negative = text[i] == '-';
      i++;
    }
    if (i == to) {
      throw new NumberFormatException("invalid syntax");
    }
    long value = 0; // accumulated negatively: Long.MIN_VALUE has no positive counterpart
    for (; i < to; i++) {
      int digit = text[i] - '0';
      if (digit < 0 || digit > 9) {
        throw new NumberFormatException("invalid syntax");
      }
      if (value < (Long.MIN_VALUE + digit) / 10) {
        throw new NumberFormatException("value out of range");
      }
      value = value * 10 - digit;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        throw new NumberFormatException("value out of range");
      }
      value = -value;
    }
    return value;
  }

  /** {@code strconv.ParseUint(s, 10, 64)}: decimal digits, no sign; the result's bits. */
  static long parseUnsigned(byte[] text, int from, int to) {
    if (from == to) {
      throw new NumberFormatException("invalid syntax");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int digit = text[i] - '0';
      if (digit < 0 || digit > 9) {
        throw new NumberFormatException("invalid syntax");
      }
      if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
        throw new NumberFormatException("value out of range");
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /**
   * {@code strconv.ParseFloat(s, 64)} for finite numbers: an optional sign, then a decimal ({@code
   * 1}, {@code 1.}, {@code .5}, {@code 1e-3}) or hexadecimal ({@code 0x1.8p1}, exponent required)
   * mantissa, with underscores only between digits. Go's {@code Inf} and {@code NaN} are refused:
   * line protocol cannot carry them.
   */
  static double parseFloat(byte[] text, int from, int to) {
    int i = from;
    if (i < to && (text[i] == '+' || text[i] == '-')) {
      i++;
    }
    boolean hex = i + 2 < to && text[i] == '0' && (text[i + 1] | 0x20) == 'x';
    if (hex) {
      i += 2;
    }
    boolean dot = false;
    boolean digits = false;
    boolean underscores = false;
    for (; i < to; i++) {
      byte c = text[i];
      if (c == '_') {
        underscores = true;
      } else if (c == '.') {
        if (dot) {
          break;
        }
        dot = true;
      } else if (isDigit(c, hex)) {
        digits = true;
      } else {
        break;
      }
    }
    if (!digits) {
      throw new NumberFormatException("invalid float value syntax");
    }
    if (i < to && (text[i] | 0x20) == (hex ? 'p' : 'e')) {
      i++;
      if (i < to && (text[i] == '+' || text[i] == '-')) {
        i++;
      }
      if (i >= to || !isDigit(text[i], false)) {
        throw new NumberFormatException("invalid float value syntax");
      }
      for (; i < to && (isDigit(text[i], false) || text[i] == '_'); i++) {
        underscores |= text[i] == '_';
      }
    } else if (hex) {
      throw new NumberFormatException("invalid float value syntax");
    }
    if (i != to || (underscores && !underscoresBetweenDigits(text, from, to, hex))) {
      throw new NumberFormatException("invalid float value syntax");
    }
    String number =
        new String(text, from, to - from, StandardCharsets.ISO_8859_1)
            .replace("_", "")
            .replace("X", "x")
            .replace("P", "p");
    return Double.parseDouble(number);
  }

  private static boolean isDigit(byte c, boolean hex) {
    return (c >= '0' && c <= '9') || (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  }

  /** Go's underscoreOK: each underscore between two digits (a base prefix counts as a digit). */
  private static boolean underscoresBetweenDigits(byte[] text, int from, int to, boolean hex) {
    int i = from;
    if (i < to && (text[i] == '+' || text[i] == '-')) {
      i++;
    }
    char saw = '^';
    if (hex) {
      i += 2;
      saw = '0';
    }
    for (; i < to; i++) {
      byte c = text[i];
      if (isDigit(c, hex)) {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
      } else {
        if (saw == '_') {
          return false;
        }
        saw = '!';
      }
    }
    return saw != '_';
  }
}
