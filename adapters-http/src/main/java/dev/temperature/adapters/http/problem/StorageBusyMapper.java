package dev.temperature.adapters.http.problem;

import dev.temperature.application.port.out.StorageBusyException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * The write queue is full: 503 with a short {@code Retry-After}. Nothing of the request was stored.
 * Not logged per request: under overload that would add to the load; the queue's length is a
 * metric.
 */
@Provider
public final class StorageBusyMapper implements ExceptionMapper<StorageBusyException> {
  static final String RETRY_AFTER_SECONDS = "1";

  @Override
  public Response toResponse(StorageBusyException exception) {
    return Response.fromResponse(
            new Problem(
                    Problem.STORAGE_UNAVAILABLE,
                    "Storage busy",
                    503,
                    "the server has as many readings waiting to be written as it holds; nothing of"
                        + " this request was stored. Retry in a moment.",
                    List.of())
                .toResponse())
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .build();
  }
}
