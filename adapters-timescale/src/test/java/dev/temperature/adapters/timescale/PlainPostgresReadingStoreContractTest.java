package dev.temperature.adapters.timescale;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.ReadingStoreContract;
import dev.temperature.domain.Reading;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on PostgreSQL without TimescaleDB: the fallback, an ordinary table. */
@RequiresService(Service.POSTGRES_PLAIN)
class PlainPostgresReadingStoreContractTest extends ReadingStoreContract {
  private static TestDatabase database;

  @BeforeAll
  static void connect() {
    database = TestDatabase.require("POSTGRES_PLAIN_URL");
  }

  @AfterAll
  static void disconnect() throws Exception {
    database.close();
  }

  @Override
  protected ReadingStore store() {
    return database.store();
  }

  @Override
  protected void appendReadingsOnly(List<Reading> readings) {
    database.appendReadingsOnly(readings);
  }

  @Override
  protected Counted counted() {
    return database.counted();
  }
}
