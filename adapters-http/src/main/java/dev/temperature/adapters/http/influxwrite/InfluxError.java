package dev.temperature.adapters.http.influxwrite;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/**
 * An error of the write endpoints, in InfluxDB's shape rather than problem+json: the InfluxDB
 * clients and Telegraf read {@code code} and {@code message} (and {@code line}, {@code maxLength})
 * from it and log them. InfluxDB also names the code in the {@code X-Platform-Error-Code} header.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InfluxError(
    @JsonProperty("code") String code,
    @JsonProperty("message") String message,
    @JsonProperty("line") Long line,
    @JsonProperty("maxLength") Long maxLength) {

  static final String CODE_HEADER = "X-Platform-Error-Code";
  static final MediaType JSON = MediaType.valueOf("application/json; charset=utf-8");

  public InfluxError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  static InfluxError of(int status, String message) {
    return new InfluxError(code(status), message, null, null);
  }

  /** InfluxDB's error code for a status (its kit/platform/errors), "internal error" otherwise. */
  static String code(int status) {
    return switch (status) {
      case 400 -> "invalid";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 413 -> "request too large";
      case 422 -> "unprocessable entity";
      case 429 -> "too many requests";
      case 503 -> "unavailable";
      default -> status < 500 ? "invalid" : "internal error";
    };
  }

  Response.ResponseBuilder toResponse(int status) {
    return Response.status(status).type(JSON).header(CODE_HEADER, code).entity(this);
  }
}
