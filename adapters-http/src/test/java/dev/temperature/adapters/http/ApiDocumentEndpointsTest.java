package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.docs.ApiDocumentResource;
import dev.temperature.adapters.http.docs.ApiRules;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.application.service.QueryLimits;
import dev.temperature.domain.PlausibleRange;
import dev.temperature.domain.ReadingPolicy;
import dev.temperature.domain.Temperature;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract and its page are served by the API itself, open even when every read needs a token
 * (the document holds no data), and from the classpath only. The document states the rules of the
 * running configuration.
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
  void theYamlAndTheJsonAreOneDocument() throws IOException {
    Response yaml = API.target("/openapi.yaml").request().get();
    Response json = API.target("/openapi.json").request().get();

    assertThat(yaml.getStatus()).isEqualTo(200);
    assertThat(yaml.getMediaType().toString()).isEqualTo("application/yaml");
    assertThat(json.getStatus()).isEqualTo(200);
    assertThat(json.getMediaType().toString()).isEqualTo("application/json");
    JsonNode served = Http.json(json);
    assertThat(new ObjectMapper(new YAMLFactory()).readTree(yaml.readEntity(byte[].class)))
        .isEqualTo(served);
    assertThat(served.path("openapi").asText()).isEqualTo("3.1.0");
  }

  @Test
  void theServedDocumentStatesTheRulesOfTheRunningConfiguration() {
    JsonNode schemas = served(API).path("components").path("schemas");

    assertThat(schemas.at("/PageSize/maximum").asInt()).isEqualTo(TestApi.MAX_PAGE_SIZE);
    assertThat(schemas.at("/ReadingBatch/maxItems").asInt()).isEqualTo(TestApi.MAX_BATCH);
    assertThat(schemas.at("/SeriesResponse/properties/buckets/maxItems").asInt())
        .isEqualTo(TestApi.MAX_BUCKETS);
    // The test clock says 2024-12-10: readings are stated up to two days before.
    Pattern recordedAt = Pattern.compile(schemas.at("/RecordedAt/pattern").asText());
    assertThat(recordedAt.matcher("2024-12-08T23:59:59.999-18:00").matches()).isTrue();
    assertThat(recordedAt.matcher("2024-12-09T00:00:00Z").matches()).isFalse();
    assertThat(recordedAt.matcher("1900-01-02T00:00+18:00").matches()).isTrue();
    assertThat(recordedAt.matcher("1900-01-01T12:00:00Z").matches()).isFalse();
  }

  @Test
  void anotherConfigurationServesAnotherDocument() throws Throwable {
    ApiRules rules =
        new ApiRules(
            new ReadingPolicy(
                new PlausibleRange(Temperature.celsius(-5), Temperature.celsius(45.5)),
                Duration.ZERO),
            Optional.of(Duration.ofDays(30)),
            new QueryLimits(Duration.ofDays(1), 10, TestApi.MAX_PAGE_SIZE),
            TestApi.MAX_BATCH,
            Clock.fixed(TestApi.NOW, ZoneOffset.UTC));
    ResourceExtension other =
        TestApi.builder(
                TestApi.restApi(
                    new InMemoryReadingStore(),
                    AccessPolicy.OPEN,
                    Duration.ZERO,
                    TestApi.MAX_BODY_BYTES,
                    rules))
            .build();
    try {
      other.before();
      JsonNode schemas = served(other).path("components").path("schemas");

      assertThat(schemas.at("/Temperature/minimum").asDouble()).isEqualTo(-5.0);
      assertThat(schemas.at("/Temperature/maximum").asDouble()).isEqualTo(45.5);
      assertThat(schemas.at("/SeriesResponse/properties/buckets/maxItems").asInt()).isEqualTo(10);
      Pattern duration = Pattern.compile(schemas.at("/Duration/pattern").asText());
      assertThat(duration.matcher("24h").matches()).isTrue();
      assertThat(duration.matcher("1d").matches()).isTrue();
      assertThat(duration.matcher("25h").matches()).isFalse();
      assertThat(duration.matcher("1w").matches()).isFalse();
      // A retention of 30 days: the oldest readings stated are three days younger than kept.
      Pattern recordedAt = Pattern.compile(schemas.at("/RecordedAt/pattern").asText());
      assertThat(recordedAt.matcher("2024-11-13T00:00Z").matches()).isTrue();
      assertThat(recordedAt.matcher("2024-11-12T23:59Z").matches()).isFalse();
    } finally {
      other.after();
    }
  }

  @Test
  void theServedDocumentDiffersFromTheFileOnlyInTheRulesTheConfigurationSets() {
    List<String> differences = new ArrayList<>();
    differences(ApiDocumentResource.document(), served(API), "", differences);

    assertThat(differences)
        .containsExactlyInAnyOrder(
            "/components/schemas/PageSize/maximum",
            "/components/schemas/PageSize/default",
            "/components/schemas/ReadingBatch/maxItems",
            "/components/schemas/SeriesResponse/properties/buckets/maxItems",
            "/components/schemas/RecordedAt/pattern");
  }

  private static JsonNode served(ResourceExtension api) {
    return Http.json(api.target("/openapi.json").request().get());
  }

  private static void differences(JsonNode a, JsonNode b, String at, List<String> out) {
    if (a.isObject() && b.isObject()) {
      Set<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        differences(a.path(name), b.path(name), at + "/" + name, out);
      }
    } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        differences(a.get(i), b.get(i), at + "/" + i, out);
      }
    } else if (!a.equals(b)
        && !(a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0)) {
      out.add(at);
    }
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
        "/openapi.json",
        "/api/v1/buildings", // the API's own answers too
        "/nowhere"
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
