package dev.temperature.adapters.http.problem;

import dev.temperature.application.port.out.StorageRefusedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database refused a statement: a bug or a schema from another release, which a retry cannot
 * mend. A 500 with a reference the client can quote; the database's own words go to the log under
 * that reference, never into the body.
 */
@Provider
public final class StorageRefusedMapper implements ExceptionMapper<StorageRefusedException> {
  private static final Logger LOG = LoggerFactory.getLogger(StorageRefusedMapper.class);

  @Override
  public Response toResponse(StorageRefusedException exception) {
    String reference = UUID.randomUUID().toString();
    LOG.error("Storage refused the request, reference {}", reference, exception);
    return Problem.serverError(reference).toResponse();
  }
}
