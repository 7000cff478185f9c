package dev.temperature.application.port.in;

import dev.temperature.domain.Series;

/** A room's temperatures over a period in equal buckets, for charts. */
public interface TemperatureSeriesUseCase {
  Series series(SeriesQuery query);
}
