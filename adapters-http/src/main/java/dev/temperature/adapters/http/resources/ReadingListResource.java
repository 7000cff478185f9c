package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.auth.Roles;
import dev.temperature.adapters.http.codec.Cursor;
import dev.temperature.adapters.http.model.ReadingListResponse;
import dev.temperature.application.port.in.ListReadingsUseCase;
import dev.temperature.application.port.in.ReadingPage;
import dev.temperature.application.port.in.ReadingsQuery;
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

/** A room's readings, newest first, page by page. */
@Path(RoomPaths.TEMPERATURES)
@Produces(MediaType.APPLICATION_JSON)
public final class ReadingListResource {
  private final ListReadingsUseCase listReadings;
  private final int maxPageSize;

  public ReadingListResource(ListReadingsUseCase listReadings, int maxPageSize) {
    this.listReadings = Objects.requireNonNull(listReadings);
    this.maxPageSize = maxPageSize;
  }

  @GET
  @RolesAllowed(Roles.READER)
  public Response readings(
      @PathParam("buildingId") String buildingId,
      @PathParam("roomId") String roomId,
      @QueryParam("duration") String duration,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor,
      @Context UriInfo uri) {
    ListingParameters asked =
        new ListingParameters(
            new RoomPeriodParameters(buildingId, roomId, duration, from, to), limit, cursor);
    ReadingsQuery query = asked.query(maxPageSize);
    ReadingPage page = listReadings.readings(query);

    Optional<String> next =
        page.next()
            .map(at -> NextPageLink.of(uri, asked.lookback(), page.window(), Cursor.encode(at)));
    return NextPageLink.answer(
        ReadingListResponse.of(
            query.building().value(), query.room().value(), page.readings(), next.orElse(null)),
        next);
  }
}
