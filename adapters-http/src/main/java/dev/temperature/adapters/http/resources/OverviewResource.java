package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.auth.Roles;
import dev.temperature.adapters.http.codec.Cursor;
import dev.temperature.adapters.http.model.BuildingOverviewResponse;
import dev.temperature.application.port.in.BuildingOverview;
import dev.temperature.application.port.in.BuildingOverviewUseCase;
import dev.temperature.application.port.in.OverviewQuery;
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

/** A building's rooms at a glance: each one's newest reading and recent average. */
@Path("/api/v1/buildings")
@Produces(MediaType.APPLICATION_JSON)
public final class OverviewResource {
  private final BuildingOverviewUseCase buildingOverview;
  private final int maxPageSize;

  public OverviewResource(BuildingOverviewUseCase buildingOverview, int maxPageSize) {
    this.buildingOverview = Objects.requireNonNull(buildingOverview);
    this.maxPageSize = maxPageSize;
  }

  @GET
  @Path("{buildingId}/overview")
  @RolesAllowed(Roles.READER)
  public Response overview(
      @PathParam("buildingId") String buildingId,
      @QueryParam("duration") String duration,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor,
      @Context UriInfo uri) {
    OverviewParameters asked =
        new OverviewParameters(buildingId, duration, from, to, limit, cursor);
    OverviewQuery query = asked.query(maxPageSize);
    BuildingOverview overview = buildingOverview.overview(query);

    Optional<String> next =
        overview
            .next()
            .map(
                room ->
                    NextPageLink.of(
                        uri, asked.lookback(), overview.window(), Cursor.encodeRoom(room)));
    return NextPageLink.answer(
        BuildingOverviewResponse.of(overview, asked.durationText(), next.orElse(null)), next);
  }
}
