package dev.temperature.application.service;

import dev.temperature.application.port.in.ApplyRetentionUseCase;
import dev.temperature.application.port.in.RebuildRollupsUseCase;
import dev.temperature.application.port.out.AppendReadings;
import dev.temperature.application.port.out.ExpireReadings;
import dev.temperature.application.port.out.RebuildRollups;
import dev.temperature.domain.Resolution;
import dev.temperature.domain.Retention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the store within the deployment's retention, and rebuilds rollups from the readings where
 * the readings are still kept. Removal is by cut-off moment, so it is idempotent: a crash part-way
 * leaves whatever was removed removed and the next run removes the rest; two replicas running it at
 * once remove the same things.
 */
public final class RetentionService implements ApplyRetentionUseCase, RebuildRollupsUseCase {
  private final ExpireReadings expiry;
  private final RebuildRollups rebuilds;
  private final Retention retention;
  private final boolean storeExpiresReadings;
  private final Clock clock;

  /**
   * @param retention the effective retention ({@link #effective})
   * @param store the store's own retention, read once
   */
  public RetentionService(
      ExpireReadings expiry,
      RebuildRollups rebuilds,
      AppendReadings store,
      Retention retention,
      Clock clock) {
    this.expiry = Objects.requireNonNull(expiry);
    this.rebuilds = Objects.requireNonNull(rebuilds);
    this.retention = Objects.requireNonNull(retention);
    this.storeExpiresReadings = store.retention().isPresent();
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * The retention in force: what the deployment configured, or what the store enforces by itself
   * (an InfluxDB bucket's retention), which must then agree with the configuration.
   *
   * @throws IllegalArgumentException when the configuration and the store disagree, naming both
   */
  public static Retention effective(
      Retention configured, AppendReadings store, ExpireReadings expiry) {
    Optional<Duration> raw = agreed("retention.raw", configured.raw(), store.retention());
    Optional<Duration> rollups =
        agreed("retention.rollups", configured.rollups(), expiry.rollupRetention());
    return new Retention(raw, rollups);
  }

  private static Optional<Duration> agreed(
      String key, Optional<Duration> configured, Optional<Duration> store) {
    if (store.isEmpty()) {
      return configured;
    }
    if (configured.isPresent() && !configured.get().equals(store.get())) {
      throw new IllegalArgumentException(
          key
              + " is "
              + configured.get()
              + " but the storage itself keeps data for "
              + store.get()
              + "; make them equal (or leave "
              + key
              + " out to follow the storage)");
    }
    return store;
  }

  @Override
  public Applied apply() {
    Instant now = clock.instant();
    Optional<Instant> readingsBefore =
        storeExpiresReadings ? Optional.empty() : retention.rawCutoff(now);
    Optional<Instant> rollupsBefore =
        expiry.rollupRetention().isPresent() ? Optional.empty() : retention.rollupCutoff(now);
    readingsBefore.ifPresent(expiry::expireReadings);
    rollupsBefore.ifPresent(expiry::expireRollups);
    return new Applied(readingsBefore, rollupsBefore);
  }

  @Override
  public Rebuilt rebuild(Instant from, Instant to) {
    Instant start = Resolution.HOUR.floor(from);
    Instant kept = retention.rawFrom(clock.instant());
    if (start.isBefore(kept)) {
      start = kept;
    }
    Instant end = Resolution.HOUR.ceil(to);
    if (!start.isBefore(end)) {
      return new Rebuilt(start, start, 0);
    }
    return new Rebuilt(start, end, rebuilds.rebuildRollups(start, end));
  }
}
