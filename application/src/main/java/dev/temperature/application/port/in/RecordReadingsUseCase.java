package dev.temperature.application.port.in;

import java.util.List;

/** Records many readings at once, all or none. */
public interface RecordReadingsUseCase {
  /**
   * Stores every reading or, if any breaks a rule, none of them.
   *
   * @return how many readings were stored
   * @throws InvalidReadingsException listing every reading that broke a rule, by position
   */
  int recordAll(List<RecordReadingCommand> commands);
}
