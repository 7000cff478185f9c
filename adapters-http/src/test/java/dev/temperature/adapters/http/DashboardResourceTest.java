package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.application.port.out.InMemoryReadingStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dashboard's files come from the jar, under a policy that allows this origin only. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardResourceTest {
  static final ResourceExtension API = TestApi.open(new InMemoryReadingStore());

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/dashboard, text/html",
    "/dashboard/assets/dashboard.js, text/javascript",
    "/dashboard/assets/dashboard.css, text/css",
    "/dashboard/assets/icon.svg, image/svg+xml"
  })
  void everyFileIsServedWithItsTypeAndTheSameOriginPolicy(String path, String type) {
    Response response = API.target(path).request().get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getMediaType().toString()).startsWith(type);
    assertThat(response.getHeaderString("Content-Security-Policy"))
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
        .doesNotContain("unsafe-inline", "http");
    assertThat(response.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.readEntity(String.class)).isNotBlank();
  }

  @Test
  void thePageLoadsNothingFromElsewhere() {
    String page = API.target("/dashboard").request().get(String.class);

    assertThat(page).doesNotContain("http://", "https://", "<script>", "style=");
  }

  @ParameterizedTest
  @CsvSource({"index.html", "..%2Fopenapi%2Fopenapi.yaml", "swagger-ui.css", "dashboard.JS"})
  void nothingButThePagesFilesIsServed(String file) {
    Response response = API.target("/dashboard/assets/" + file).request().get();

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
  }

  /** The dashboard's policy, not that of /docs, whose style sheet needs data: images. */
  @Test
  void aRefusedFileGetsTheDashboardsOwnPolicyToo() {
    Response response = API.target("/dashboard/assets/nothing.js").request().get();

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getHeaderString("Content-Security-Policy"))
        .contains("default-src 'none'", "img-src 'self';")
        .doesNotContain("data:");
    assertThat(response.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeaderString("Referrer-Policy")).isEqualTo("no-referrer");
  }
}
