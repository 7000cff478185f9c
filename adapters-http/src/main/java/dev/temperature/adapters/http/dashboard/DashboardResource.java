package dev.temperature.adapters.http.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The dashboard at {@code /dashboard}: one page, its script, style and icon, all from this jar,
 * read once at start-up. The page reads the API from the same origin, with the reader token the
 * user pastes; the page itself needs none, like {@code /docs}.
 *
 * <p>Every answer carries a Content-Security-Policy that allows this origin only, and no inline
 * script or style: the page cannot load or send anything elsewhere, even if a value it shows were
 * crafted to try.
 */
@Path("/dashboard")
public final class DashboardResource {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** Every file the page uses, with its media type; nothing else is served from here. */
  private static final Map<String, String> ASSETS =
      Map.of(
          "dashboard.js", "text/javascript",
          "dashboard.css", "text/css",
          "icon.svg", "image/svg+xml");

  private final byte[] page;
  private final Map<String, byte[]> assets = new HashMap<>();

  public DashboardResource() {
    this.page = read("index.html");
    ASSETS.keySet().forEach(file -> assets.put(file, read(file)));
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page() {
    return guarded(Response.ok(page.clone(), MediaType.TEXT_HTML_TYPE.withCharset("utf-8")));
  }

  @GET
  @Path("assets/{file}")
  public Response asset(@PathParam("file") String file) {
    byte[] content = assets.get(file);
    if (content == null) {
      throw new NotFoundException();
    }
    return guarded(Response.ok(content.clone(), ASSETS.get(file)));
  }

  /** The policy, and no guessing of types or leaking of the page's address to another site. */
  private static Response guarded(Response.ResponseBuilder answer) {
    return answer
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  private static byte[] read(String file) {
    String resource = "/dashboard/" + file;
    try (InputStream in = DashboardResource.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
