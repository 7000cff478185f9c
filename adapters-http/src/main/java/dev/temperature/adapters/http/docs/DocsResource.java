package dev.temperature.adapters.http.docs;

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
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The API reference page: Swagger UI rendering {@code /openapi.json}, served entirely from the
 * classpath (our page, and the script and style of the {@code org.webjars:swagger-ui} jar), so it
 * works without internet access. Served by Jersey like the rest of the API, so a missing file is a
 * problem+json 404 like any other.
 */
@Path("/docs")
@DocumentPage.Guarded
public final class DocsResource {
  private static final String PAGE = "/docs/index.html";
  private static final String WEBJAR = "org.webjars/swagger-ui";

  /**
   * A plain file name with one of the extensions Swagger UI needs: no directories, no {@code ..},
   * nothing that could reach another classpath resource.
   */
  private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[a-z0-9-]+)*");

  private static final Map<String, String> MEDIA_TYPES =
      Map.of("js", "text/javascript", "css", "text/css", "png", "image/png");

  /**
   * Our own files beside the webjar's: what the page would otherwise say inline, which its
   * Content-Security-Policy does not run.
   */
  private static final Map<String, String> OWN = Map.of("docs.js", "/docs/docs.js");

  private final byte[] page;
  private final String assets;

  public DocsResource() {
    this.page = read(PAGE);
    this.assets = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public byte[] page() {
    return page.clone();
  }

  @GET
  @Path("assets/{file}")
  public Response asset(@PathParam("file") String file) {
    String extension = file.substring(file.lastIndexOf('.') + 1);
    if (!ASSET.matcher(file).matches() || !MEDIA_TYPES.containsKey(extension)) {
      throw new NotFoundException();
    }
    String resource = OWN.getOrDefault(file, assets + file);
    try (InputStream in = DocsResource.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new NotFoundException();
      }
      return Response.ok(in.readAllBytes(), MEDIA_TYPES.get(extension)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static byte[] read(String resource) {
    try (InputStream in = DocsResource.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
