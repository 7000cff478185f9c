package dev.temperature.adapters.http.docs;

import dev.temperature.adapters.http.codec.Timestamps;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

/**
 * The pattern of the times a client may write ({@link Timestamps#PATTERN}) whose date, as written,
 * lies between two dates. The API document states a time that must fall in a range this way: an
 * offset moves the moment by at most 18 hours, so dates a day inside the range are times inside it
 * whatever their offset.
 */
final class TimePattern {
  private TimePattern() {}

  /** Times written on a date from {@code first} to {@code last}, both included. */
  static String between(LocalDate first, LocalDate last) {
    if (first.isAfter(last) || first.getYear() < 0 || last.getYear() > 9999) {
      throw new IllegalArgumentException("no 4-digit dates from " + first + " to " + last);
    }
    return "^" + dates(first, last) + Timestamps.TIME_OF_DAY_AND_OFFSET + "$";
  }

  /** The dates from {@code first} to {@code last}, {@code yyyy-MM-dd}. */
  static String dates(LocalDate first, LocalDate last) {
    List<String> alternatives = new ArrayList<>();
    if (first.getYear() == last.getYear()) {
      alternatives.add(year(first.getYear()) + "-" + monthsAndDays(first, last));
    } else {
      alternatives.add(
          year(first.getYear())
              + "-"
              + monthsAndDays(first, first.withDayOfYear(first.lengthOfYear())));
      if (last.getYear() - first.getYear() > 1) {
        alternatives.add(wholeYears(first.getYear() + 1, last.getYear() - 1));
      }
      alternatives.add(year(last.getYear()) + "-" + monthsAndDays(last.withDayOfYear(1), last));
    }
    return Digits.group(alternatives);
  }

  /** Every date of the years from {@code first} to {@code last}. */
  private static String wholeYears(int first, int last) {
    List<String> leap = new ArrayList<>();
    for (int year = first; year <= last; year++) {
      if (Year.isLeap(year)) {
        leap.add(year(year));
      }
    }
    String years = Digits.fixedWidth(first, last, 4);
    return leap.isEmpty()
        ? years + "-" + Timestamps.MONTH_DAY
        : "(?:" + years + "-" + Timestamps.MONTH_DAY + "|" + Digits.group(leap) + "-02-29)";
  }

  /** The days from {@code first} to {@code last} of one year, {@code MM-dd}. */
  private static String monthsAndDays(LocalDate first, LocalDate last) {
    List<String> alternatives = new ArrayList<>();
    for (int month = first.getMonthValue(); month <= last.getMonthValue(); month++) {
      int length = Month.of(month).length(first.isLeapYear());
      int from = month == first.getMonthValue() ? first.getDayOfMonth() : 1;
      int to = month == last.getMonthValue() ? last.getDayOfMonth() : length;
      alternatives.add(Digits.fixedWidth(month, month, 2) + "-" + Digits.fixedWidth(from, to, 2));
    }
    return Digits.group(alternatives);
  }

  private static String year(int year) {
    return Digits.fixedWidth(year, year, 4);
  }
}
