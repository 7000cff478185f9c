package dev.temperature.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a deployment keeps raw readings and their hourly and daily rollups; empty means forever.
 * Rollups are kept at least as long as the readings they summarise, so that no question ever finds
 * neither.
 *
 * <p>Readings older than {@code raw} are refused at the door, removed some time after they pass it
 * ({@link #rawCutoff}), and treated as gone from the next whole hour on ({@link #rawFrom}): queries
 * answer that part from the rollups, at hourly resolution, and say so.
 */
public record Retention(Optional<Duration> raw, Optional<Duration> rollups) {
  public static final Retention FOREVER = new Retention(Optional.empty(), Optional.empty());

  /** The shortest retention: an hour, the finest rollup. */
  public static final Duration SHORTEST = Duration.ofHours(1);

  public Retention {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(rollups, "rollups");
    raw.ifPresent(length -> requireAtLeastAnHour("retention.raw", length));
    rollups.ifPresent(length -> requireAtLeastAnHour("retention.rollups", length));
    if (rollups.isPresent() && (raw.isEmpty() || rollups.get().compareTo(raw.get()) < 0)) {
      throw new IllegalArgumentException(
          "retention.rollups ("
              + rollups.get()
              + ") must be at least retention.raw ("
              + raw.map(Duration::toString).orElse("forever")
              + "): rollups answer for readings that are gone, never the other way round");
    }
  }

  /**
   * The first moment from which every reading is still there when asked at {@code now}: the hour
   * after the retention's edge, since the hour around the edge may be partly removed already. Every
   * earlier hour is answered from its rollup.
   */
  public Instant rawFrom(Instant now) {
    if (raw.isEmpty()) {
      return Window.EARLIEST;
    }
    Instant edge = Resolution.HOUR.ceil(now.minus(raw.get()));
    return edge.isBefore(Window.EARLIEST) ? Window.EARLIEST : edge;
  }

  /**
   * The readings recorded before this moment may be removed now: an hour before the hour of the
   * retention's edge, so that a replica whose clock runs up to an hour behind still finds every
   * reading it reads raw ({@link #rawFrom}).
   */
  public Optional<Instant> rawCutoff(Instant now) {
    return raw.map(length -> Resolution.HOUR.floor(now.minus(length)).minus(Duration.ofHours(1)));
  }

  /** The rollups of hours and days that start before this moment may be removed now. */
  public Optional<Instant> rollupCutoff(Instant now) {
    return rollups.map(length -> Resolution.DAY.floor(now.minus(length)));
  }

  private static void requireAtLeastAnHour(String key, Duration length) {
    if (length.compareTo(SHORTEST) < 0) {
      throw new IllegalArgumentException(key + " must be at least an hour, got " + length);
    }
  }
}
