package dev.temperature.adapters.http.docs;

import dev.temperature.adapters.http.page.StaticFiles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The API reference page: Swagger UI rendering {@code /openapi.json}, served entirely from the
 * classpath (our page, and the script and style of the {@code org.webjars:swagger-ui} jar), so it
 * works without internet access. Served by Jersey like the rest of the API, so a missing file is a
 * problem+json 404 like any other. Its answers have the default policy of {@link
 * dev.temperature.adapters.http.page.SecurityHeaders}, which is made for it.
 */
@Path("/docs")
public final class DocsResource {
  private static final String WEBJAR = "org.webjars/swagger-ui";

  private final byte[] page;

  /**
   * Our own files first ({@code docs.js}: what the page would otherwise say inline, which its
   * policy does not run), then the webjar's.
   */
  private final StaticFiles assets =
      new StaticFiles(
          Map.of("js", "text/javascript", "css", "text/css", "png", "image/png"),
          "/docs/",
          "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/");

  public DocsResource() {
    this.page = StaticFiles.read("/docs/index.html");
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public byte[] page() {
    return page.clone();
  }

  @GET
  @Path("assets/{file}")
  public Response asset(@PathParam("file") String file) {
    return assets.serve(file);
  }

  /** The webjar's files are under its version; the jar says which one it is. */
  private static String webjarVersion() {
    String properties = "/META-INF/maven/" + WEBJAR + "/pom.properties";
    Properties pom = new Properties();
    try (InputStream in = DocsResource.class.getResourceAsStream(properties)) {
      if (in == null) {
        throw new IllegalStateException(
            "the Swagger UI webjar is not on the classpath (" + properties + ")");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }
}
