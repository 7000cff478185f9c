package dev.temperature.application.service;

import dev.temperature.application.port.in.InvalidReadingsException;
import dev.temperature.application.port.in.RecordReadingBatchUseCase;
import dev.temperature.application.port.in.RecordReadingCommand;
import dev.temperature.application.port.in.RecordReadingUseCase;
import dev.temperature.application.port.out.AppendReadings;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Reading;
import dev.temperature.domain.ReadingPolicy;
import dev.temperature.domain.Retention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Checks reported readings against the policy and stores them. */
public final class RecordReadingService implements RecordReadingUseCase, RecordReadingBatchUseCase {
  private final AppendReadings store;
  private final ReadingPolicy policy;
  private final Clock clock;
  private final Optional<Duration> retention;

  /** Readings kept as long as the store keeps them. */
  public RecordReadingService(AppendReadings store, ReadingPolicy policy, Clock clock) {
    this(store, policy, Retention.FOREVER, clock);
  }

  /**
   * Refuses readings older than the shorter of the deployment's {@code retention.raw} and the
   * store's own retention: a reading that would be removed at once is never acknowledged.
   *
   * @throws IllegalArgumentException when readings are kept no longer than the future skew: the
   *     retention check, which leaves that much margin, would then refuse every reading
   */
  public RecordReadingService(
      AppendReadings store, ReadingPolicy policy, Retention retention, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.policy = Objects.requireNonNull(policy);
    this.clock = Objects.requireNonNull(clock);
    // Asked once: a store's retention is fixed while it runs (InfluxDB's is read at start-up).
    this.retention = shorter(store.retention(), retention.raw());
    this.retention
        .filter(keptFor -> keptFor.compareTo(policy.maxFutureSkew()) <= 0)
        .ifPresent(
            keptFor -> {
              throw new IllegalArgumentException(
                  "the storage keeps readings for "
                      + keptFor
                      + ", no longer than readings.maxFutureSkew ("
                      + policy.maxFutureSkew()
                      + "), so every reading would be refused; lower maxFutureSkew or keep"
                      + " readings longer");
            });
  }

  private static Optional<Duration> shorter(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().compareTo(b.get()) <= 0 ? a.get() : b.get());
  }

  @Override
  public Reading record(RecordReadingCommand command) {
    Reading reading = accept(command, clock.instant());
    store.append(List.of(reading));
    return reading;
  }

  @Override
  public int recordAll(List<RecordReadingCommand> commands) {
    Instant now = clock.instant();
    List<Reading> readings = new ArrayList<>(commands.size());
    List<InvalidReadingsException.Violation> violations = new ArrayList<>();
    for (int index = 0; index < commands.size(); index++) {
      try {
        readings.add(accept(commands.get(index), now));
      } catch (InvalidValueException e) {
        violations.add(new InvalidReadingsException.Violation(index, e));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidReadingsException(violations);
    }
    store.append(readings);
    return readings.size();
  }

  /** The reading the command describes, if the policy and the store's retention accept it. */
  private Reading accept(RecordReadingCommand command, Instant now) {
    Reading reading =
        new Reading(
            command.building(),
            command.room(),
            command.temperature(),
            command.recordedAt().orElse(now));
    policy.check(reading, now);
    retention.ifPresent(keptFor -> policy.checkRetained(reading, now, keptFor));
    return reading;
  }
}
