package dev.temperature.adapters.http.auth;

import dev.temperature.adapters.http.problem.Problem;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** 401 in problem+json, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. */
final class ProblemUnauthorizedHandler implements UnauthorizedHandler {
  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.fromResponse(
            Problem.of(
                    401,
                    "a valid token is required: send 'Authorization: Bearer <token>' (tokens are"
                        + " issued by the operator)")
                .toResponse())
        .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
        .build();
  }
}
