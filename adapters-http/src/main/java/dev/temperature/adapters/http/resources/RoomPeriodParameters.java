package dev.temperature.adapters.http.resources;

import dev.temperature.application.port.in.PeriodQuery;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Period;
import dev.temperature.domain.RoomId;
import java.util.Optional;

/**
 * The room and the period of a question about a room's temperatures, as the client wrote them: the
 * path ids, and {@code duration} or {@code from} and {@code to}. Shared by average, stats, series
 * and the listing. An empty parameter counts as absent ({@link QueryText}).
 *
 * <p>The resources take these as method parameters and build this record, rather than letting
 * Jersey inject a {@code @BeanParam}: Jersey resolves a bean's parameter converters again on every
 * request, by reflection, which took 8% of the CPU of a GET average under load.
 */
record RoomPeriodParameters(
    String buildingId, String roomId, String duration, String from, String to) {
  /** The query these parameters ask, or null with every problem recorded in {@code violations}. */
  PeriodQuery query(Violations violations) {
    BuildingId building = building(violations);
    RoomId room = room(violations);
    Period period =
        PeriodParameters.required(
            violations, QueryText.given(duration), QueryText.given(from), QueryText.given(to));
    return building == null || room == null || period == null
        ? null
        : new PeriodQuery(building, room, period);
  }

  /** The query these parameters ask; a 400 naming every problem when they are bad. */
  PeriodQuery query() {
    Violations violations = new Violations();
    PeriodQuery query = query(violations);
    violations.throwIfAny();
    return query;
  }

  BuildingId building(Violations violations) {
    return violations.path("buildingId", () -> new BuildingId(buildingId));
  }

  RoomId room(Violations violations) {
    return violations.path("roomId", () -> new RoomId(roomId));
  }

  /** For questions that may leave the period out; the caller decides what that covers. */
  Optional<Period> optionalPeriod(Violations violations) {
    return PeriodParameters.optional(
        violations, QueryText.given(duration), QueryText.given(from), QueryText.given(to));
  }

  /** The duration as the client wrote it, echoed in answers; null when from/to were used. */
  @Override
  public String duration() {
    return QueryText.given(duration);
  }
}
