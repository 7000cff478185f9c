package dev.temperature.adapters.http.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.application.port.in.ActiveAlerts;
import dev.temperature.domain.alerting.Alert;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/alerts}: the alerts pending or firing as of the last evaluation, ordered by
 * building, room and rule; {@code evaluated_at} is null before the first evaluation and when
 * alerting is off ({@code rules} is then 0).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertsResponse(
    @JsonProperty("evaluated_at") String evaluatedAt,
    @JsonProperty("rules") int rules,
    @JsonProperty("alerts") List<Item> alerts) {

  /** One alert. {@code firing_since} is null while it is pending. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Item(
      @JsonProperty("alert") String alert,
      @JsonProperty("state") String state,
      @JsonProperty("building_id") String buildingId,
      @JsonProperty("room_id") String roomId,
      @JsonProperty("value") double value,
      @JsonProperty("active_since") String activeSince,
      @JsonProperty("firing_since") String firingSince,
      @JsonProperty("labels") Map<String, String> labels,
      @JsonProperty("annotations") Map<String, String> annotations) {

    static Item of(Alert alert) {
      return new Item(
          alert.rule().value(),
          alert.state().text(),
          alert.building().value(),
          alert.room().value(),
          alert.value(),
          Timestamps.format(alert.activeAt()),
          alert.firedAt().map(Timestamps::format).orElse(null),
          alert.labels(),
          alert.annotations());
    }
  }

  public static AlertsResponse of(ActiveAlerts active) {
    return new AlertsResponse(
        active.evaluatedAt().map(Timestamps::format).orElse(null),
        active.rules(),
        active.alerts().stream().map(Item::of).toList());
  }
}
