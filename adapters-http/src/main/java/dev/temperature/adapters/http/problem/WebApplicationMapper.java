package dev.temperature.adapters.http.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Jersey's own refusals (no such resource, wrong method, wrong media type) as problem+json, keeping
 * the headers Jersey set, such as {@code Allow} on a 405.
 */
@Provider
public final class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
  @Context private UriInfo uriInfo;
  @Context private Request request;
  @Context private HttpHeaders headers;

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    if (original.getEntity() instanceof Problem) {
      return original;
    }
    int status = original.getStatus();
    // Keep Jersey's headers (Allow on a 405) but not its body or the headers that described it.
    return Response.fromResponse(original)
        .entity(Problem.of(status, status == 403 ? forbidden(exception) : detail(status, original)))
        .type(Problem.MEDIA)
        .header(HttpHeaders.CONTENT_LENGTH, null)
        .header(HttpHeaders.CONTENT_ENCODING, null)
        .build();
  }

  private String detail(int status, Response original) {
    return switch (status) {
      case 404 ->
          "there is no resource at " + path() + "; the API is described at /docs and /openapi.yaml";
      case 405 ->
          "method "
              + request.getMethod()
              + " is not allowed on "
              + path()
              + "; allowed: "
              + String.join(", ", original.getAllowedMethods());
      case 406 -> "this resource answers only application/json; check the Accept header";
      case 415 ->
          "send the body as JSON with 'Content-Type: application/json' (got "
              + (headers.getMediaType() == null ? "no Content-Type" : headers.getMediaType())
              + ")";
      default -> Problem.reason(status);
    };
  }

  /** Our role check says which token lacks which role; Jersey's default message says nothing. */
  private static String forbidden(WebApplicationException exception) {
    String message = exception.getMessage();
    return message == null || message.startsWith("HTTP 403")
        ? "this operation needs a token with another role"
        : message;
  }

  private String path() {
    return "/" + uriInfo.getPath();
  }
}
