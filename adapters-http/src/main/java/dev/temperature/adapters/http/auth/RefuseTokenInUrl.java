package dev.temperature.adapters.http.auth;

import dev.temperature.adapters.http.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Dropwizard's bearer filter also takes the token from an {@code access_token} query parameter.
 * URLs end up in request logs, proxies and browser histories, so a token there is refused outright
 * (and never authenticates), before any other filter sees it.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
final class RefuseTokenInUrl implements ContainerRequestFilter {
  static final String PARAMETER = "access_token";

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getUriInfo().getQueryParameters().containsKey(PARAMETER)) {
      throw new WebApplicationException(
          Problem.of(
                  400,
                  "tokens are not accepted in the URL (access_token); send 'Authorization: Bearer"
                      + " <token>' instead, and consider the token exposed")
              .toResponse());
    }
  }
}
