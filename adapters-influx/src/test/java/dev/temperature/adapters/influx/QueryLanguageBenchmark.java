package dev.temperature.adapters.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.Window;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Why the adapter asks InfluxDB in InfluxQL: the same aggregate in InfluxQL and in Flux, timed on
 * the real server. Reports figures; it does not pass or fail on time. Run it with
 *
 * <pre>
 *   make services && . ./.services.env
 *   ./mvnw -pl adapters-influx -am test -Dgroups=benchmark -DexcludedGroups= -Dtest=QueryLanguageBenchmark
 * </pre>
 */
@RequiresService(Service.INFLUXDB)
@Tag("benchmark")
class QueryLanguageBenchmark {
  private static final int WARM_UP = 20;
  private static final int RUNS = 200;

  @Test
  void influxQlAgainstFlux() throws Exception {
    try (TestInflux influx = TestInflux.require();
        InfluxDBClient client = influx.client()) {
      String building = "bench-" + UUID.randomUUID().toString().substring(0, 8);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      int minutes = 7 * 24 * 60;
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < minutes; i++) {
        double celsius = 20 + Math.sin(i / 60.0) * 3;
        lines.add(
            LineProtocol.line(
                "temperature", building, "r", celsius, now.minusSeconds(60L * i).toEpochMilli()));
      }
      for (int from = 0; from < lines.size(); from += 5000) {
        client
            .getWriteApiBlocking()
            .writeRecords(
                WritePrecision.MS, lines.subList(from, Math.min(lines.size(), from + 5000)));
      }

      System.out.printf(
          "%nInfluxQL vs Flux, one room, %d readings (one a minute for 7 days), %d runs each%n",
          minutes, RUNS);
      System.out.printf(
          "%-8s %-9s %10s %10s %8s%n", "window", "language", "median ms", "p95 ms", "count");
      for (Duration length :
          List.of(Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofDays(7))) {
        Window window = new Window(now.minus(length), now);
        String influxQl = InfluxQl.aggregate("temperature", building, "r", window);
        String flux = flux(influx.bucket, building, "r", window);
        InfluxQlEndpoint endpoint = influx.endpoint();
        Supplier<Aggregate> viaInfluxQl =
            () -> InfluxQlResults.aggregateOf(endpoint.run(influx.bucket, influxQl));
        Supplier<Aggregate> viaFlux =
            () -> fluxAggregate(client.getQueryApi().query(flux, influx.org));

        Aggregate a = viaInfluxQl.get();
        Aggregate b = viaFlux.get();
        assertThat(b.count()).isEqualTo(a.count());
        assertThat(b.sum()).isCloseTo(a.sum(), within(1e-6));
        assertThat(b.min()).isEqualTo(a.min());
        assertThat(b.max()).isEqualTo(a.max());

        report(length, "InfluxQL", viaInfluxQl, a.count());
        report(length, "Flux", viaFlux, b.count());
      }
    }
  }

  private static void report(
      Duration length, String language, Supplier<Aggregate> query, long count) {
    for (int i = 0; i < WARM_UP; i++) {
      query.get();
    }
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      query.get();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf(
        "%-8s %-9s %10.2f %10.2f %8d%n",
        length.toString().substring(2).toLowerCase(),
        language,
        millis[RUNS / 2],
        millis[(int) (RUNS * 0.95)],
        count);
  }

  /** The same aggregate in Flux, in one pass; range's stop is exclusive, hence the +1 ms. */
  static String flux(String bucket, String building, String room, Window window) {
    return "from(bucket: "
        + fluxString(bucket)
        + ")\n  |> range(start: "
        + window.from()
        + ", stop: "
        + window.to().plusMillis(1)
        + ")\n  |> filter(fn: (r) => r._measurement == \"temperature\" and r._field =="
        + " \"temperature\" and r.building_id == "
        + fluxString(building)
        + " and r.room_id == "
        + fluxString(room)
        + ")\n  |> group()"
        + "\n  |> reduce(identity: {n: 0, total: 0.0, lowest: float(v: \"+Inf\"), highest: float(v: \"-Inf\")},"
        + " fn: (r, accumulator) => ({n: accumulator.n + 1, total: accumulator.total + r._value,"
        + " lowest: if r._value < accumulator.lowest then r._value else accumulator.lowest,"
        + " highest: if r._value > accumulator.highest then r._value else accumulator.highest}))";
  }

  /** A Flux string literal: backslash, quote and interpolation escaped, controls spelt out. */
  static String fluxString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '$' -> out.append(i + 1 < value.length() && value.charAt(i + 1) == '{' ? "\\$" : "$");
        default -> {
          if (c < 0x20) {
            throw new IllegalArgumentException("control character in a Flux string");
          }
          out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }

  private static Aggregate fluxAggregate(List<FluxTable> tables) {
    if (tables.isEmpty() || tables.get(0).getRecords().isEmpty()) {
      return Aggregate.EMPTY;
    }
    FluxRecord row = tables.get(0).getRecords().get(0);
    return Aggregate.of(
        ((Number) row.getValueByKey("n")).longValue(),
        ((Number) row.getValueByKey("total")).doubleValue(),
        ((Number) row.getValueByKey("lowest")).doubleValue(),
        ((Number) row.getValueByKey("highest")).doubleValue());
  }
}
