package dev.temperature.adapters.http.influxwrite;

import dev.temperature.adapters.http.lineprotocol.Precision;
import dev.temperature.adapters.http.problem.BodyTooLargeException;
import jakarta.ws.rs.core.Response;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * What the two write endpoints share: the precision, the body's encoding, the ingest, and the
 * answer InfluxDB's clients expect (204, or 400 naming the first rejected line).
 */
final class LineProtocolWrites {
  private final LineProtocolIngest ingest;
  private final long maxBodyBytes;

  LineProtocolWrites(LineProtocolIngest ingest, long maxBodyBytes) {
    this.ingest = Objects.requireNonNull(ingest);
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * @param precisions the precision parameter's accepted values
   * @param precision the parameter as sent; absent or empty is nanoseconds
   * @param contentEncoding the header as sent; {@code gzip} bodies are inflated as they are read
   */
  Response write(
      Map<String, Precision> precisions, String precision, String contentEncoding, InputStream body)
      throws IOException {
    Precision unit =
        precision == null || precision.isEmpty()
            ? Precision.NANOSECONDS
            : precisions.get(precision);
    if (unit == null) {
      return InfluxError.of(
              400,
              "invalid precision '"
                  + precision
                  + "'; valid precision units are "
                  + String.join(", ", precisions.keySet()))
          .toResponse(400)
          .build();
    }
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    if (!encoding.equals("identity") && !encoding.equals("gzip")) {
      return InfluxError.of(
              415,
              "Content-Encoding '"
                  + contentEncoding
                  + "' is not supported; send the body as it is (identity) or gzip")
          .toResponse(415)
          .build();
    }
    LineProtocolIngest.Outcome outcome;
    try {
      InputStream lines =
          encoding.equals("gzip")
              ? new Inflated(new GZIPInputStream(body, 8192), maxBodyBytes)
              : body;
      outcome = ingest.ingest(lines, unit);
    } catch (ZipException | EOFException e) {
      return notGzip(e);
    } catch (RuntimeException e) {
      // Jetty's own inflater (server.gzip) fails a read with ZipException wrapped unchecked.
      if (e.getCause() instanceof ZipException zip) {
        return notGzip(zip);
      }
      throw e;
    }
    if (outcome.rejections().count() == 0) {
      return Response.noContent().build();
    }
    return rejected(outcome).toResponse(400).build();
  }

  private static Response notGzip(IOException e) {
    return InfluxError.of(
            400,
            "the body is sent as Content-Encoding: gzip but is not valid gzip ("
                + e.getMessage()
                + "); lines before the fault may have been stored")
        .toResponse(400)
        .build();
  }

  private static InfluxError rejected(LineProtocolIngest.Outcome outcome) {
    LineProtocolIngest.Rejections rejections = outcome.rejections();
    StringBuilder message =
        new StringBuilder("partial write: ")
            .append(rejections.count())
            .append(" of ")
            .append(outcome.lines())
            .append(outcome.lines() == 1 ? " line" : " lines")
            .append(" rejected, ")
            .append(outcome.stored())
            .append(outcome.stored() == 1 ? " reading stored" : " readings stored");
    if (outcome.ignored() > 0) {
      message
          .append(", ")
          .append(outcome.ignored())
          .append(" points of other measurements ignored");
    }
    message.append("; ").append(String.join("; ", rejections.listed()));
    if (rejections.count() > rejections.listed().size()) {
      message
          .append("; and ")
          .append(rejections.count() - rejections.listed().size())
          .append(" more");
    }
    return new InfluxError(InfluxError.code(400), message.toString(), rejections.firstLine(), null);
  }

  /** The inflated body, refused past the body limit: a small gzip body can inflate without end. */
  private static final class Inflated extends FilterInputStream {
    private final long maxBytes;
    private long read;

    Inflated(InputStream in, long maxBytes) {
      super(in);
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
    }
  }
}
