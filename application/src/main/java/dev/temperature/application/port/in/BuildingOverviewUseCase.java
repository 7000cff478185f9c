package dev.temperature.application.port.in;

/** How every room of a building is doing: its newest reading and its recent average. */
public interface BuildingOverviewUseCase {
  BuildingOverview overview(OverviewQuery query);
}
