package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.NotNull;

/** The {@code http} block: limits of the REST API itself. */
public class HttpConfiguration {
  /** Far above a reading (~60 bytes), low enough that a client cannot make us buffer much. */
  @NotNull
  @MinDataSize(64)
  private DataSize maxBodySize = DataSize.mebibytes(1);

  @JsonProperty
  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  @JsonProperty
  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }
}
