package dev.temperature.application.port.in;

import dev.temperature.domain.Reading;

/** Records one temperature reading; the stored reading is returned once storage has it. */
public interface RecordReadingUseCase {
  Reading record(RecordReadingCommand command);
}
