package dev.temperature.adapters.influx;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.ReadingStoreContract;
import dev.temperature.domain.Reading;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on a real InfluxDB 2.x, with the same expectations as every adapter. */
@RequiresService(Service.INFLUXDB)
class InfluxReadingStoreContractTest extends ReadingStoreContract {
  private static TestInflux influx;

  @BeforeAll
  static void connect() {
    influx = TestInflux.require();
  }

  @AfterAll
  static void disconnect() throws Exception {
    influx.close();
  }

  @Override
  protected ReadingStore store() {
    return influx.store();
  }

  @Override
  protected void appendReadingsOnly(List<Reading> readings) {
    influx.appendReadingsOnly(readings);
  }

  @Override
  protected Counted counted() {
    return influx.counted();
  }
}
