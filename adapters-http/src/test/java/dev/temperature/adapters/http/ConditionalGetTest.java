package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.application.port.out.InMemoryReadingStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * If-Match and If-None-Match on a GET, as openapi.yaml describes them: 412, 304 or a plain 200,
 * never a 500, whatever the client sends.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConditionalGetTest {
  static final ResourceExtension API = TestApi.open(new InMemoryReadingStore());
  static final String BUILDINGS = "/api/v1/buildings";

  private String etag;

  @BeforeEach
  void currentTag() {
    Response first = API.target(BUILDINGS).request().get();
    first.readEntity(String.class);
    etag = first.getHeaderString("ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]+\"");
  }

  @ParameterizedTest(name = "If-None-Match: [{0}]")
  @ValueSource(strings = {"abc", "9\u00bb", "\"unterminated", "W/abc", "\"a\" \"b\"", "", " , "})
  void aMalformedOrEmptyIfNoneMatchIsIgnored(String value) {
    Response response = get("If-None-Match", value);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(String.class)).contains("buildings");
    assertThat(response.getHeaderString("ETag")).isEqualTo(etag);
  }

  @Test
  void ifNoneMatchWithTheCurrentTagAmongOthersIs304() {
    Response response = get("If-None-Match", "\"other\", " + etag + " ,\"more\"");

    assertThat(response.getStatus()).isEqualTo(304);
    assertThat(response.readEntity(String.class)).isEmpty();
  }

  @Test
  void ifNoneMatchComparesWeakly() {
    assertThat(get("If-None-Match", "W/" + etag).getStatus()).isEqualTo(304);
  }

  @Test
  void ifNoneMatchStarMatchesTheAnswerThatExists() {
    assertThat(get("If-None-Match", "*").getStatus()).isEqualTo(304);
  }

  @Test
  void ifNoneMatchWithAnotherTagIs200() {
    assertThat(get("If-None-Match", "\"x\"").getStatus()).isEqualTo(200);
  }

  @Test
  void ifMatchWithAnotherTagIs412InProblemJson() {
    Response response = get("If-Match", "\"x\"");

    assertThat(response.getStatus()).isEqualTo(412);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(Http.json(response).get("detail").asText()).contains("If-Match").contains(etag);
  }

  @Test
  void ifMatchComparesStronglySoAWeakTagIs412() {
    assertThat(get("If-Match", "W/" + etag).getStatus()).isEqualTo(412);
  }

  @ParameterizedTest(name = "If-Match: [{0}]")
  @ValueSource(strings = {"*", "\"x\", CURRENT", "not-a-tag", ""})
  void ifMatchWithTheCurrentTagStarOrNoTagAtAllAnswers200(String value) {
    Response response = get("If-Match", value.replace("CURRENT", etag));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(String.class)).contains("buildings");
  }

  @Test
  void ifMatchIsCheckedBeforeIfNoneMatch() {
    Response response =
        API.target(BUILDINGS)
            .request()
            .header("If-Match", "\"x\"")
            .header("If-None-Match", etag)
            .get();

    assertThat(response.getStatus()).isEqualTo(412);
  }

  private static Response get(String header, String value) {
    return API.target(BUILDINGS).request().header(header, value).get();
  }
}
