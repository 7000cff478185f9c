package dev.temperature.adapters.http.docs;

import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The headers of the API document and its page at {@code /docs}, as the dashboard has them: a
 * Content-Security-Policy that lets the page load and call this origin only and run no inline
 * script, no guessing of media types, and no address leaked to another site. Swagger UI renders
 * text from the document; were a description crafted to inject markup, the policy would keep it
 * from loading or sending anything.
 */
public final class DocumentPage implements ContainerResponseFilter {
  /**
   * Swagger UI's style sheet draws its icons from {@code data:} images; everything else comes from
   * this server.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** Marks the resources whose every answer gets the headers. */
  @NameBinding
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD})
  public @interface Guarded {}

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.putSingle("X-Content-Type-Options", "nosniff");
    headers.putSingle("Referrer-Policy", "no-referrer");
  }
}
