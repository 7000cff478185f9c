package dev.temperature.adapters.http.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.model.AverageResponse;
import dev.temperature.adapters.http.model.ReadingRequest;
import dev.temperature.adapters.http.model.ReadingResponse;
import dev.temperature.adapters.http.model.Timestamps;
import dev.temperature.adapters.http.problem.FieldError;
import dev.temperature.application.port.in.AverageQuery;
import dev.temperature.application.port.in.AverageTemperatureUseCase;
import dev.temperature.application.port.in.RecordReadingCommand;
import dev.temperature.application.port.in.RecordReadingUseCase;
import dev.temperature.domain.Average;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.Lookback;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The temperatures of one room: record a reading, ask for the average over a recent window. */
@Path("/api/v1/buildings/{buildingId}/rooms/{roomId}/temperatures")
@Produces(MediaType.APPLICATION_JSON)
public final class TemperatureResource {
  private final RecordReadingUseCase recordReading;
  private final AverageTemperatureUseCase averageTemperature;

  public TemperatureResource(
      RecordReadingUseCase recordReading, AverageTemperatureUseCase averageTemperature) {
    this.recordReading = Objects.requireNonNull(recordReading);
    this.averageTemperature = Objects.requireNonNull(averageTemperature);
  }

  @POST
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
      temperature = violations.body("temperature", () -> temperatureOf(request.temperature()));
      recordedAt = violations.body("recorded_at", () -> recordedAtOf(request.recordedAt()));
      for (String unknown : request.unknownFields()) {
        violations.add(
            FieldError.inBody(
                unknown,
                "unknown field; accepted fields are "
                    + String.join(", ", new java.util.TreeSet<>(ReadingRequest.FIELDS))));
      }
    }
    violations.throwIfAny();

    Reading stored =
        recordReading.record(new RecordReadingCommand(building, room, temperature, recordedAt));
    return Response.status(Response.Status.CREATED).entity(ReadingResponse.of(stored)).build();
  }

  @GET
  @Path("average")
  public AverageResponse average(
      @PathParam("buildingId") String buildingId,
      @PathParam("roomId") String roomId,
      @QueryParam("duration") String duration) {
    Violations violations = new Violations();
    BuildingId building = violations.path("buildingId", () -> new BuildingId(buildingId));
    RoomId room = violations.path("roomId", () -> new RoomId(roomId));
    Lookback lookback = violations.query("duration", () -> Lookback.parse(duration));
    violations.throwIfAny();

    Average average = averageTemperature.average(new AverageQuery(building, room, lookback));
    return AverageResponse.of(building, room, duration, average);
  }

  private static Temperature temperatureOf(JsonNode value) {
    if (value == null || value.isNull()) {
      throw new InvalidValueException(
          InvalidValueException.Subject.TEMPERATURE, "temperature is required (degrees Celsius)");
    }
    if (!value.isNumber()) {
      throw new InvalidValueException(
          InvalidValueException.Subject.TEMPERATURE,
          "temperature must be a JSON number (degrees Celsius), got " + describe(value));
    }
    return Temperature.celsius(value.doubleValue());
  }

  private static Optional<Instant> recordedAtOf(JsonNode value) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new DateTimeException(
          "recorded_at must be an ISO-8601 date-time string, got " + describe(value));
    }
    return Optional.of(Timestamps.parse(value.textValue()));
  }

  private static String describe(JsonNode value) {
    String kind =
        switch (value.getNodeType()) {
          case STRING -> "a string";
          case BOOLEAN -> "a boolean";
          case ARRAY -> "an array";
          case OBJECT -> "an object";
          default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    String shown = value.toString();
    return kind + " " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown);
  }
}
