package dev.temperature.adapters.http.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.auth.Roles;
import dev.temperature.adapters.http.model.ReadingResponse;
import dev.temperature.application.port.in.RecordReadingCommand;
import dev.temperature.application.port.in.RecordReadingUseCase;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/** Records one reading of a room: the prototype's POST. */
@Path(RoomPaths.TEMPERATURES)
@Produces(MediaType.APPLICATION_JSON)
public final class RecordReadingResource {
  private final RecordReadingUseCase recordReading;

  public RecordReadingResource(RecordReadingUseCase recordReading) {
    this.recordReading = Objects.requireNonNull(recordReading);
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
    RecordReadingCommand command = ReadingParser.reading(building, room, body, violations);
    violations.throwIfAny();

    Reading stored = recordReading.record(command);
    return Response.status(Response.Status.CREATED).entity(ReadingResponse.of(stored)).build();
  }
}
