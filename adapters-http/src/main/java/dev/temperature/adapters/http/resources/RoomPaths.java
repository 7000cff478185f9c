package dev.temperature.adapters.http.resources;

/** The paths under which a room's temperatures live, shared by the resources that serve them. */
final class RoomPaths {
  static final String TEMPERATURES = "/api/v1/buildings/{buildingId}/rooms/{roomId}/temperatures";

  private RoomPaths() {}
}
