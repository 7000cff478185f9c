package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.application.port.out.InMemoryReadingStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A request with very many mistakes gets an answer of bounded size, with the total count. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BoundedErrorsTest {
  static final ResourceExtension API =
      TestApi.builder(
              TestApi.restApi(
                  new InMemoryReadingStore(), AccessPolicy.OPEN, Duration.ofSeconds(5), 1 << 20))
          .build();
  static final String ROOM = "/api/v1/buildings/main/rooms/kitchen/temperatures";

  @Test
  void atMostAHundredErrorsAreListedWithTheTotalInTheDetail() {
    StringBuilder body = new StringBuilder("{\"temperature\": 1");
    for (int i = 0; i < 20_000; i++) {
      body.append(", \"f").append(i).append("\": 0");
    }
    body.append('}');

    Response response = API.target(ROOM).request().post(Entity.json(body.toString()));
    String text = response.readEntity(String.class);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(text.length()).isLessThan(20_000);
    JsonNode problem = Http.json(text);
    assertThat(problem.get("detail").asText())
        .isEqualTo("the request has 20000 invalid fields; the first 100 are listed");
    assertThat(problem.get("errors")).hasSize(100);
    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("f0");
  }

  @Test
  void exactlyAHundredErrorsAreAllListed() {
    StringBuilder body = new StringBuilder("{\"temperature\": 1");
    for (int i = 0; i < 100; i++) {
      body.append(", \"f").append(i).append("\": 0");
    }
    body.append('}');

    JsonNode problem =
        Http.json(
            API.target(ROOM).request().post(Entity.json(body.toString())).readEntity(String.class));

    assertThat(problem.get("detail").asText())
        .isEqualTo("the request has 100 invalid fields; see errors");
    assertThat(problem.get("errors")).hasSize(100);
  }

  @Test
  void whatTheClientSentIsQuotedShortened() {
    String longName = "x".repeat(40_000);
    String longDate = "2".repeat(200_000);
    String body =
        "{\"temperature\": 1, \"recorded_at\": \"" + longDate + "\", \"" + longName + "\": 0}";

    Response response = API.target(ROOM).request().post(Entity.json(body));
    String text = response.readEntity(String.class);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(text.length()).isLessThan(2_000);
    JsonNode errors = Http.json(text).get("errors");
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).get("message").asText()).startsWith("'2222").endsWith("…");
    assertThat(errors.get(1).get("field").asText()).startsWith("xxxx").endsWith("…");
  }
}
