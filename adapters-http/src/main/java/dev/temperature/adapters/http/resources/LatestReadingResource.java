package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.auth.Roles;
import dev.temperature.adapters.http.model.ReadingResponse;
import dev.temperature.adapters.http.problem.Problem;
import dev.temperature.application.port.in.LatestReadingUseCase;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;

/** What it is now in a room: its newest reading. */
@Path(RoomPaths.TEMPERATURES)
@Produces(MediaType.APPLICATION_JSON)
public final class LatestReadingResource {
  private final LatestReadingUseCase latestReading;

  public LatestReadingResource(LatestReadingUseCase latestReading) {
    this.latestReading = Objects.requireNonNull(latestReading);
  }

  /**
   * The one GET that answers 404 for a room without readings: there is no reading to show, and an
   * empty 200 would need a shape of its own.
   */
  @GET
  @Path("latest")
  @RolesAllowed(Roles.READER)
  public ReadingResponse latest(
      @PathParam("buildingId") String buildingId, @PathParam("roomId") String roomId) {
    Violations violations = new Violations();
    BuildingId building = violations.path("buildingId", () -> new BuildingId(buildingId));
    RoomId room = violations.path("roomId", () -> new RoomId(roomId));
    violations.throwIfAny();
    return latestReading
        .latest(building, room)
        .map(ReadingResponse::of)
        .orElseThrow(
            () ->
                new WebApplicationException(
                    Problem.of(
                            404,
                            "room '"
                                + room
                                + "' of building '"
                                + building
                                + "' has no readings yet")
                        .toResponse()));
  }
}
