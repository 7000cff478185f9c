package dev.temperature.application.port.in;

import java.util.List;

/** Records a batch of readings at once, all or none: for gateways that buffer. */
public interface RecordReadingBatchUseCase {
  /**
   * Stores every reading or, if any breaks a rule, none of them.
   *
   * @return how many readings were stored
   * @throws InvalidReadingsException listing every reading that broke a rule, by position
   */
  int recordAll(List<RecordReadingCommand> commands);
}
