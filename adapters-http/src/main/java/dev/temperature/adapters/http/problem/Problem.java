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

  /** The most bad fields one answer lists; enough for a client to mend its request. */
  public static final int MAX_LISTED_ERRORS = 100;

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

  /**
   * A 400 listing the bad fields: at most {@link #MAX_LISTED_ERRORS} of them, with the total in
   * {@code detail}. Every invalid request is answered through here, so this is the one bound on how
   * much a bad request can make the server write: a 1 MiB body of unknown fields would otherwise
   * get an answer many times its size.
   */
  public static Problem invalidRequest(List<FieldError> errors) {
    int total = errors.size();
    String detail;
    if (total == 1) {
      detail = errors.get(0).message();
    } else if (total <= MAX_LISTED_ERRORS) {
      detail = "the request has " + total + " invalid fields; see errors";
    } else {
      detail =
          "the request has "
              + total
              + " invalid fields; the first "
              + MAX_LISTED_ERRORS
              + " are listed";
    }
    return new Problem(
        INVALID_REQUEST,
        "Invalid request",
        400,
        detail,
        total > MAX_LISTED_ERRORS ? errors.subList(0, MAX_LISTED_ERRORS) : errors);
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
