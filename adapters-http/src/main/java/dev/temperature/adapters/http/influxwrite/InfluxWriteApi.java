package dev.temperature.adapters.http.influxwrite;

import dev.temperature.application.port.in.RecordReadingBatchUseCase;
import java.util.List;

/**
 * The InfluxDB write endpoints ({@code /api/v2/write}, {@code /write}) as Jersey takes them: the
 * two resources over one ingest, the filter that refuses a password in the URL, and the one that
 * gives their errors InfluxDB's shape.
 */
public final class InfluxWriteApi {
  private InfluxWriteApi() {}

  /**
   * @param chunkSize the most readings written at once: the JSON batch's limit, so that a chunk
   *     always fits the write queue
   * @param maxBodyBytes the body limit, applied to the inflated size of a gzip body too
   */
  public static List<Object> components(
      RecordReadingBatchUseCase recordReadings,
      ReadingLayout layout,
      WriteObserver observer,
      int chunkSize,
      long maxBodyBytes) {
    LineProtocolWrites writes =
        new LineProtocolWrites(
            new LineProtocolIngest(recordReadings, layout, chunkSize, observer), maxBodyBytes);
    return List.of(
        new InfluxWriteResource(writes),
        new InfluxV1WriteResource(writes),
        new RefuseCredentialsInUrl(),
        new InfluxErrorFormat(maxBodyBytes));
  }
}
