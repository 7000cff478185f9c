package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.auth.Roles;
import dev.temperature.adapters.http.model.AverageResponse;
import dev.temperature.adapters.http.model.SeriesResponse;
import dev.temperature.adapters.http.model.StatisticsResponse;
import dev.temperature.application.port.in.AverageTemperatureUseCase;
import dev.temperature.application.port.in.PeriodQuery;
import dev.temperature.application.port.in.SeriesQuery;
import dev.temperature.application.port.in.TemperatureSeriesUseCase;
import dev.temperature.application.port.in.TemperatureStatisticsUseCase;
import dev.temperature.domain.Bucketing;
import dev.temperature.domain.Series;
import dev.temperature.domain.Zone;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Objects;
import java.util.Optional;

/** Questions about a room's temperatures over a period: average, statistics, bucketed series. */
@Path(RoomPaths.TEMPERATURES)
@Produces(MediaType.APPLICATION_JSON)
public final class TemperatureQueryResource {
  private final AverageTemperatureUseCase averageTemperature;
  private final TemperatureStatisticsUseCase statistics;
  private final TemperatureSeriesUseCase series;

  public TemperatureQueryResource(
      AverageTemperatureUseCase averageTemperature,
      TemperatureStatisticsUseCase statistics,
      TemperatureSeriesUseCase series) {
    this.averageTemperature = Objects.requireNonNull(averageTemperature);
    this.statistics = Objects.requireNonNull(statistics);
    this.series = Objects.requireNonNull(series);
  }

  @GET
  @Path("average")
  @RolesAllowed(Roles.READER)
  public AverageResponse average(
      @PathParam("buildingId") String buildingId,
      @PathParam("roomId") String roomId,
      @QueryParam("duration") String duration,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    RoomPeriodParameters asked = new RoomPeriodParameters(buildingId, roomId, duration, from, to);
    PeriodQuery query = asked.query();
    return AverageResponse.of(
        query.building(), query.room(), asked.duration(), averageTemperature.average(query));
  }

  @GET
  @Path("stats")
  @RolesAllowed(Roles.READER)
  public StatisticsResponse stats(
      @PathParam("buildingId") String buildingId,
      @PathParam("roomId") String roomId,
      @QueryParam("duration") String duration,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    RoomPeriodParameters asked = new RoomPeriodParameters(buildingId, roomId, duration, from, to);
    PeriodQuery query = asked.query();
    return StatisticsResponse.of(
        query.building(), query.room(), asked.duration(), statistics.statistics(query));
  }

  @GET
  @Path("series")
  @RolesAllowed(Roles.READER)
  public Response series(
      @PathParam("buildingId") String buildingId,
      @PathParam("roomId") String roomId,
      @QueryParam("duration") String duration,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("interval") String interval,
      @QueryParam("tz") String tz,
      @Context UriInfo uri) {
    RoomPeriodParameters asked = new RoomPeriodParameters(buildingId, roomId, duration, from, to);
    Violations violations = new Violations();
    PeriodQuery query = asked.query(violations);
    String zoneText = QueryText.given(tz);
    Zone zone = zoneText == null ? Zone.UTC : violations.query("tz", () -> Zone.parse(zoneText));
    Bucketing buckets =
        violations.query(
            "interval", () -> Bucketing.parse(interval, zone == null ? Zone.UTC : zone));
    violations.throwIfAny();

    Series answer =
        series.series(new SeriesQuery(query.building(), query.room(), query.period(), buckets));
    Optional<String> next = answer.rest().map(rest -> NextPageLink.rest(uri, rest));
    return NextPageLink.answer(
        SeriesResponse.of(
            query.building(), query.room(), asked.duration(), zone, answer, next.orElse(null)),
        next);
  }
}
