package dev.temperature.adapters.http.problem;

import dev.temperature.application.port.out.StorageUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store is down: 503 with {@code Retry-After}, so that clients and gateways retry instead of
 * dropping the reading. Nothing was stored, so a retry cannot duplicate anything (and a reading
 * written twice replaces itself anyway).
 */
@Provider
public final class StorageUnavailableMapper
    implements ExceptionMapper<StorageUnavailableException> {
  private static final Logger LOG = LoggerFactory.getLogger(StorageUnavailableMapper.class);
  static final String RETRY_AFTER_SECONDS = "5";

  @Override
  public Response toResponse(StorageUnavailableException exception) {
    LOG.warn("Storage unavailable: {}", exception.getMessage(), exception);
    return Response.fromResponse(
            new Problem(
                    Problem.STORAGE_UNAVAILABLE,
                    "Storage unavailable",
                    503,
                    "the temperature store is unavailable; nothing was stored or read. Retry later.",
                    List.of())
                .toResponse())
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .build();
  }
}
