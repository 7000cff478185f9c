package dev.temperature.adapters.http.dashboard;

import dev.temperature.adapters.http.page.ContentSecurityPolicy;
import dev.temperature.adapters.http.page.StaticFiles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The dashboard at {@code /dashboard}: one page, its script, style and icon, all from this jar. The
 * page reads the API from the same origin, with the reader token the user pastes; the page itself
 * needs none, like {@code /docs}.
 *
 * <p>Every answer carries a Content-Security-Policy that allows this origin only, and no inline
 * script or style: the page cannot load or send anything elsewhere, even if a value it shows were
 * crafted to try. It needs no {@code data:} images, so its policy is stricter than the default one
 * of {@link dev.temperature.adapters.http.page.SecurityHeaders}.
 */
@Path("/dashboard")
@ContentSecurityPolicy(DashboardResource.CONTENT_SECURITY_POLICY)
public final class DashboardResource {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final byte[] page = StaticFiles.read("/dashboard/index.html");

  /** Every file the page uses is of one of these types; the page itself is not served as one. */
  private final StaticFiles assets =
      new StaticFiles(
          Map.of("js", "text/javascript", "css", "text/css", "svg", "image/svg+xml"),
          "/dashboard/");

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page() {
    return Response.ok(page.clone(), MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
  }

  @GET
  @Path("assets/{file}")
  public Response asset(@PathParam("file") String file) {
    return assets.serve(file);
  }
}
