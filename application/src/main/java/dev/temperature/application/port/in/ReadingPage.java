package dev.temperature.application.port.in;

import dev.temperature.domain.Reading;
import dev.temperature.domain.Window;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Readings, newest first, and where the next page starts: pass {@code next} back as {@code before}
 * to get the readings older than this page. Empty when this is the last page. {@code window} is the
 * period the listing covers, resolved against the clock; asking for the next page with this fixed
 * window, rather than the same lookback again, keeps a page from being skipped as time moves on.
 */
public record ReadingPage(List<Reading> readings, Optional<Instant> next, Window window) {
  public ReadingPage {
    readings = List.copyOf(readings);
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(window, "window");
  }
}
