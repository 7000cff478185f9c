package dev.temperature.adapters.http.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.auth.Roles;
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
import java.io.IOException;
import java.io.InputStream;
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

  private static final String NOT_AN_ARRAY =
      "the body must be a JSON array of readings such as [{\"building_id\": \"main\","
          + " \"room_id\": \"kitchen\", \"temperature\": 21.5}]";

  private final RecordReadingBatchUseCase recordReadings;
  private final int maxReadings;
  private final ObjectMapper json;

  /**
   * @param json the API's configured mapper, so that the body is read as strictly as any other
   */
  public ReadingBatchResource(
      RecordReadingBatchUseCase recordReadings, int maxReadings, ObjectMapper json) {
    this.recordReadings = Objects.requireNonNull(recordReadings);
    this.maxReadings = maxReadings;
    this.json = Objects.requireNonNull(json);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.WRITER)
  public Stored record(InputStream body) throws IOException {
    List<RecordReadingCommand> commands = read(body);
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
   * Reads the array item by item from the stream, so that only one reading is held as a tree at a
   * time and a body with too many readings is refused as soon as the one too many begins.
   */
  private List<RecordReadingCommand> read(InputStream body) throws IOException {
    Violations violations = new Violations();
    List<RecordReadingCommand> commands = new ArrayList<>();
    try (JsonParser parser = json.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new InvalidRequestException(FieldError.inBody("body", NOT_AN_ARRAY));
      }
      for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
        if (index == maxReadings) {
          throw new InvalidRequestException(
              FieldError.inBody(
                  "body", "at most " + maxReadings + " readings per request, got more"));
        }
        JsonNode item = parser.readValueAsTree();
        commands.add(ReadingParser.item(item, index, violations));
      }
      if (parser.nextToken() != null) {
        throw new InvalidRequestException(
            FieldError.inBody("body", "the body holds more than the one JSON array"));
      }
    }
    violations.throwIfAny();
    return commands;
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
