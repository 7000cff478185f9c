package dev.temperature.application.port.out;

import dev.temperature.domain.Reading;
import java.util.List;

/** Holds the fake to the same contract as the real adapters, and the suite to its own word. */
class InMemoryReadingStoreTest extends ReadingStoreContract {
  private final InMemoryReadingStore store = new InMemoryReadingStore();

  @Override
  protected ReadingStore store() {
    return store;
  }

  @Override
  protected void appendReadingsOnly(List<Reading> readings) {
    store.appendReadingsOnly(readings);
  }

  @Override
  protected Counted counted() {
    return new Counted(store, store::calls);
  }
}
