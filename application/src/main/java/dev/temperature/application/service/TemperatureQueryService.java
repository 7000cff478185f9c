package dev.temperature.application.service;

import dev.temperature.application.port.in.AverageTemperatureUseCase;
import dev.temperature.application.port.in.PeriodQuery;
import dev.temperature.application.port.in.SeriesQuery;
import dev.temperature.application.port.in.TemperatureSeriesUseCase;
import dev.temperature.application.port.in.TemperatureStatisticsUseCase;
import dev.temperature.application.port.out.AggregateReadings;
import dev.temperature.application.port.out.BucketReadings;
import dev.temperature.application.port.out.RollupReadings;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.Average;
import dev.temperature.domain.Bucketing;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Period;
import dev.temperature.domain.QueryPlan;
import dev.temperature.domain.Resolution;
import dev.temperature.domain.Retention;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Series;
import dev.temperature.domain.Span;
import dev.temperature.domain.Statistics;
import dev.temperature.domain.TimeBucket;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Questions about a room's temperatures over a period. The store aggregates, in one query; the
 * domain turns aggregates into answers. A period with whole hours in it is planned ({@link
 * QueryPlan}): its whole hours and days come from the rollups, its edges from the readings, all in
 * one request, with the answer the readings alone would give.
 */
public final class TemperatureQueryService
    implements AverageTemperatureUseCase, TemperatureStatisticsUseCase, TemperatureSeriesUseCase {
  private final AggregateReadings aggregates;
  private final BucketReadings buckets;
  private final RollupReadings rollups;
  private final QueryLimits limits;
  private final Retention retention;
  private final Clock clock;

  /** Readings kept forever. */
  public TemperatureQueryService(
      AggregateReadings aggregates,
      BucketReadings buckets,
      RollupReadings rollups,
      QueryLimits limits,
      Clock clock) {
    this(aggregates, buckets, rollups, limits, Retention.FOREVER, clock);
  }

  public TemperatureQueryService(
      AggregateReadings aggregates,
      BucketReadings buckets,
      RollupReadings rollups,
      QueryLimits limits,
      Retention retention,
      Clock clock) {
    this.aggregates = Objects.requireNonNull(aggregates);
    this.buckets = Objects.requireNonNull(buckets);
    this.rollups = Objects.requireNonNull(rollups);
    this.limits = Objects.requireNonNull(limits);
    this.retention = Objects.requireNonNull(retention);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Average average(PeriodQuery query) {
    Instant now = clock.instant();
    Window window = windowOf(query, now);
    Answer answer = aggregate(query.building(), query.room(), window, now);
    return Average.of(window, answer.aggregate(), answer.resolution());
  }

  @Override
  public Statistics statistics(PeriodQuery query) {
    Instant now = clock.instant();
    Window window = windowOf(query, now);
    Answer answer = aggregate(query.building(), query.room(), window, now);
    return Statistics.of(window, answer.aggregate(), answer.resolution());
  }

  @Override
  public Series series(SeriesQuery query) {
    Instant now = clock.instant();
    Window asked = windowOf(query.period(), now);
    Bucketing interval = query.interval();
    // At most maxBuckets buckets an answer; the rest of the window is the next page's.
    Window window = Series.firstPage(asked, interval, limits.maxBuckets());
    Optional<Window> rest = Series.rest(asked, window);
    Instant rawFrom = retention.rawFrom(now);

    List<Series.Stretch> stretches = Series.stretches(window, interval);
    List<Span> spans = new ArrayList<>();
    List<Integer> bucketOfSpan = new ArrayList<>();
    Resolution resolution = Resolution.RAW;
    boolean rawOnly = true;
    for (int bucket = 0; bucket < stretches.size(); bucket++) {
      Series.Stretch stretch = stretches.get(bucket);
      QueryPlan plan = QueryPlan.of(stretch.from(), stretch.to(), rawFrom);
      rawOnly &= plan.isRawOnly();
      if (plan.resolution().compareTo(resolution) > 0) {
        resolution = plan.resolution();
      }
      for (Span span : plan.spans()) {
        spans.add(span);
        bucketOfSpan.add(bucket);
      }
    }
    // No whole hour in any bucket (15-minute buckets, say): the store's own bucketing reads the
    // readings once, which is cheaper than a span per bucket.
    if (rawOnly && interval instanceof Interval fixed) {
      return Series.of(
              window, fixed, buckets.buckets(query.building(), query.room(), window, fixed))
          .followedBy(rest);
    }
    List<Aggregate> parts = read(query.building(), query.room(), spans);
    Aggregate[] perBucket = new Aggregate[stretches.size()];
    Arrays.fill(perBucket, Aggregate.EMPTY);
    for (int i = 0; i < parts.size(); i++) {
      int bucket = bucketOfSpan.get(i);
      perBucket[bucket] = perBucket[bucket].plus(parts.get(i));
    }
    List<TimeBucket> nonEmpty = new ArrayList<>();
    for (int bucket = 0; bucket < stretches.size(); bucket++) {
      if (!perBucket[bucket].isEmpty()) {
        nonEmpty.add(new TimeBucket(stretches.get(bucket).start(), perBucket[bucket]));
      }
    }
    return Series.of(window, interval, nonEmpty, resolution).followedBy(rest);
  }

  private record Answer(Aggregate aggregate, Resolution resolution) {}

  private Answer aggregate(BuildingId building, RoomId room, Window window, Instant now) {
    QueryPlan plan = QueryPlan.of(window, retention.rawFrom(now));
    if (plan.isRawOnly()) {
      return new Answer(aggregates.aggregate(building, room, window), Resolution.RAW);
    }
    Aggregate total = Aggregate.EMPTY;
    for (Aggregate part : read(building, room, plan.spans())) {
      total = total.plus(part);
    }
    return new Answer(total, plan.resolution());
  }

  /** The stores' answer for the spans; none asked for none. */
  private List<Aggregate> read(BuildingId building, RoomId room, List<Span> spans) {
    if (spans.isEmpty()) {
      return List.of();
    }
    List<Aggregate> parts = rollups.aggregates(building, room, spans);
    if (parts.size() != spans.size()) {
      throw new IllegalStateException(
          "the store answered " + parts.size() + " aggregates for " + spans.size() + " spans");
    }
    return parts;
  }

  private Window windowOf(PeriodQuery query, Instant now) {
    return windowOf(query.period(), now);
  }

  private Window windowOf(Period period, Instant now) {
    return period.requireAtMost(limits.maxPeriod()).resolve(now);
  }
}
