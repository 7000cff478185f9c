package dev.temperature.adapters.http.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.auth.AccessPolicy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The published API contract, {@code /openapi.yaml} and {@code /openapi.json}: the hand-written
 * document with the rules of this server's configuration written in ({@link ApiDocument}). Made
 * once a day, since the bounds on times follow the date. Both are answered as bytes, so the caching
 * filter of the API leaves them alone.
 */
@Path("/")
public final class ApiDocumentResource {
  /** Where the document is on the classpath. */
  public static final String DOCUMENT = ApiDocument.RESOURCE;

  /** RFC 9512. */
  public static final String APPLICATION_YAML = "application/yaml";

  private record Served(LocalDate day, byte[] yaml, byte[] json) {}

  private final ApiDocument document;
  private final ApiRules rules;
  private final AtomicReference<Served> served = new AtomicReference<>();

  public ApiDocumentResource(ApiRules rules, AccessPolicy access) {
    this.rules = Objects.requireNonNull(rules);
    this.document = new ApiDocument(rules, access);
  }

  @GET
  @Path("openapi.yaml")
  @Produces(APPLICATION_YAML)
  public byte[] yaml() {
    return today().yaml().clone();
  }

  @GET
  @Path("openapi.json")
  @Produces(MediaType.APPLICATION_JSON)
  public byte[] json() {
    return today().json().clone();
  }

  /** The document in the source tree, as a tree, for whoever needs to look inside it. */
  public static JsonNode document() {
    return ApiDocument.asWritten();
  }

  private Served today() {
    LocalDate day = LocalDate.ofInstant(rules.clock().instant(), ZoneOffset.UTC);
    Served current = served.get();
    if (current == null || !current.day().equals(day)) {
      // Two requests at midnight may both make it; either result is right.
      current = new Served(day, document.yaml(day), document.json(day));
      served.set(current);
    }
    return current;
  }
}
