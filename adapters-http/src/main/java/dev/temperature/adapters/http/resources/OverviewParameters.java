package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.codec.Cursor;
import dev.temperature.application.port.in.OverviewQuery;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Period;
import dev.temperature.domain.RoomId;
import java.util.Optional;

/**
 * What a page of a building's overview asks: the building, the period of the averages ({@code
 * duration} or {@code from} and {@code to}; the last 15 minutes without either), the page size and
 * the cursor of the previous page. An empty parameter counts as absent ({@link QueryText}).
 */
record OverviewParameters(
    String buildingId, String duration, String from, String to, String limit, String cursor) {

  /** The query these parameters ask; a 400 naming every problem when they are bad. */
  OverviewQuery query(int maxPageSize) {
    Violations violations = new Violations();
    BuildingId building = violations.path("buildingId", () -> new BuildingId(buildingId));
    Optional<Period> period =
        PeriodParameters.optional(
            violations, QueryText.given(duration), QueryText.given(from), QueryText.given(to));
    Integer size = violations.query("limit", () -> ListingParameters.pageSize(limit, maxPageSize));
    String after = QueryText.given(cursor);
    Optional<RoomId> start =
        after == null
            ? Optional.empty()
            : Optional.ofNullable(violations.query("cursor", () -> Cursor.decodeRoom(after)));
    violations.throwIfAny();
    return new OverviewQuery(building, period.orElse(OverviewQuery.DEFAULT_PERIOD), start, size);
  }

  /**
   * Whether the averages look back from now, which moves on as time passes: with a duration, or
   * with no period at all (the default is a lookback too).
   */
  boolean lookback() {
    return QueryText.given(from) == null;
  }

  /** The duration the averages cover as the client wrote it, or the default; null with from/to. */
  String durationText() {
    if (!lookback()) {
      return null;
    }
    String given = QueryText.given(duration);
    return given == null ? OverviewQuery.DEFAULT_PERIOD.text() : given;
  }
}
