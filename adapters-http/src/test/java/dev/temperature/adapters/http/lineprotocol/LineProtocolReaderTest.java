package dev.temperature.adapters.http.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.adapters.http.lineprotocol.FieldValue.FloatValue;
import dev.temperature.adapters.http.lineprotocol.FieldValue.IntegerValue;
import dev.temperature.adapters.http.lineprotocol.FieldValue.StringValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the corpus does not pin: streaming, recovery after a bad line, line numbers, precision. */
class LineProtocolReaderTest {

  @Test
  void aBodyFedOneByteAtATimeReadsAsTheWholeDoes() throws IOException {
    String body =
        "# gateway 7\r\n"
            + "temperature,building_id=main,room_id=kitchen temperature=21.5 1733849100000000000\r\n"
            + "air\\ quality,site=a\\,b\\=c text=\"multi\nline \\\"quoted\\\"\",n=-3i 1\n"
            + "\n"
            + "temperature,building_id=main,room_id=lab temperature=1e1\n";

    List<Line> whole = readAll(stream(body), Precision.NANOSECONDS);
    List<Line> trickled = readAll(oneByteAtATime(body), Precision.NANOSECONDS);

    assertThat(trickled).isEqualTo(whole);
    assertThat(whole).hasSize(3).allMatch(Point.class::isInstance);
    Point quality = (Point) whole.get(1);
    assertThat(quality.measurement()).isEqualTo("air quality");
    assertThat(quality.tag("site")).isEqualTo("a,b=c");
    assertThat(quality.field("text")).isEqualTo(new StringValue("multi\nline \"quoted\""));
    assertThat(quality.field("n")).isEqualTo(new IntegerValue(-3));
    assertThat(((Point) whole.get(2)).number()).as("the string's line break counts").isEqualTo(6);
  }

  @Test
  void aMalformedLineIsReportedWhereItIsAndTheNextLinesAreStillRead() throws IOException {
    String body = "m a=1\nm,t a=1\nm a=1 12x\nm a=2\nm a=\"open\nm a=3\n";

    List<Line> lines = readAll(stream(body), Precision.NANOSECONDS);

    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isInstanceOf(Point.class);
    Malformed tag = (Malformed) lines.get(1);
    assertThat(tag.number()).isEqualTo(2);
    assertThat(tag.column()).isEqualTo(3);
    assertThat(tag.reason()).isEqualTo("expected '=' after tag key \"t\", but got \" \" instead");
    Malformed time = (Malformed) lines.get(2);
    assertThat(time.message()).isEqualTo("at line 3:7: invalid timestamp (\"12x\")");
    assertThat(((Point) lines.get(3)).field("a")).isEqualTo(new FloatValue(2));
    // An unclosed string runs to the end of the body, as in InfluxData's parser.
    Malformed open = (Malformed) lines.get(4);
    assertThat(open.number()).isEqualTo(5);
    assertThat(open.reason()).startsWith("expected closing quote for string field \"a\"");
  }

  @Test
  void readsNoFurtherAheadThanItsBuffer() throws IOException {
    // A body far larger than the buffer, made as it is read: the reader must return the first
    // point long before the stream is consumed.
    CountingStream body = new CountingStream("m,t=x v=1 1\n", 100_000);
    LineProtocolReader reader = new LineProtocolReader(body, Precision.NANOSECONDS);

    assertThat(reader.next()).isInstanceOf(Point.class);
    assertThat(body.read).isLessThanOrEqualTo(64 * 1024);

    long points = 1;
    while (reader.next() != null) {
      points++;
    }
    assertThat(points).isEqualTo(100_000);
  }

  @Test
  void timestampsAreScaledByThePrecisionAndAMissingOneIsLeftToTheCaller() throws IOException {
    String body = "m v=1 1733849100\nm v=1\n";

    List<Line> seconds = readAll(stream(body), Precision.SECONDS);

    assertThat(((Point) seconds.get(0)).nanosecondsSinceEpoch())
        .isEqualTo(OptionalLong.of(1_733_849_100_000_000_000L));
    assertThat(((Point) seconds.get(1)).nanosecondsSinceEpoch()).isEmpty();
    assertThat(readAll(stream("m v=1 1733849100000\n"), Precision.MILLISECONDS))
        .containsExactly(
            new Point(
                1,
                "m",
                List.of(),
                List.of(new Point.Field("v", new FloatValue(1))),
                OptionalLong.of(1_733_849_100_000_000_000L)));
  }

  @Test
  void aTimestampPastTheNanosecondRangeIsMalformedNotWrapped() throws IOException {
    // 10^10 s is the year 2286, past 2262 where nanoseconds since 1970 overflow 64 bits.
    Line line = readAll(stream("m v=1 10000000000"), Precision.SECONDS).get(0);

    assertThat(line).isInstanceOf(Malformed.class);
    assertThat(((Malformed) line).reason()).contains("out of range");
  }

  /** Java's parsers take these; Go's, and so line protocol, do not. */
  @ParameterizedTest
  @ValueSource(
      strings = {"1f", "1d", "1.5F", "0x10", "1__0", "1_", "Infinity", "-Inf", "1e", "1.2.3"})
  void numbersOutsideGoSyntaxAreMalformed(String value) throws IOException {
    assertThat(readAll(stream("m v=" + value), Precision.NANOSECONDS).get(0))
        .isInstanceOf(Malformed.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"١٢i", "١٢"})
  void digitsOtherThanAsciiAreMalformed(String value) throws IOException {
    assertThat(readAll(stream("m v=1" + value), Precision.NANOSECONDS).get(0))
        .isInstanceOf(Malformed.class);
  }

  @Test
  void numbersInGoSyntaxAreRead() throws IOException {
    List<Line> lines =
        readAll(
            stream(
                "m a=1_000.5,b=0x1p-2,c=.5,d=5.,e=-9223372036854775808i,f=18446744073709551615u"),
            Precision.NANOSECONDS);

    Point point = (Point) lines.get(0);
    assertThat(point.field("a")).isEqualTo(new FloatValue(1000.5));
    assertThat(point.field("b")).isEqualTo(new FloatValue(0.25));
    assertThat(point.field("c")).isEqualTo(new FloatValue(0.5));
    assertThat(point.field("d")).isEqualTo(new FloatValue(5));
    assertThat(point.field("e")).isEqualTo(new IntegerValue(Long.MIN_VALUE));
    assertThat(point.field("f")).isEqualTo(new FieldValue.UnsignedValue(-1L));
  }

  @Test
  void invalidUtf8IsMalformed() throws IOException {
    byte[] body = {'m', ',', 't', '=', (byte) 0xc3, (byte) 0x28, ' ', 'v', '=', '1'};

    Line line =
        new LineProtocolReader(new ByteArrayInputStream(body), Precision.NANOSECONDS).next();

    assertThat(line).isInstanceOf(Malformed.class);
    assertThat(((Malformed) line).reason()).startsWith("invalid utf-8");
  }

  private static List<Line> readAll(InputStream in, Precision precision) throws IOException {
    LineProtocolReader reader = new LineProtocolReader(in, precision);
    List<Line> lines = new ArrayList<>();
    for (Line line = reader.next(); line != null; line = reader.next()) {
      lines.add(line);
    }
    return lines;
  }

  private static InputStream stream(String body) {
    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
  }

  private static InputStream oneByteAtATime(String body) {
    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  /** {@code times} copies of {@code line}, made as they are read, counting the bytes read. */
  private static final class CountingStream extends InputStream {
    private final byte[] line;
    private final long total;
    long read;

    CountingStream(String line, long times) {
      this.line = line.getBytes(StandardCharsets.UTF_8);
      this.total = this.line.length * times;
    }

    @Override
    public int read() {
      return read == total ? -1 : line[(int) (read++ % line.length)];
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (read == total) {
        return -1;
      }
      int n = (int) Math.min(len, total - read);
      for (int i = 0; i < n; i++) {
        b[off + i] = line[(int) (read++ % line.length)];
      }
      return n;
    }
  }
}
