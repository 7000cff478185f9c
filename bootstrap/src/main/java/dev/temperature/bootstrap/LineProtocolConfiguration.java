package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.adapters.http.influxwrite.ReadingLayout;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotEmpty;

/**
 * The {@code lineProtocol} block: where the InfluxDB write endpoints ({@code /api/v2/write}, {@code
 * /write}) find a reading in a point. The defaults are the layout the InfluxDB adapter writes (and
 * the prototype wrote), so its exported data replays as it is; a gateway that writes another layout
 * ({@code air,site=main,zone=kitchen value=21.5}) is mapped here instead of rewritten.
 */
public class LineProtocolConfiguration {
  @NotEmpty private String measurement = ReadingLayout.DEFAULT.measurement();
  @NotEmpty private String buildingTag = ReadingLayout.DEFAULT.buildingTag();
  @NotEmpty private String roomTag = ReadingLayout.DEFAULT.roomTag();
  @NotEmpty private String field = ReadingLayout.DEFAULT.field();

  @ValidationMethod(message = "lineProtocol.buildingTag and lineProtocol.roomTag must differ")
  @JsonIgnore
  public boolean isBuildingTagNotRoomTag() {
    return buildingTag == null || !buildingTag.equals(roomTag);
  }

  ReadingLayout layout() {
    return new ReadingLayout(measurement, buildingTag, roomTag, field);
  }

  @JsonProperty
  public String getMeasurement() {
    return measurement;
  }

  @JsonProperty
  public void setMeasurement(String measurement) {
    this.measurement = measurement;
  }

  @JsonProperty
  public String getBuildingTag() {
    return buildingTag;
  }

  @JsonProperty
  public void setBuildingTag(String buildingTag) {
    this.buildingTag = buildingTag;
  }

  @JsonProperty
  public String getRoomTag() {
    return roomTag;
  }

  @JsonProperty
  public void setRoomTag(String roomTag) {
    this.roomTag = roomTag;
  }

  @JsonProperty
  public String getField() {
    return field;
  }

  @JsonProperty
  public void setField(String field) {
    this.field = field;
  }
}
