package dev.temperature.adapters.http.docs;

import dev.temperature.application.service.QueryLimits;
import dev.temperature.domain.ReadingPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the running configuration decides about requests, for the API document to state: the
 * readings accepted (plausible range, future skew, and the store's retention, if it has one), the
 * size of questions and of batches, and the clock that the bounds on times are counted from.
 */
public record ApiRules(
    ReadingPolicy readings,
    Optional<Duration> retention,
    QueryLimits queries,
    int maxBatchSize,
    Clock clock) {
  /** {@code http.maxBatchSize} when the configuration does not say. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 5000;

  /** The rules of the shipped defaults, which the document in the source tree states. */
  public static final ApiRules DEFAULTS =
      new ApiRules(
          ReadingPolicy.DEFAULT,
          Optional.empty(),
          QueryLimits.DEFAULT,
          DEFAULT_MAX_BATCH_SIZE,
          Clock.systemUTC());

  public ApiRules {
    Objects.requireNonNull(readings, "readings");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(queries, "queries");
    Objects.requireNonNull(clock, "clock");
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("a batch holds at least one reading");
    }
  }
}
