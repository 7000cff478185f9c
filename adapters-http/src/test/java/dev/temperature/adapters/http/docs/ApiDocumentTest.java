package dev.temperature.adapters.http.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.auth.AccessPolicy.Requirement;
import dev.temperature.application.service.QueryLimits;
import dev.temperature.domain.ReadingPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The file in the source tree is the document of the shipped defaults, rule for rule. */
class ApiDocumentTest {
  private static final LocalDate DAY = LocalDate.of(2024, 12, 10);
  private static final AccessPolicy TOKENS =
      new AccessPolicy(Requirement.REQUIRED, Requirement.REQUIRED, List.of());

  @Test
  void theFileStatesTheDefaultRulesButForTheDatesOfReadings() {
    JsonNode written = ApiDocument.asWritten();
    ObjectNode stated = (ObjectNode) new ApiDocument(ApiRules.DEFAULTS, TOKENS).stated(DAY);
    JsonNode recordedAt = stated.at("/components/schemas/RecordedAt");

    // Made on no day, the file states readings up to the last day windows reach.
    assertThat(written.at("/components/schemas/RecordedAt/pattern").asText())
        .as("RecordedAt: a time between 1900-01-02 and 2199-12-31")
        .isEqualTo(TimePattern.between(LocalDate.of(1900, 1, 2), LocalDate.of(2199, 12, 31)));
    assertThat(recordedAt.path("pattern").asText())
        .isEqualTo(TimePattern.between(LocalDate.of(1900, 1, 2), DAY.minusDays(2)));
    ((ObjectNode) recordedAt).set("pattern", written.at("/components/schemas/RecordedAt/pattern"));
    assertThat(stated)
        .as("openapi.yaml states the defaults; write in what ApiDocument states for them")
        .isEqualTo(written);
  }

  @Test
  void anOperationWhoseRoleNeedsNoTokenIsStatedOpen() {
    AccessPolicy readsOpen = new AccessPolicy(Requirement.REQUIRED, Requirement.OFF, List.of());

    JsonNode paths = new ApiDocument(ApiRules.DEFAULTS, readsOpen).stated(DAY).path("paths");
    JsonNode open = new ApiDocument(ApiRules.DEFAULTS, AccessPolicy.OPEN).stated(DAY).path("paths");

    String room = "/api/v1/buildings/{buildingId}/rooms/{roomId}/temperatures";
    assertThat(paths.at("/" + room.replace("/", "~1") + "/post/security/0/bearerAuth/0").asText())
        .isEqualTo("writer");
    assertThat(paths.path(room).path("get").path("security").isEmpty()).isTrue();
    assertThat(paths.path(room).path("get").path("security").isArray()).isTrue();
    assertThat(open.path(room).path("post").path("security").isEmpty()).isTrue();
    assertThat(open.path("/api/v1/readings").path("post").path("security").isEmpty()).isTrue();
  }

  @Test
  void theDayIsTheClocksDayInUtc() {
    Clock lateEvening = Clock.fixed(Instant.parse("2024-12-10T23:30:00Z"), ZoneOffset.ofHours(5));
    ApiRules rules =
        new ApiRules(
            ReadingPolicy.DEFAULT, Optional.empty(), QueryLimits.DEFAULT, 5000, lateEvening);

    assertThat(new ApiDocument(rules, TOKENS).stated())
        .isEqualTo(new ApiDocument(rules, TOKENS).stated(DAY));
  }

  @Test
  void aStoreThatKeepsReadingsForLessThanTheMarginsStatesOnlyNull() {
    ApiRules rules =
        new ApiRules(
            ReadingPolicy.DEFAULT,
            Optional.of(Duration.ofDays(4)),
            QueryLimits.DEFAULT,
            5000,
            Clock.systemUTC());

    JsonNode recordedAt =
        new ApiDocument(rules, TOKENS).stated(DAY).at("/components/schemas/RecordedAt");

    assertThat(recordedAt.path("type").asText()).isEqualTo("null");
    assertThat(recordedAt.has("pattern")).isFalse();
  }

  @Test
  void aLookbackIsStatedUpToTheRangeOfWindowsWhateverTheConfigurationSays() {
    ApiRules rules =
        new ApiRules(
            ReadingPolicy.DEFAULT,
            Optional.empty(),
            new QueryLimits(Duration.ofDays(1_000_000), 2000, 1000),
            5000,
            Clock.systemUTC());

    assertThat(
            new ApiDocument(rules, TOKENS)
                .stated(DAY)
                .at("/components/schemas/Duration/pattern")
                .asText())
        .isEqualTo(DurationPattern.upTo(ApiDocument.LONGEST_LOOKBACK));
  }
}
