package dev.temperature.application.service;

import dev.temperature.application.port.in.AverageQuery;
import dev.temperature.application.port.in.AverageTemperatureUseCase;
import dev.temperature.application.port.out.AggregateReadings;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.Average;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Averages a room over the window that ends now; the store aggregates, the domain averages. */
public final class AverageTemperatureService implements AverageTemperatureUseCase {
  private final AggregateReadings store;
  private final Duration maxLookback;
  private final Clock clock;

  public AverageTemperatureService(AggregateReadings store, Duration maxLookback, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.maxLookback = Objects.requireNonNull(maxLookback);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Average average(AverageQuery query) {
    Window window = query.lookback().requireAtMost(maxLookback).endingAt(clock.instant());
    Aggregate aggregate = store.aggregate(query.building(), query.room(), window);
    return Average.of(window, aggregate);
  }
}
