package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.auth.AccessPolicy.Requirement;
import dev.temperature.adapters.http.auth.ApiToken;
import dev.temperature.adapters.http.auth.TokenHash;
import dev.temperature.application.port.in.ActiveAlerts;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.alerting.Alert;
import dev.temperature.domain.alerting.AlertName;
import dev.temperature.domain.alerting.AlertState;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /api/v1/alerts: what it shows of the evaluation, and who may see it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AlertsEndpointTest {
  static final String READER = "reader-secret-token";
  static final String WRITER = "writer-secret-token";
  static final Instant AT = Instant.parse("2024-12-10T17:00:00Z");

  static final Alert FIRING =
      new Alert(
          new AlertName("KitchenTooHot"),
          new BuildingId("main"),
          new RoomId("kitchen"),
          AlertState.FIRING,
          31.25,
          AT.minusSeconds(300),
          Optional.of(AT.minusSeconds(60)),
          Optional.empty(),
          Map.of("alertname", "KitchenTooHot", "building", "main", "room", "kitchen"),
          Map.of("summary", "kitchen in main: average 31.25 °C"));

  static final Alert PENDING =
      new Alert(
          new AlertName("SensorSilent"),
          new BuildingId("main"),
          new RoomId("pantry"),
          AlertState.PENDING,
          1200,
          AT.minusSeconds(30),
          Optional.empty(),
          Optional.empty(),
          Map.of("alertname", "SensorSilent", "building", "main", "room", "pantry"),
          Map.of());

  static final ResourceExtension API =
      TestApi.builder(
              TestApi.restApi(
                  new InMemoryReadingStore(),
                  new AccessPolicy(
                      Requirement.REQUIRED,
                      Requirement.REQUIRED,
                      List.of(
                          new ApiToken("gateway", TokenHash.hex(WRITER), Set.of("writer")),
                          new ApiToken("dashboard", TokenHash.hex(READER), Set.of("reader")))),
                  Duration.ofSeconds(5),
                  TestApi.MAX_BODY_BYTES,
                  () -> new ActiveAlerts(Optional.of(AT), 2, List.of(FIRING, PENDING))))
          .build();

  static final ResourceExtension OFF = TestApi.open(new InMemoryReadingStore());

  @Test
  void aReaderSeesEveryPendingAndFiringAlertWithItsLabelsAndAnnotations() throws Exception {
    Response response =
        API.target("/api/v1/alerts").request().header("Authorization", "Bearer " + READER).get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeaderString("ETag")).isNotBlank();
    JsonNode body = new ObjectMapper().readTree(response.readEntity(String.class));
    assertThat(body.path("evaluated_at").asText()).isEqualTo("2024-12-10T17:00:00Z");
    assertThat(body.path("rules").asInt()).isEqualTo(2);
    JsonNode firing = body.path("alerts").get(0);
    assertThat(firing.path("alert").asText()).isEqualTo("KitchenTooHot");
    assertThat(firing.path("state").asText()).isEqualTo("firing");
    assertThat(firing.path("building_id").asText()).isEqualTo("main");
    assertThat(firing.path("room_id").asText()).isEqualTo("kitchen");
    assertThat(firing.path("value").asDouble()).isEqualTo(31.25);
    assertThat(firing.path("active_since").asText()).isEqualTo("2024-12-10T16:55:00Z");
    assertThat(firing.path("firing_since").asText()).isEqualTo("2024-12-10T16:59:00Z");
    assertThat(firing.path("labels").path("room").asText()).isEqualTo("kitchen");
    assertThat(firing.path("annotations").path("summary").asText()).contains("31.25");
    JsonNode pending = body.path("alerts").get(1);
    assertThat(pending.path("state").asText()).isEqualTo("pending");
    assertThat(pending.path("firing_since").isNull()).isTrue();
  }

  @Test
  void withoutAReaderTokenTheAnswerIsAProblem() {
    Response anonymous = API.target("/api/v1/alerts").request().get();
    Response writer =
        API.target("/api/v1/alerts").request().header("Authorization", "Bearer " + WRITER).get();

    assertThat(anonymous.getStatus()).isEqualTo(401);
    assertThat(anonymous.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(writer.getStatus()).isEqualTo(403);
  }

  @Test
  void withAlertingOffThereAreNoRulesNoEvaluationAndNoAlerts() throws Exception {
    Response response = OFF.target("/api/v1/alerts").request().get();

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(response.readEntity(String.class));
    assertThat(body.path("evaluated_at").isNull()).isTrue();
    assertThat(body.path("rules").asInt()).isZero();
    assertThat(body.path("alerts").size()).isZero();
  }
}
