package dev.temperature.adapters.http.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The published API contract: {@code /openapi.yaml} is the hand-written document as it is in the
 * source tree, {@code /openapi.json} the same document converted once, at start-up. Both are
 * answered as bytes, so the caching filter of the API leaves them alone.
 */
@Path("/")
@DocumentPage.Guarded
public final class ApiDocumentResource {
  /** Where the document is on the classpath. */
  public static final String DOCUMENT = "/openapi/openapi.yaml";

  /** RFC 9512. */
  public static final String APPLICATION_YAML = "application/yaml";

  private final byte[] yaml;
  private final byte[] json;

  public ApiDocumentResource() {
    this.yaml = read(DOCUMENT);
    this.json = toJson(yaml);
  }

  @GET
  @Path("openapi.yaml")
  @Produces(APPLICATION_YAML)
  public byte[] yaml() {
    return yaml.clone();
  }

  @GET
  @Path("openapi.json")
  @Produces(MediaType.APPLICATION_JSON)
  public byte[] json() {
    return json.clone();
  }

  /** The document as a tree, for whoever needs to look inside it. */
  public static JsonNode document() {
    return parse(read(DOCUMENT));
  }

  private static byte[] toJson(byte[] yaml) {
    try {
      return new ObjectMapper().writeValueAsBytes(parse(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(byte[] yaml) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalStateException("the API document " + DOCUMENT + " is not valid YAML", e);
    }
  }

  private static byte[] read(String resource) {
    try (InputStream in = ApiDocumentResource.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the API document " + resource + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
