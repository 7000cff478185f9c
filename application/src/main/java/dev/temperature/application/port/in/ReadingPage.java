package dev.temperature.application.port.in;

import dev.temperature.domain.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Readings, newest first, and where the next page starts: pass {@code next} back as {@code before}
 * to get the readings older than this page. Empty when this is the last page.
 */
public record ReadingPage(List<Reading> readings, Optional<Instant> next) {
  public ReadingPage {
    readings = List.copyOf(readings);
  }
}
