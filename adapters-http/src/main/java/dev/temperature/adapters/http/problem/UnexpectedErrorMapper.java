package dev.temperature.adapters.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything nothing else mapped: a bug. The client gets a 500 with a reference it can quote; the
 * stack trace goes to the log under the same reference, never into the body.
 */
@Provider
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

  @Override
  public Response toResponse(Throwable exception) {
    if (exception instanceof EofException) {
      // The client went away or cut its body short; nobody is left to read an answer.
      return Problem.of(400, "the request body ended early").toResponse();
    }
    String reference = UUID.randomUUID().toString();
    LOG.error("Unexpected error, reference {}", reference, exception);
    return Problem.serverError(reference).toResponse();
  }
}
