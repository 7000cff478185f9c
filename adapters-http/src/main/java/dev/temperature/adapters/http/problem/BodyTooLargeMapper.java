package dev.temperature.adapters.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 413 for a body past the limit, whether announced by Content-Length or found while reading. */
@Provider
public final class BodyTooLargeMapper implements ExceptionMapper<BodyTooLargeException> {
  @Override
  public Response toResponse(BodyTooLargeException exception) {
    return Problem.of(413, exception.getMessage()).toResponse();
  }
}
