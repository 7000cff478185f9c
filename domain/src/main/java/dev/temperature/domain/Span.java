package dev.temperature.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of time to be read at one resolution, half-open: {@code [from, to)}. For {@link
 * Resolution#RAW} it holds the readings with {@code from <= recordedAt < to}; for {@link
 * Resolution#HOUR} and {@link Resolution#DAY} the rollups whose unit starts in it, so both ends are
 * unit starts.
 */
public record Span(Resolution resolution, Instant from, Instant to) {
  public Span {
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("a span is not empty: " + from + " must be before " + to);
    }
    if (!resolution.isAligned(from) || !resolution.isAligned(to)) {
      throw new IllegalArgumentException(
          "a span of resolution " + resolution.label() + " starts and ends on its units");
    }
  }

  public static Span raw(Instant from, Instant to) {
    return new Span(Resolution.RAW, from, to);
  }

  public static Span hours(Instant from, Instant to) {
    return new Span(Resolution.HOUR, from, to);
  }

  public static Span days(Instant from, Instant to) {
    return new Span(Resolution.DAY, from, to);
  }
}
