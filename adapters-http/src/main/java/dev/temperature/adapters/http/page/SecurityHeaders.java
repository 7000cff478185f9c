package dev.temperature.adapters.http.page;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The headers of every answer, the pages' ({@code /docs}, the API document, the dashboard) and the
 * API's alike: a Content-Security-Policy that lets a page load and call this origin only and run no
 * inline script, no guessing of media types, and no address leaked to another site. The pages
 * render text from the API; were a value crafted to inject markup, the policy would keep it from
 * loading or sending anything. A resource may state a stricter policy ({@link
 * ContentSecurityPolicy}).
 */
public final class SecurityHeaders implements ContainerResponseFilter {
  /**
   * Swagger UI's style sheet draws its icons from {@code data:} images; everything else comes from
   * this server.
   */
  public static final String DEFAULT_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @Context private ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.putSingle("Content-Security-Policy", policy());
    headers.putSingle("X-Content-Type-Options", "nosniff");
    headers.putSingle("Referrer-Policy", "no-referrer");
  }

  /** The answering resource's own policy, if there was such a resource and it states one. */
  private String policy() {
    Class<?> answering = resource == null ? null : resource.getResourceClass();
    ContentSecurityPolicy own =
        answering == null ? null : answering.getAnnotation(ContentSecurityPolicy.class);
    return own == null ? DEFAULT_POLICY : own.value();
  }
}
