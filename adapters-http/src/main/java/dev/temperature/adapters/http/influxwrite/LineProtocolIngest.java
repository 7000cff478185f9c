package dev.temperature.adapters.http.influxwrite;

import dev.temperature.adapters.http.lineprotocol.Line;
import dev.temperature.adapters.http.lineprotocol.LineProtocolReader;
import dev.temperature.adapters.http.lineprotocol.Malformed;
import dev.temperature.adapters.http.lineprotocol.Point;
import dev.temperature.adapters.http.lineprotocol.Precision;
import dev.temperature.application.port.in.InvalidReadingsException;
import dev.temperature.application.port.in.RecordReadingBatchUseCase;
import dev.temperature.application.port.in.RecordReadingCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A line-protocol body into readings, the way InfluxDB 1.x and Cloud write: line by line. Each
 * valid reading is stored; each line that is malformed or no valid reading (an id, range, future or
 * retention rule broken) is rejected and reported; points of other measurements are ignored. The
 * body is read as a stream, and readings go to the batch use case (the JSON batch's path: group
 * commit, COPY on PostgreSQL) in chunks of at most {@code chunkSize} as they are read, so a request
 * holds one chunk, never the whole body. See docs/adr/0013 for why lines are judged one by one.
 */
final class LineProtocolIngest {
  private final RecordReadingBatchUseCase recordReadings;
  private final ReadingLayout layout;
  private final int chunkSize;
  private final WriteObserver observer;

  LineProtocolIngest(
      RecordReadingBatchUseCase recordReadings,
      ReadingLayout layout,
      int chunkSize,
      WriteObserver observer) {
    this.recordReadings = Objects.requireNonNull(recordReadings);
    this.layout = Objects.requireNonNull(layout);
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be at least 1");
    }
    this.chunkSize = chunkSize;
    this.observer = Objects.requireNonNull(observer);
  }

  /** What became of a body's lines. */
  record Outcome(long lines, long stored, long ignored, Rejections rejections) {}

  /**
   * Reads the whole body and stores its readings chunk by chunk.
   *
   * @throws IOException as reading the body failed; the chunks written before stay stored
   * @throws dev.temperature.application.port.out.StorageUnavailableException as the store threw it,
   *     with the same caveat
   */
  Outcome ingest(InputStream body, Precision precision) throws IOException {
    LineProtocolReader reader = new LineProtocolReader(body, precision);
    List<RecordReadingCommand> readings = new ArrayList<>(Math.min(chunkSize, 1024));
    List<Long> lineNumbers = new ArrayList<>(Math.min(chunkSize, 1024));
    Rejections rejections = new Rejections();
    long lines = 0;
    long stored = 0;
    long ignored = 0;
    try {
      for (Line line = reader.next(); line != null; line = reader.next()) {
        lines++;
        if (line instanceof Malformed malformed) {
          rejections.add(
              malformed.number(), malformed.reason() + " (column " + malformed.column() + ")");
          continue;
        }
        Point point = (Point) line;
        RecordReadingCommand reading;
        try {
          reading = layout.readingOf(point);
        } catch (ReadingLayout.NotAReadingException e) {
          rejections.add(point.number(), e.getMessage());
          continue;
        }
        if (reading == null) {
          ignored++;
          continue;
        }
        readings.add(reading);
        lineNumbers.add(point.number());
        if (readings.size() == chunkSize) {
          stored += store(readings, lineNumbers, rejections);
        }
      }
      stored += store(readings, lineNumbers, rejections);
      return new Outcome(lines, stored, ignored, rejections);
    } finally {
      observer.lines(stored, ignored, rejections.count());
    }
  }

  /**
   * Stores the chunk's valid readings and empties it. The batch use case stores all or nothing, so
   * the readings it names as invalid are taken out and the rest sent again; each round takes out at
   * least one, and the second is the rare one.
   */
  private int store(
      List<RecordReadingCommand> readings, List<Long> lineNumbers, Rejections rejections) {
    List<RecordReadingCommand> valid = readings;
    List<Long> validLines = lineNumbers;
    try {
      while (!valid.isEmpty()) {
        try {
          return recordReadings.recordAll(valid);
        } catch (InvalidReadingsException e) {
          if (e.violations().isEmpty()) {
            throw e;
          }
          Set<Integer> invalid = new HashSet<>();
          for (InvalidReadingsException.Violation violation : e.violations()) {
            invalid.add(violation.index());
            rejections.add(validLines.get(violation.index()), violation.violation().getMessage());
          }
          List<RecordReadingCommand> rest = new ArrayList<>(valid.size() - invalid.size());
          List<Long> restLines = new ArrayList<>(valid.size() - invalid.size());
          for (int i = 0; i < valid.size(); i++) {
            if (!invalid.contains(i)) {
              rest.add(valid.get(i));
              restLines.add(validLines.get(i));
            }
          }
          valid = rest;
          validLines = restLines;
        }
      }
      return 0;
    } finally {
      readings.clear();
      lineNumbers.clear();
    }
  }

  /**
   * The lines rejected: how many, the first one's number, and the reasons of the first few (so a
   * body of bad lines cannot make the answer as large as itself).
   */
  static final class Rejections {
    static final int LISTED = 10;

    private record Rejection(long line, String reason) {}

    private final List<Rejection> listed = new ArrayList<>();
    private long count;
    private long firstLine;

    void add(long line, String reason) {
      count++;
      if (firstLine == 0 || line < firstLine) {
        firstLine = line;
      }
      if (listed.size() < LISTED) {
        listed.add(new Rejection(line, reason));
      }
    }

    long count() {
      return count;
    }

    /** The line number of the first rejected line, 0 when none was. */
    long firstLine() {
      return firstLine;
    }

    /** "line 3: ..." for each listed rejection, in the order of the body. */
    List<String> listed() {
      return listed.stream()
          .sorted(Comparator.comparingLong(Rejection::line))
          .map(rejection -> "line " + rejection.line() + ": " + rejection.reason())
          .toList();
    }
  }
}
