package dev.temperature.application.port.in;

import dev.temperature.domain.Statistics;

/** Count, average, lowest and highest temperature of a room over a period. */
public interface TemperatureStatisticsUseCase {
  Statistics statistics(PeriodQuery query);
}
