package dev.temperature.domain;

import dev.temperature.domain.InvalidValueException.Subject;
import java.util.regex.Pattern;

/**
 * The one rule for building and room identifiers. It is deliberately narrow (ASCII letters, digits,
 * '.', '_', '-') so that an identifier is safe as a URL path segment, an SQL value, an InfluxDB tag
 * and a file name; adapters still bind or escape it, this rule is the first fence, not the only
 * one.
 */
final class Identifier {
  static final int MAX_LENGTH = 64;
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Identifier() {}

  static String require(Subject subject, String kind, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidValueException(subject, kind + " must not be empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidValueException(
          subject, kind + " must be at most " + MAX_LENGTH + " characters, got " + value.length());
    }
    if (!VALID.matcher(value).matches()) {
      throw new InvalidValueException(
          subject,
          kind
              + " may contain only letters, digits, '.', '_' and '-', and must start with a letter or"
              + " digit");
    }
    return value;
  }
}
