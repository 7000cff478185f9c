package dev.temperature.adapters.http.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.problem.FieldError;
import dev.temperature.adapters.http.problem.InvalidRequestException;
import dev.temperature.adapters.http.problem.InvalidValueMapper;
import dev.temperature.application.port.in.InvalidReadingsException;
import dev.temperature.application.port.in.RecordReadingBatchUseCase;
import dev.temperature.application.port.in.RecordReadingCommand;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Many readings in one request, for gateways that buffer: all stored, or, if any is invalid, none,
 * with every bad item named by its position and field ({@code [3].temperature}).
 */
@Path("/api/v1/readings")
@Produces(MediaType.APPLICATION_JSON)
public final class ReadingBatchResource {
  /** The answer: how many readings were stored. */
  public record Stored(@JsonProperty("stored") int stored) {}

  private final RecordReadingBatchUseCase recordReadings;
  private final int maxReadings;

  public ReadingBatchResource(RecordReadingBatchUseCase recordReadings, int maxReadings) {
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
      commands.add(ReadingParser.item(body.get(index), index, violations));
    }
    violations.throwIfAny();

    try {
      return new Stored(recordReadings.recordAll(commands));
    } catch (InvalidReadingsException e) {
      List<FieldError> errors = new ArrayList<>();
      for (InvalidReadingsException.Violation violation : e.violations()) {
        errors.add(itemField(violation));
      }
      throw new InvalidRequestException(errors);
    }
  }

  /**
   * A rule the service checked, pointed at the item's field through the same map as a single
   * reading's; the ids of an item are checked here, so anything else is about the item as a whole.
   */
  private static FieldError itemField(InvalidReadingsException.Violation violation) {
    FieldError field = InvalidValueMapper.fieldOf(violation.violation());
    String at = "[" + violation.index() + "]";
    return FieldError.inBody(
        "body".equals(field.in()) ? at + "." + field.field() : at, field.message());
  }
}
