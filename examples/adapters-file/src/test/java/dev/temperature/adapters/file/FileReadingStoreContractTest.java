package dev.temperature.adapters.file;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.ReadingStoreContract;
import dev.temperature.domain.Reading;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The one contract suite, against the store as the factory opens it. */
class FileReadingStoreContractTest extends ReadingStoreContract {
  @TempDir static Path directory;
  private static FileReadingStore store;

  @BeforeAll
  static void open() throws Exception {
    store = FileReadingStore.open(directory.resolve("contract.log"));
  }

  @AfterAll
  static void close() throws Exception {
    store.close();
  }

  @Override
  protected ReadingStore store() {
    return store;
  }

  @Override
  protected void appendReadingsOnly(List<Reading> readings) {
    store.importReadings(readings);
  }

  @Override
  protected Counted counted() {
    return new Counted(store, store::requests);
  }
}
