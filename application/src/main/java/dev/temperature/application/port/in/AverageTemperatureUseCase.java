package dev.temperature.application.port.in;

import dev.temperature.domain.Average;

/** Answers "what was the average temperature in this room over the last ...?". */
public interface AverageTemperatureUseCase {
  Average average(PeriodQuery query);
}
