package dev.temperature.adapters.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * 413 for a body past the limit, whether announced by Content-Length or found while reading. The
 * rest of the body is never read, so the server closes the connection after answering; {@code
 * Connection: close} says so, or a keep-alive client would send its next request on a connection
 * that is about to close and get no answer at all (RFC 9112, section 9.6).
 */
@Provider
public final class BodyTooLargeMapper implements ExceptionMapper<BodyTooLargeException> {
  @Override
  public Response toResponse(BodyTooLargeException exception) {
    return Response.fromResponse(Problem.of(413, exception.getMessage()).toResponse())
        .header("Connection", "close")
        .build();
  }
}
