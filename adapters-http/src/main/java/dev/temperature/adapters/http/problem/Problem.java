package dev.temperature.adapters.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer. {@code type} is {@code
 * about:blank} when the status code says it all, otherwise one of the URNs below (documented in
 * docs/api.md); {@code errors} lists each bad field of a request that failed validation.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    @JsonProperty("type") String type,
    @JsonProperty("title") String title,
    @JsonProperty("status") int status,
    @JsonProperty("detail") String detail,
    @JsonProperty("errors") List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

  public static final String INVALID_REQUEST = "urn:temperature-api:problem:invalid-request";
  public static final String MALFORMED_JSON = "urn:temperature-api:problem:malformed-json";
  public static final String STORAGE_UNAVAILABLE =
      "urn:temperature-api:problem:storage-unavailable";
  public static final String ABOUT_BLANK = "about:blank";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** A problem that the status code describes fully; the title is the status's reason phrase. */
  public static Problem of(int status, String detail) {
    return new Problem(ABOUT_BLANK, reason(status), status, detail, List.of());
  }

  /** A 500 that names the reference under which the log holds what went wrong. */
  public static Problem serverError(String reference) {
    return of(
        500, "an unexpected error occurred; quote reference " + reference + " when reporting it");
  }

  public static Problem invalidRequest(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).message()
            : "the request has " + errors.size() + " invalid fields; see errors";
    return new Problem(INVALID_REQUEST, "Invalid request", 400, detail, errors);
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA).entity(this).build();
  }

  static String reason(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    if (known != null) {
      return known.getReasonPhrase();
    }
    return switch (status) {
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      default -> status >= 500 ? "Server Error" : "Client Error";
    };
  }
}
