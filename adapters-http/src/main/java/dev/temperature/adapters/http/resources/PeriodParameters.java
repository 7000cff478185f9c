package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.adapters.http.problem.FieldError;
import dev.temperature.domain.Lookback;
import dev.temperature.domain.Period;
import dev.temperature.domain.Window;
import java.time.Instant;
import java.util.Optional;

/**
 * The time a GET asks about: {@code duration=15m} (the last so-long), or {@code from} and {@code
 * to} (ISO-8601, both included). Never both. The API document states these rules of presence in the
 * {@code Period} schemas (one object of query parameters each); the values are then checked each on
 * its own.
 */
final class PeriodParameters {
  private PeriodParameters() {}

  /** A period is required: one of the two forms must be given. */
  static Period required(Violations violations, String duration, String from, String to) {
    Optional<Period> period = optional(violations, duration, from, to);
    if (period.isEmpty() && duration == null && from == null && to == null) {
      violations.add(
          FieldError.inQuery(
              "duration",
              "duration is required (for example duration=15m), or give from and to instead"));
    }
    return period.orElse(null);
  }

  /** No parameter at all means no period; the caller decides what that covers. */
  static Optional<Period> optional(Violations violations, String duration, String from, String to) {
    if (duration != null && (from != null || to != null)) {
      violations.add(
          FieldError.inQuery("duration", "give either duration or from and to, not both"));
      return Optional.empty();
    }
    if (duration != null) {
      return Optional.ofNullable(violations.query("duration", () -> Lookback.parse(duration)));
    }
    if (from == null && to == null) {
      return Optional.empty();
    }
    if (from == null || to == null) {
      violations.add(
          FieldError.inQuery(from == null ? "from" : "to", "from and to must be given together"));
      return Optional.empty();
    }
    Instant start = violations.query("from", () -> Timestamps.parse(from));
    Instant end = violations.query("to", () -> Timestamps.parse(to));
    if (start == null || end == null) {
      return Optional.empty();
    }
    // Any two times make a window (Window.between), so their relation is never a 400.
    return Optional.of(Window.between(start, end));
  }
}
