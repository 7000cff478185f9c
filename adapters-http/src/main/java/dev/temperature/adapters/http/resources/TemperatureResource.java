package dev.temperature.adapters.http.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.model.AverageResponse;
import dev.temperature.adapters.http.model.Cursor;
import dev.temperature.adapters.http.model.ReadingListResponse;
import dev.temperature.adapters.http.model.ReadingRequest;
import dev.temperature.adapters.http.model.ReadingResponse;
import dev.temperature.adapters.http.model.SeriesResponse;
import dev.temperature.adapters.http.model.StatisticsResponse;
import dev.temperature.adapters.http.model.Timestamps;
import dev.temperature.adapters.http.problem.FieldError;
import dev.temperature.application.port.in.AverageTemperatureUseCase;
import dev.temperature.application.port.in.ListReadingsUseCase;
import dev.temperature.application.port.in.PeriodQuery;
import dev.temperature.application.port.in.ReadingPage;
import dev.temperature.application.port.in.ReadingsQuery;
import dev.temperature.application.port.in.RecordReadingCommand;
import dev.temperature.application.port.in.RecordReadingUseCase;
import dev.temperature.application.port.in.SeriesQuery;
import dev.temperature.application.port.in.TemperatureSeriesUseCase;
import dev.temperature.application.port.in.TemperatureStatisticsUseCase;
import dev.temperature.domain.Average;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Period;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The temperatures of one room: record a reading; list the readings; average, statistics and a
 * bucketed series over a period.
 */
@Path("/api/v1/buildings/{buildingId}/rooms/{roomId}/temperatures")
@Produces(MediaType.APPLICATION_JSON)
public final class TemperatureResource {
  static final int DEFAULT_PAGE_SIZE = 100;

  private final RecordReadingUseCase recordReading;
  private final AverageTemperatureUseCase averageTemperature;
  private final TemperatureStatisticsUseCase statistics;
  private final TemperatureSeriesUseCase series;
  private final ListReadingsUseCase listReadings;

  public TemperatureResource(
      RecordReadingUseCase recordReading,
      AverageTemperatureUseCase averageTemperature,
      TemperatureStatisticsUseCase statistics,
      TemperatureSeriesUseCase series,
      ListReadingsUseCase listReadings) {
    this.recordReading = Objects.requireNonNull(recordReading);
    this.averageTemperature = Objects.requireNonNull(averageTemperature);
    this.statistics = Objects.requireNonNull(statistics);
    this.series = Objects.requireNonNull(series);
    this.listReadings = Objects.requireNonNull(listReadings);
  }

  @POST
  @RolesAllowed(Roles.WRITER)
  @Consumes(MediaType.APPLICATION_JSON)
  public Response record(
      @PathParam("buildingId") String buildingId,
      @PathParam("roomId") String roomId,
      JsonNode body) {
    Violations violations = new Violations();
    BuildingId building = violations.path("buildingId", () -> new BuildingId(buildingId));
    RoomId room = violations.path("roomId", () -> new RoomId(roomId));
    Temperature temperature = null;
    Optional<Instant> recordedAt = Optional.empty();
    ReadingRequest request = ReadingRequest.of(body);
    if (request == null) {
      violations.add(
          FieldError.inBody(
              "body",
              "the body must be a JSON object such as {\"temperature\": 21.5, \"recorded_at\":"
                  + " \"2024-12-10T16:45:00\"}"));
    } else {
      temperature =
          violations.body("temperature", () -> ReadingFields.temperatureOf(request.temperature()));
      recordedAt =
          violations.body("recorded_at", () -> ReadingFields.recordedAtOf(request.recordedAt()));
      for (String unknown : request.unknownFields()) {
        violations.add(
            FieldError.inBody(
                unknown,
                "unknown field; accepted fields are "
                    + String.join(", ", new TreeSet<>(ReadingRequest.FIELDS))));
      }
    }
    violations.throwIfAny();

    Reading stored =
        recordReading.record(new RecordReadingCommand(building, room, temperature, recordedAt));
    return Response.status(Response.Status.CREATED).entity(ReadingResponse.of(stored)).build();
  }

  @GET
  @Path("average")
  @RolesAllowed(Roles.READER)
  public AverageResponse average(@BeanParam RoomPeriodParameters asked) {
    Violations violations = new Violations();
    PeriodQuery query = asked.query(violations);
    violations.throwIfAny();

    Average average = averageTemperature.average(query);
    return AverageResponse.of(query.building(), query.room(), asked.duration(), average);
  }

  @GET
  @Path("stats")
  @RolesAllowed(Roles.READER)
  public StatisticsResponse stats(@BeanParam RoomPeriodParameters asked) {
    Violations violations = new Violations();
    PeriodQuery query = asked.query(violations);
    violations.throwIfAny();

    return StatisticsResponse.of(
        query.building(), query.room(), asked.duration(), statistics.statistics(query));
  }

  @GET
  @Path("series")
  @RolesAllowed(Roles.READER)
  public SeriesResponse series(
      @BeanParam RoomPeriodParameters asked, @QueryParam("interval") String interval) {
    Violations violations = new Violations();
    PeriodQuery query = asked.query(violations);
    Interval width = violations.query("interval", () -> Interval.parse(interval));
    violations.throwIfAny();

    return SeriesResponse.of(
        query.building(),
        query.room(),
        asked.duration(),
        series.series(new SeriesQuery(query.building(), query.room(), query.period(), width)));
  }

  @GET
  @RolesAllowed(Roles.READER)
  public Response readings(
      @PathParam("buildingId") String buildingId,
      @PathParam("roomId") String roomId,
      @QueryParam("duration") String duration,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("" + DEFAULT_PAGE_SIZE) String limit,
      @QueryParam("cursor") String cursor,
      @Context UriInfo uri) {
    Violations violations = new Violations();
    BuildingId building = violations.path("buildingId", () -> new BuildingId(buildingId));
    RoomId room = violations.path("roomId", () -> new RoomId(roomId));
    Optional<Period> period = PeriodParameters.optional(violations, duration, from, to);
    Integer size = violations.query("limit", () -> pageSize(limit));
    Optional<Instant> before =
        cursor == null
            ? Optional.empty()
            : Optional.ofNullable(violations.query("cursor", () -> Cursor.decode(cursor)));
    violations.throwIfAny();

    ReadingPage page =
        listReadings.readings(new ReadingsQuery(building, room, period, before, size));
    // Relative, so that the link stays right behind a proxy that rewrites host or scheme. A
    // duration becomes the window it covered now: asked again later, "the last hour" would have
    // moved, and readings at its old start would never be listed.
    String next =
        page.next()
            .map(
                at -> {
                  UriBuilder link =
                      uri.getRequestUriBuilder().replaceQueryParam("cursor", Cursor.encode(at));
                  if (duration != null) {
                    link.replaceQueryParam("duration")
                        .replaceQueryParam("from", Timestamps.format(page.window().from()))
                        .replaceQueryParam("to", Timestamps.format(page.window().to()));
                  }
                  return link.build();
                })
            .map(link -> link.getRawPath() + "?" + link.getRawQuery())
            .orElse(null);
    Response.ResponseBuilder answer =
        Response.ok(ReadingListResponse.of(buildingId, roomId, page.readings(), next));
    if (next != null) {
      answer.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return answer.build();
  }

  private static int pageSize(String limit) {
    try {
      return Integer.parseInt(limit.strip());
    } catch (NumberFormatException e) {
      throw new InvalidValueException(
          InvalidValueException.Subject.LIMIT, "limit must be a whole number, got '" + limit + "'");
    }
  }
}
