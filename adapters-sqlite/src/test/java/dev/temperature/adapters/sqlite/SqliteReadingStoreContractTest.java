package dev.temperature.adapters.sqlite;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.ReadingStoreContract;
import dev.temperature.domain.Reading;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class SqliteReadingStoreContractTest extends ReadingStoreContract {
  @TempDir static Path directory;
  private static OpenSqliteStore open;

  @BeforeAll
  static void open() {
    open = new OpenSqliteStore(directory.resolve("contract.db"));
  }

  @AfterAll
  static void close() throws Exception {
    open.close();
  }

  @Override
  protected ReadingStore store() {
    return open.store;
  }

  @Override
  protected void appendReadingsOnly(List<Reading> readings) {
    open.appendReadingsOnly(readings);
  }

  @Override
  protected Counted counted() {
    return open.counted();
  }
}
