package dev.temperature.adapters.influx;

import static org.junit.jupiter.api.Assertions.fail;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.ReadingStoreContract.Counted;
import dev.temperature.domain.Reading;
import dev.temperature.testing.Service;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The real InfluxDB named by the environment ({@code make services} writes INFLUX_URL,
 * INFLUX_TOKEN, INFLUX_ORG and INFLUX_BUCKET to .services.env). A test that uses it declares
 * {@code @RequiresService(Service.INFLUXDB)}, which skips it on a workstation without the server
 * and fails it in CI.
 *
 * <p>{@code INFLUX_TOKEN} is production's kind of token: read and write on the bucket, nothing
 * else. {@code INFLUX_OPERATOR_TOKEN} is for the tests that administer the server (a bucket of
 * their own, a token for it).
 */
final class TestInflux implements AutoCloseable {
  final String url = Service.INFLUXDB.variable("INFLUX_URL");
  final String token = Service.INFLUXDB.variable("INFLUX_TOKEN");
  final String org = Service.INFLUXDB.variable("INFLUX_ORG");
  final String bucket = Service.INFLUXDB.variable("INFLUX_BUCKET");
  final Environment environment = new Environment("influx-test");
  private ReadingStore store;
  private final List<InfluxDBClient> opened = new ArrayList<>();

  /** The server the test declares with {@code @RequiresService(Service.INFLUXDB)}. */
  static TestInflux require() {
    return new TestInflux();
  }

  InfluxStorageFactory factory() {
    InfluxStorageFactory factory = new InfluxStorageFactory();
    factory.setUrl(url);
    factory.setToken(token);
    factory.setOrg(org);
    factory.setBucket(bucket);
    return factory;
  }

  /**
   * The store built the way the server builds it, once its rollups are sealed: the first start on a
   * bucket computes them from every reading in the background, and rollup tests need them.
   */
  ReadingStore store() {
    if (store == null) {
      store = factory().build(environment);
      for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
        try {
          managed.start();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      awaitSealed((InfluxReadingStore) store);
    }
    return store;
  }

  static void awaitSealed(InfluxReadingStore store) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (store.rollups().sealedUntil().isEmpty()) {
      if (System.nanoTime() > deadline) {
        fail("the rollups of the test bucket were not sealed within 3 minutes");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Stores readings as line protocol of its own, as a writer behind the store's back would. */
  void appendReadingsOnly(List<Reading> readings) {
    appendReadingsOnly(readings, factory().getMeasurement());
  }

  void appendReadingsOnly(List<Reading> readings, String measurement) {
    try (InfluxDBClient writer = client()) {
      writer
          .getWriteApiBlocking()
          .writeRecords(bucket, org, WritePrecision.MS, LineProtocol.encode(measurement, readings));
    }
  }

  /** InfluxQL as the adapter sends it. */
  InfluxQlEndpoint endpoint() {
    return new InfluxQlEndpoint(new okhttp3.OkHttpClient(), url, token);
  }

  /**
   * A store on the same bucket and measurement as {@link #store()} that counts its HTTP requests to
   * InfluxQL's {@code /query}, as OkHttp sends them.
   */
  Counted counted() {
    AtomicLong requests = new AtomicLong();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  if (chain.request().url().encodedPath().endsWith("/query")) {
                    requests.incrementAndGet();
                  }
                  return chain.proceed(chain.request());
                })
            .build();
    InfluxDBClient writer = client();
    opened.add(writer);
    InfluxReadingStore counted =
        new InfluxReadingStore(
            writer.getWriteApiBlocking(),
            writer.getDeleteApi(),
            new InfluxQlEndpoint(http, url, token),
            factory().target(),
            Optional.empty(),
            Optional.empty(),
            Clock.systemUTC());
    counted.rollups().readMark();
    return new Counted(counted, requests::get);
  }

  /** A client of our own, to look at the server directly, with the API's token. */
  InfluxDBClient client() {
    return InfluxDBClientFactory.create(url, token.toCharArray(), org, bucket);
  }

  /** A client with the operator token, which may do anything: for a test's own buckets. */
  InfluxDBClient operator() {
    String operatorToken = Service.INFLUXDB.variable("INFLUX_OPERATOR_TOKEN");
    return InfluxDBClientFactory.create(url, operatorToken.toCharArray(), org, bucket);
  }

  @Override
  public void close() throws Exception {
    opened.forEach(InfluxDBClient::close);
    for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
      managed.stop();
    }
  }
}
