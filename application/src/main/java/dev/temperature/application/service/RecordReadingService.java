package dev.temperature.application.service;

import dev.temperature.application.port.in.RecordReadingCommand;
import dev.temperature.application.port.in.RecordReadingUseCase;
import dev.temperature.application.port.out.AppendReadings;
import dev.temperature.domain.Reading;
import dev.temperature.domain.ReadingPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Checks a reported reading against the policy and stores it. */
public final class RecordReadingService implements RecordReadingUseCase {
  private final AppendReadings store;
  private final ReadingPolicy policy;
  private final Clock clock;

  public RecordReadingService(AppendReadings store, ReadingPolicy policy, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.policy = Objects.requireNonNull(policy);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Reading record(RecordReadingCommand command) {
    Instant now = clock.instant();
    Reading reading =
        new Reading(
            command.building(),
            command.room(),
            command.temperature(),
            command.recordedAt().orElse(now));
    policy.check(reading, now);
    store.retention().ifPresent(retention -> policy.checkRetained(reading, now, retention));
    store.append(List.of(reading));
    return reading;
  }
}
