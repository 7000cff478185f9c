package dev.temperature.adapters.http.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.adapters.http.auth.Roles;
import dev.temperature.application.port.in.ListRoomsUseCase;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Objects;

/** Which buildings, and which rooms of a building, have readings. */
@Path("/api/v1/buildings")
@Produces(MediaType.APPLICATION_JSON)
public final class BuildingResource {
  /** The answer of {@code GET /api/v1/buildings}. */
  public record Buildings(@JsonProperty("buildings") List<String> buildings) {}

  /** The answer of {@code GET /api/v1/buildings/{buildingId}/rooms}. */
  public record Rooms(
      @JsonProperty("building_id") String buildingId, @JsonProperty("rooms") List<String> rooms) {}

  private final ListRoomsUseCase rooms;

  public BuildingResource(ListRoomsUseCase rooms) {
    this.rooms = Objects.requireNonNull(rooms);
  }

  @GET
  @RolesAllowed(Roles.READER)
  public Buildings buildings() {
    return new Buildings(rooms.buildings().stream().map(BuildingId::value).toList());
  }

  @GET
  @Path("{buildingId}/rooms")
  @RolesAllowed(Roles.READER)
  public Rooms rooms(@PathParam("buildingId") String buildingId) {
    Violations violations = new Violations();
    BuildingId building = violations.path("buildingId", () -> new BuildingId(buildingId));
    violations.throwIfAny();
    return new Rooms(building.value(), rooms.rooms(building).stream().map(RoomId::value).toList());
  }
}
