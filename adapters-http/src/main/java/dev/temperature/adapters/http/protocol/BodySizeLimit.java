package dev.temperature.adapters.http.protocol;

import dev.temperature.adapters.http.problem.BodyTooLargeException;
import dev.temperature.adapters.http.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Refuses request bodies over the limit with 413: up front when Content-Length announces it, and
 * while reading when the body is chunked, so a client cannot make the server buffer without end.
 * Jetty inflates a {@code Content-Encoding: gzip} body before it gets here, so the limit applies to
 * the inflated size (a gzip bomb is a 413), and a body that is not the gzip it claims is a 400.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class BodySizeLimit implements ContainerRequestFilter {
  private final long maxBytes;

  BodySizeLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String announced = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (announced != null) {
      try {
        if (Long.parseLong(announced.strip()) > maxBytes) {
          throw new BodyTooLargeException(maxBytes);
        }
      } catch (NumberFormatException e) {
        // Jetty rejects a malformed Content-Length before we get here; nothing to add.
      }
    }
    // Wrapped whether or not there is a body: asking would peek at it, and Jetty would inflate
    // (and fail on a bad gzip body) before Jersey has answered a wrong method with 405.
    request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
  }

  private static final class Limited extends FilterInputStream {
    private final long maxBytes;
    private long read;

    Limited(InputStream in, long maxBytes) {
      super(in);
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b;
      try {
        b = super.read();
      } catch (RuntimeException e) {
        throw notGzip(e);
      }
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n;
      try {
        n = super.read(buffer, offset, length);
      } catch (RuntimeException e) {
        throw notGzip(e);
      }
      if (n > 0) {
        count(n);
      }
      return n;
    }

    /**
     * Jetty's inflater fails a read with its ZipException wrapped unchecked; anything else is ours.
     */
    private static RuntimeException notGzip(RuntimeException e) {
      if (e.getCause() instanceof ZipException zip) {
        return new WebApplicationException(
            Problem.of(
                    400,
                    "the body is sent with Content-Encoding: gzip but is not valid gzip ("
                        + zip.getMessage()
                        + ")")
                .toResponse());
      }
      return e;
    }

    private void count(int n) {
      read += n;
      if (read > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
    }
  }
}
