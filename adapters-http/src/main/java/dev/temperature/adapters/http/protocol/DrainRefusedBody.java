package dev.temperature.adapters.http.protocol;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards what is left of a request's body before a refusal is sent (a 401 before the
 * body was looked at, a 400 on its first bad field), so that the connection stays usable for the
 * client's next request. Otherwise Jetty, finding the body unread when the answer is complete,
 * closes the connection, at times after the answer went out without a {@code Connection: close}: a
 * keep-alive client then sends its next request on a closing connection and gets no answer at all.
 * The body is read through {@link BodySizeLimit}'s limit; past it, or when it cannot be read, the
 * answer says {@code Connection: close} instead.
 */
final class DrainRefusedBody implements ContainerResponseFilter {
  private static final String CONNECTION = "Connection";
  private static final String CLOSE = "close";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400
        || CLOSE.equalsIgnoreCase(response.getHeaderString(CONNECTION))
        || !announcesBody(request)) {
      return;
    }
    try (InputStream body = request.getEntityStream()) {
      byte[] discard = new byte[8192];
      while (body.read(discard) >= 0) {
        // discarded: only the connection matters now
      }
    } catch (IOException | RuntimeException e) {
      response.getHeaders().putSingle(CONNECTION, CLOSE);
    }
  }

  /** A body is on its way: a length above zero, or chunks. Asked from headers, never by peeking. */
  private static boolean announcesBody(ContainerRequestContext request) {
    String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      return !length.strip().equals("0");
    }
    return request.getHeaderString("Transfer-Encoding") != null;
  }
}
