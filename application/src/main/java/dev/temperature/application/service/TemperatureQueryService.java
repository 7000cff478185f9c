package dev.temperature.application.service;

import dev.temperature.application.port.in.AverageTemperatureUseCase;
import dev.temperature.application.port.in.PeriodQuery;
import dev.temperature.application.port.in.SeriesQuery;
import dev.temperature.application.port.in.TemperatureSeriesUseCase;
import dev.temperature.application.port.in.TemperatureStatisticsUseCase;
import dev.temperature.application.port.out.AggregateReadings;
import dev.temperature.application.port.out.BucketReadings;
import dev.temperature.domain.Average;
import dev.temperature.domain.Period;
import dev.temperature.domain.Series;
import dev.temperature.domain.Statistics;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.util.Objects;

/**
 * Questions about a room's temperatures over a period. The store aggregates, in one query; the
 * domain turns aggregates into answers.
 */
public final class TemperatureQueryService
    implements AverageTemperatureUseCase, TemperatureStatisticsUseCase, TemperatureSeriesUseCase {
  private final AggregateReadings aggregates;
  private final BucketReadings buckets;
  private final QueryLimits limits;
  private final Clock clock;

  public TemperatureQueryService(
      AggregateReadings aggregates, BucketReadings buckets, QueryLimits limits, Clock clock) {
    this.aggregates = Objects.requireNonNull(aggregates);
    this.buckets = Objects.requireNonNull(buckets);
    this.limits = Objects.requireNonNull(limits);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Average average(PeriodQuery query) {
    Window window = windowOf(query);
    return Average.of(window, aggregates.aggregate(query.building(), query.room(), window));
  }

  @Override
  public Statistics statistics(PeriodQuery query) {
    Window window = windowOf(query);
    return Statistics.of(window, aggregates.aggregate(query.building(), query.room(), window));
  }

  @Override
  public Series series(SeriesQuery query) {
    Window asked = windowOf(query.period());
    // At most maxBuckets buckets an answer; the rest of the window is the next page's.
    Window page = Series.firstPage(asked, query.interval(), limits.maxBuckets());
    return Series.of(
            page,
            query.interval(),
            buckets.buckets(query.building(), query.room(), page, query.interval()))
        .followedBy(Series.rest(asked, page));
  }

  private Window windowOf(PeriodQuery query) {
    return windowOf(query.period());
  }

  private Window windowOf(Period period) {
    return period.requireAtMost(limits.maxPeriod()).resolve(clock.instant());
  }
}
