package dev.temperature.adapters.http.influxwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.adapters.http.lineprotocol.Precision;
import dev.temperature.application.port.in.RecordReadingBatchUseCase;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.application.service.RecordReadingService;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.ReadingPolicy;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingest above the real recording service: chunks, rejected lines, counts. */
class LineProtocolIngestTest {
  static final Instant NOW = Instant.parse("2024-12-10T17:00:00Z");
  static final long NOW_NS = NOW.getEpochSecond() * 1_000_000_000L;

  final InMemoryReadingStore store = new InMemoryReadingStore();
  final RecordReadingService service =
      new RecordReadingService(store, ReadingPolicy.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
  final List<Integer> chunks = new ArrayList<>();
  final RecordReadingBatchUseCase counted =
      commands -> {
        chunks.add(commands.size());
        return service.recordAll(commands);
      };
  final long[] observed = new long[3];
  final LineProtocolIngest ingest =
      new LineProtocolIngest(
          counted,
          ReadingLayout.DEFAULT,
          3,
          (stored, ignored, rejected) -> {
            observed[0] += stored;
            observed[1] += ignored;
            observed[2] += rejected;
          });

  @Test
  void readingsGoToTheUseCaseInChunksOfAtMostTheChunkSize() throws IOException {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      body.append(line("r" + i, 20 + i, NOW_NS - i));
    }

    LineProtocolIngest.Outcome outcome = ingest.ingest(stream(body), Precision.NANOSECONDS);

    assertThat(chunks).containsExactly(3, 3, 2);
    assertThat(outcome.stored()).isEqualTo(8);
    assertThat(store.size()).isEqualTo(8);
  }

  @Test
  void validLinesAreStoredAndEachBadOneIsNamedByItsLine() throws IOException {
    String body =
        line("a", 20, NOW_NS) // 1
            + line("b", 500, NOW_NS) // 2: implausible
            + "cpu,host=x usage=3\n" // 3: another measurement
            + "temperature,building_id=main temperature=1\n" // 4: no room tag
            + "temperature,building_id=main,room_id=c temperature=\"warm\"\n" // 5
            + "not line protocol\n" // 6
            + line("d", 21, NOW_NS + 3_600_000_000_000L) // 7: an hour in the future
            + line("e", 22, NOW_NS); // 8

    LineProtocolIngest.Outcome outcome = ingest.ingest(stream(body), Precision.NANOSECONDS);

    assertThat(outcome.lines()).isEqualTo(8);
    assertThat(outcome.stored()).isEqualTo(2);
    assertThat(outcome.ignored()).isEqualTo(1);
    assertThat(outcome.rejections().count()).isEqualTo(5);
    assertThat(outcome.rejections().firstLine()).isEqualTo(2);
    assertThat(outcome.rejections().listed())
        .hasSize(5)
        .satisfiesExactly(
            two -> assertThat(two).startsWith("line 2: temperature 500.0 °C is outside"),
            four ->
                assertThat(four)
                    .isEqualTo(
                        "line 4: a point of measurement 'temperature' needs the tag 'room_id'"),
            five -> assertThat(five).startsWith("line 5: field 'temperature' must be a number"),
            six -> assertThat(six).startsWith("line 6: "),
            seven -> assertThat(seven).startsWith("line 7: recorded_at").contains("in the future"));
    assertThat(store.size()).isEqualTo(2);
    assertThat(observed).containsExactly(2, 1, 5);
  }

  @Test
  void aLineWithoutTimestampIsStampedWithTheServersClock() throws IOException {
    ingest.ingest(
        stream("temperature,building_id=b,room_id=r temperature=19.5\n"), Precision.SECONDS);

    assertThat(store.newestFirst(new BuildingId("b"), new RoomId("r"), new Window(NOW, NOW), 10))
        .singleElement()
        .satisfies(reading -> assertThat(reading.recordedAt()).isEqualTo(NOW));
  }

  @Test
  void aStoreFailurePartWayKeepsTheChunksBeforeAndIsCountedSo() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      body.append(line("r" + i, 20, NOW_NS - i));
    }
    RecordReadingBatchUseCase failsSecond =
        commands -> {
          chunks.add(commands.size());
          if (chunks.size() == 2) {
            throw new StorageUnavailableException("down", null);
          }
          return service.recordAll(commands);
        };
    LineProtocolIngest failing =
        new LineProtocolIngest(
            failsSecond, ReadingLayout.DEFAULT, 3, (s, i, r) -> observed[0] += s);

    assertThatThrownBy(() -> failing.ingest(stream(body), Precision.NANOSECONDS))
        .isInstanceOf(StorageUnavailableException.class);
    assertThat(store.size()).isEqualTo(3);
    assertThat(observed[0]).isEqualTo(3);
  }

  @Test
  void anotherLayoutReadsTheGatewaysOwnNames() throws IOException {
    LineProtocolIngest air =
        new LineProtocolIngest(
            counted, new ReadingLayout("air", "site", "zone", "value"), 10, WriteObserver.NONE);

    LineProtocolIngest.Outcome outcome =
        air.ingest(
            stream(
                "air,site=main,zone=kitchen value=21i "
                    + NOW_NS
                    + "\ntemperature,building_id=b,room_id=r temperature=1\n"),
            Precision.NANOSECONDS);

    assertThat(outcome.stored()).isEqualTo(1);
    assertThat(outcome.ignored()).isEqualTo(1);
  }

  @Test
  void theListOfReasonsIsBoundedWhateverTheNumberOfBadLines() throws IOException {
    String body = "bad\n".repeat(1000);

    LineProtocolIngest.Outcome outcome = ingest.ingest(stream(body), Precision.NANOSECONDS);

    assertThat(outcome.rejections().count()).isEqualTo(1000);
    assertThat(outcome.rejections().listed()).hasSize(LineProtocolIngest.Rejections.LISTED);
  }

  private static String line(String room, double celsius, long nanoseconds) {
    return "temperature,building_id=main,room_id="
        + room
        + " temperature="
        + celsius
        + " "
        + nanoseconds
        + "\n";
  }

  private static ByteArrayInputStream stream(CharSequence body) {
    return new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
