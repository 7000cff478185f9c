package dev.temperature.adapters.http.problem;

import dev.temperature.application.port.out.StorageUnavailableException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store is down: 503 with {@code Retry-After}, so that clients and gateways retry instead of
 * dropping the reading. A failed read read nothing. A failed write is only known not to be
 * acknowledged: the connection can be lost after the database committed, and InfluxDB can time out
 * after it took the points, so the answer says the readings may or may not be stored, and that a
 * retry is safe only for readings that carry {@code recorded_at} (the last write wins; a reading
 * without it is stamped again and would be stored twice).
 */
@Provider
public final class StorageUnavailableMapper
    implements ExceptionMapper<StorageUnavailableException> {
  private static final Logger LOG = LoggerFactory.getLogger(StorageUnavailableMapper.class);
  static final String RETRY_AFTER_SECONDS = "5";

  @Context private Request request;

  @Override
  public Response toResponse(StorageUnavailableException exception) {
    LOG.warn("Storage unavailable: {}", exception.getMessage(), exception);
    String detail =
        HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
            ? "the temperature store is unavailable; nothing was read. Retry later."
            : "the temperature store is unavailable; the readings of this request are not"
                + " acknowledged and may or may not have been stored (the connection can fail"
                + " after the database committed). Retrying stores a reading that carries"
                + " recorded_at once; one without recorded_at is stamped again and may be stored"
                + " twice.";
    return Response.fromResponse(
            new Problem(Problem.STORAGE_UNAVAILABLE, "Storage unavailable", 503, detail, List.of())
                .toResponse())
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .build();
  }
}
