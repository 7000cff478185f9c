package dev.temperature.adapters.http;

import dev.temperature.application.port.in.ActiveAlertsUseCase;
import dev.temperature.application.port.in.AverageTemperatureUseCase;
import dev.temperature.application.port.in.BuildingOverviewUseCase;
import dev.temperature.application.port.in.LatestReadingUseCase;
import dev.temperature.application.port.in.ListReadingsUseCase;
import dev.temperature.application.port.in.ListRoomsUseCase;
import dev.temperature.application.port.in.RecordReadingBatchUseCase;
import dev.temperature.application.port.in.RecordReadingUseCase;
import dev.temperature.application.port.in.TemperatureSeriesUseCase;
import dev.temperature.application.port.in.TemperatureStatisticsUseCase;
import java.util.Objects;

/**
 * The inbound ports the API calls, each named where it is given:
 *
 * <pre>
 * UseCases.builder().recordReading(recording).recordBatch(recording).average(queries)...build()
 * </pre>
 */
public record UseCases(
    RecordReadingUseCase recordReading,
    RecordReadingBatchUseCase recordBatch,
    AverageTemperatureUseCase average,
    TemperatureStatisticsUseCase statistics,
    TemperatureSeriesUseCase series,
    ListReadingsUseCase listReadings,
    ListRoomsUseCase listRooms,
    LatestReadingUseCase latestReading,
    BuildingOverviewUseCase buildingOverview,
    ActiveAlertsUseCase activeAlerts) {
  public UseCases {
    Objects.requireNonNull(recordReading, "recordReading");
    Objects.requireNonNull(recordBatch, "recordBatch");
    Objects.requireNonNull(average, "average");
    Objects.requireNonNull(statistics, "statistics");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(listReadings, "listReadings");
    Objects.requireNonNull(listRooms, "listRooms");
    Objects.requireNonNull(latestReading, "latestReading");
    Objects.requireNonNull(buildingOverview, "buildingOverview");
    Objects.requireNonNull(activeAlerts, "activeAlerts");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the use cases by name; {@link #build()} names any that is missing. */
  public static final class Builder {
    private RecordReadingUseCase recordReading;
    private RecordReadingBatchUseCase recordBatch;
    private AverageTemperatureUseCase average;
    private TemperatureStatisticsUseCase statistics;
    private TemperatureSeriesUseCase series;
    private ListReadingsUseCase listReadings;
    private ListRoomsUseCase listRooms;
    private LatestReadingUseCase latestReading;
    private BuildingOverviewUseCase buildingOverview;
    private ActiveAlertsUseCase activeAlerts;

    private Builder() {}

    public Builder recordReading(RecordReadingUseCase recordReading) {
      this.recordReading = recordReading;
      return this;
    }

    public Builder recordBatch(RecordReadingBatchUseCase recordBatch) {
      this.recordBatch = recordBatch;
      return this;
    }

    public Builder average(AverageTemperatureUseCase average) {
      this.average = average;
      return this;
    }

    public Builder statistics(TemperatureStatisticsUseCase statistics) {
      this.statistics = statistics;
      return this;
    }

    public Builder series(TemperatureSeriesUseCase series) {
      this.series = series;
      return this;
    }

    public Builder listReadings(ListReadingsUseCase listReadings) {
      this.listReadings = listReadings;
      return this;
    }

    public Builder listRooms(ListRoomsUseCase listRooms) {
      this.listRooms = listRooms;
      return this;
    }

    public Builder latestReading(LatestReadingUseCase latestReading) {
      this.latestReading = latestReading;
      return this;
    }

    public Builder buildingOverview(BuildingOverviewUseCase buildingOverview) {
      this.buildingOverview = buildingOverview;
      return this;
    }

    /** {@link ActiveAlertsUseCase#NONE} when alerting is off. */
    public Builder activeAlerts(ActiveAlertsUseCase activeAlerts) {
      this.activeAlerts = activeAlerts;
      return this;
    }

    public UseCases build() {
      return new UseCases(
          recordReading,
          recordBatch,
          average,
          statistics,
          series,
          listReadings,
          listRooms,
          latestReading,
          buildingOverview,
          activeAlerts);
    }
  }
}
