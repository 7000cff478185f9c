package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.docs.ApiDocumentResource;
import dev.temperature.application.port.out.InMemoryReadingStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract and its page are served by the API itself, open even when every read needs a token
 * (the document holds no data), and from the classpath only.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiDocumentEndpointsTest {
  static final ResourceExtension API =
      TestApi.builder(
              new InMemoryReadingStore(),
              new AccessPolicy(
                  AccessPolicy.Requirement.REQUIRED, AccessPolicy.Requirement.REQUIRED, List.of()),
              Duration.ofSeconds(5))
          .build();

  @Test
  void theYamlDocumentIsServedAsWritten() throws IOException {
    Response response = API.target("/openapi.yaml").request().get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getMediaType().toString()).isEqualTo("application/yaml");
    try (InputStream source =
        ApiDocumentResource.class.getResourceAsStream(ApiDocumentResource.DOCUMENT)) {
      assertThat(response.readEntity(byte[].class)).isEqualTo(source.readAllBytes());
    }
  }

  @Test
  void theJsonDocumentIsTheSameDocument() {
    Response response = API.target("/openapi.json").request().get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getMediaType().toString()).isEqualTo("application/json");
    JsonNode served = Http.json(response);
    assertThat(served).isEqualTo(ApiDocumentResource.document());
    assertThat(served.path("openapi").asText()).isEqualTo("3.1.0");
  }

  @Test
  void theDocsPageLoadsSwaggerUiFromThisServerAndPointsAtTheDocument() {
    Response response = API.target("/docs").request().get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getMediaType().toString()).startsWith("text/html");
    String page = response.readEntity(String.class);
    assertThat(page)
        .contains(
            "/docs/assets/swagger-ui-bundle.js",
            "/docs/assets/swagger-ui.css",
            "/docs/assets/docs.js")
        .doesNotContain("http://", "https://", "<script>", "<style", "style=");
    assertThat(API.target("/docs/assets/docs.js").request().get(String.class))
        .contains("url: '/openapi.json'")
        .doesNotContain("http://", "https://");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/docs",
        "/docs/assets/docs.js",
        "/docs/assets/swagger-ui-bundle.js",
        "/docs/assets/swagger-ui.css",
        "/docs/assets/nothing.js",
        "/openapi.yaml",
        "/openapi.json"
      })
  void everyAnswerCarriesTheSameOriginPolicyAndNoSniffing(String path) {
    Response response = API.target(path).request().get();

    assertThat(response.getHeaderString("Content-Security-Policy"))
        .contains(
            "default-src 'none'",
            "script-src 'self'",
            "connect-src 'self'",
            "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http");
    assertThat(response.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeaderString("Referrer-Policy")).isEqualTo("no-referrer");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "swagger-ui.js"})
  void theAssetsThePageNeedsAreServed(String file) {
    Response response = API.target("/docs/assets/" + file).request().get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(byte[].class)).isNotEmpty();
  }

  @Test
  void assetsHaveTheirMediaTypes() {
    assertThat(API.target("/docs/assets/swagger-ui-bundle.js").request().get().getMediaType())
        .hasToString("text/javascript");
    assertThat(API.target("/docs/assets/swagger-ui.css").request().get().getMediaType())
        .hasToString("text/css");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nothing.js", // not in the webjar
        "index.html", // in the webjar, but not an extension the page needs
        "swagger-initializer", // no extension
        "..swagger-ui.js",
        "%2E%2E%2Fswagger-ui%2Fpom.properties",
        "..%2F..%2F..%2F..%2Fmaven%2Forg.webjars%2Fswagger-ui%2Fpom.properties"
      })
  void anythingElseUnderAssetsIsAProblem404(String file) {
    Response response = API.target("/docs/assets/" + file).request().get();

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(new String(response.readEntity(byte[].class), StandardCharsets.UTF_8))
        .contains("\"status\":404");
  }
}
