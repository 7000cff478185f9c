package dev.temperature.adapters.http.problem;

import dev.temperature.domain.InvalidValueException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * A domain rule broken inside a use case (an implausible temperature, a duration past the maximum):
 * 400, pointing at the request field the value came from.
 */
@Provider
public final class InvalidValueMapper implements ExceptionMapper<InvalidValueException> {
  @Override
  public Response toResponse(InvalidValueException exception) {
    return Problem.invalidRequest(List.of(fieldOf(exception))).toResponse();
  }

  /**
   * Where each kind of domain value enters the API: the one map from a domain subject to a request
   * field, also used for the items of a batch.
   */
  public static FieldError fieldOf(InvalidValueException exception) {
    String message = exception.getMessage();
    return switch (exception.subject()) {
      case BUILDING -> FieldError.inPath("buildingId", message);
      case ROOM -> FieldError.inPath("roomId", message);
      case TEMPERATURE -> FieldError.inBody("temperature", message);
      case RECORDED_AT -> FieldError.inBody("recorded_at", message);
      case DURATION -> FieldError.inQuery("duration", message);
      case INTERVAL -> FieldError.inQuery("interval", message);
      case TIME_ZONE -> FieldError.inQuery("tz", message);
      case WINDOW -> FieldError.inQuery("from", message);
    };
  }
}
