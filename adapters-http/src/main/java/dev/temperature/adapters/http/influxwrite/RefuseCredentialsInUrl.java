package dev.temperature.adapters.http.influxwrite;

import dev.temperature.adapters.http.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * InfluxDB 1.x clients may send their password (for InfluxDB 2.x, the token) as the query parameter
 * {@code p}. URLs end up in request logs, proxies and shell histories, so, as the API refuses
 * {@code access_token}, {@code /write} refuses {@code p} outright, before authentication, whether
 * or not writes need a token.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
final class RefuseCredentialsInUrl implements ContainerRequestFilter {
  static final String PASSWORD = "p";

  @Override
  public void filter(ContainerRequestContext request) {
    if (InfluxErrorFormat.isWritePath(request.getUriInfo().getPath())
        && request.getUriInfo().getQueryParameters().containsKey(PASSWORD)) {
      // A problem, as every refusal before the resource; InfluxErrorFormat gives it InfluxDB's
      // shape.
      throw new WebApplicationException(
          Problem.of(
                  400,
                  "credentials are not accepted in the URL (p); send 'Authorization: Token"
                      + " <token>' instead, and consider the token exposed")
              .toResponse());
    }
  }
}
