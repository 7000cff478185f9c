package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.auth.Roles;
import dev.temperature.adapters.http.model.AlertsResponse;
import dev.temperature.application.port.in.ActiveAlertsUseCase;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;

/**
 * The alerts that are pending or firing. Answered from the last evaluation, never from the store,
 * so it costs nothing however often the dashboard asks.
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public final class AlertResource {
  private final ActiveAlertsUseCase alerts;

  public AlertResource(ActiveAlertsUseCase alerts) {
    this.alerts = Objects.requireNonNull(alerts);
  }

  @GET
  @RolesAllowed(Roles.READER)
  public AlertsResponse alerts() {
    return AlertsResponse.of(alerts.active());
  }
}
