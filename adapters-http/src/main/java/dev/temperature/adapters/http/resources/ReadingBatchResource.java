package dev.temperature.adapters.http.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.problem.FieldError;
import dev.temperature.adapters.http.problem.InvalidRequestException;
import dev.temperature.application.port.in.InvalidReadingsException;
import dev.temperature.application.port.in.RecordReadingCommand;
import dev.temperature.application.port.in.RecordReadingsUseCase;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.InvalidValueException.Subject;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Many readings in one request, for gateways that buffer: all stored, or, if any is invalid, none,
 * with every bad item named by its position and field ({@code [3].temperature}).
 */
@Path("/api/v1/readings")
@Produces(MediaType.APPLICATION_JSON)
public final class ReadingBatchResource {
  /** The fields of one reading in the batch; anything else is refused. */
  public static final Set<String> FIELDS =
      Set.of("building_id", "room_id", "temperature", "recorded_at");

  /** The answer: how many readings were stored. */
  public record Stored(@JsonProperty("stored") int stored) {}

  private final RecordReadingsUseCase recordReadings;
  private final int maxReadings;

  public ReadingBatchResource(RecordReadingsUseCase recordReadings, int maxReadings) {
    this.recordReadings = Objects.requireNonNull(recordReadings);
    this.maxReadings = maxReadings;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.WRITER)
  public Stored record(JsonNode body) {
    Violations violations = new Violations();
    if (body == null || !body.isArray()) {
      violations.add(
          FieldError.inBody(
              "body",
              "the body must be a JSON array of readings such as [{\"building_id\": \"main\","
                  + " \"room_id\": \"kitchen\", \"temperature\": 21.5}]"));
      violations.throwIfAny();
    }
    if (body.size() > maxReadings) {
      violations.add(
          FieldError.inBody(
              "body", "at most " + maxReadings + " readings per request, got " + body.size()));
      violations.throwIfAny();
    }
    List<RecordReadingCommand> commands = new ArrayList<>(body.size());
    for (int index = 0; index < body.size(); index++) {
      commands.add(command(body.get(index), "[" + index + "]", violations));
    }
    violations.throwIfAny();

    try {
      return new Stored(recordReadings.recordAll(commands));
    } catch (InvalidReadingsException e) {
      List<FieldError> errors = new ArrayList<>();
      for (InvalidReadingsException.Violation violation : e.violations()) {
        errors.add(
            FieldError.inBody(
                "[" + violation.index() + "]." + field(violation.violation().subject()),
                violation.violation().getMessage()));
      }
      throw new InvalidRequestException(errors);
    }
  }

  private static RecordReadingCommand command(JsonNode item, String at, Violations violations) {
    if (item == null || !item.isObject()) {
      violations.add(FieldError.inBody(at, "each reading must be a JSON object"));
      return null;
    }
    for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        violations.add(
            FieldError.inBody(
                at + "." + name,
                "unknown field; accepted fields are " + String.join(", ", new TreeSet<>(FIELDS))));
      }
    }
    BuildingId building =
        violations.body(
            at + ".building_id",
            () ->
                new BuildingId(
                    ReadingFields.idOf(item.get("building_id"), Subject.BUILDING, "building_id")));
    RoomId room =
        violations.body(
            at + ".room_id",
            () -> new RoomId(ReadingFields.idOf(item.get("room_id"), Subject.ROOM, "room_id")));
    Temperature temperature =
        violations.body(
            at + ".temperature", () -> ReadingFields.temperatureOf(item.get("temperature")));
    Optional<Instant> recordedAt =
        violations.body(
            at + ".recorded_at", () -> ReadingFields.recordedAtOf(item.get("recorded_at")));
    if (building == null || room == null || temperature == null || recordedAt == null) {
      return null;
    }
    return new RecordReadingCommand(building, room, temperature, recordedAt);
  }

  private static String field(Subject subject) {
    return switch (subject) {
      case BUILDING -> "building_id";
      case ROOM -> "room_id";
      case TEMPERATURE -> "temperature";
      default -> "recorded_at";
    };
  }
}
