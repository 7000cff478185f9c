package dev.temperature.adapters.influx;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.storage.StorageFactory;
import dev.temperature.storage.StorageSettings;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * {@code storage.type: influx}: an InfluxDB 2.x bucket. The start-up checks use the 2.x buckets
 * API, so InfluxDB 1.x and 3.x are not supported.
 *
 * <pre>
 * storage:
 *   type: influx
 *   url: http://localhost:8086
 *   token: ${INFLUX_TOKEN}     # read and write on the bucket
 *   org: temperature
 *   bucket: temperature
 *   database: temperature      # InfluxQL database (DBRP mapping); default: the bucket's name
 *   measurement: temperature
 *   rollupBucket: temperature_rollups   # hourly and daily rollups; default: bucket + _rollups
 *   rollupDatabase: temperature_rollups # its InfluxQL database; default: its name
 * </pre>
 *
 * Start-up checks the token, the organisation, the bucket and the InfluxQL mapping, and fails
 * naming whichever is wrong, rather than failing the first request.
 *
 * <p>{@code readTimeout} and {@code writeTimeout} bound the writes and the buckets API; an InfluxQL
 * query is bounded by {@code queries.timeout} instead, on an HTTP client of its own.
 */
@JsonTypeName("influx")
public class InfluxStorageFactory implements StorageFactory {
  @NotEmpty private String url;
  @NotEmpty private String token;
  @NotEmpty private String org;
  @NotEmpty private String bucket;
  private String database;
  private String rollupBucket;
  private String rollupDatabase;

  @NotEmpty
  @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}")
  private String measurement = "temperature";

  @NotNull private Duration connectTimeout = Duration.seconds(5);
  @NotNull private Duration readTimeout = Duration.seconds(10);
  @NotNull private Duration writeTimeout = Duration.seconds(10);

  /**
   * Group-commit writers: two, so that one group's line-protocol request is sent while InfluxDB
   * answers the one before. Late readings' rollups are recomputed under one lock all the same.
   */
  @Min(1)
  @Max(StorageFactory.MAX_WRITERS)
  private int writers = 2;

  @Override
  @JsonProperty
  public int writers() {
    return writers;
  }

  @JsonProperty
  public void setWriters(int writers) {
    this.writers = writers;
  }

  @Override
  public Map<String, String> secrets() {
    return token == null ? Map.of() : Map.of("storage.token", token);
  }

  @Override
  public ReadingStore build(Environment environment, StorageSettings settings) {
    InfluxConnection connection =
        InfluxConnection.open(
            new InfluxConnection.Settings(
                url,
                token,
                target(),
                connectTimeout.toJavaDuration(),
                readTimeout.toJavaDuration(),
                writeTimeout.toJavaDuration(),
                settings.queryTimeout()));
    environment.lifecycle().manage(new AutoCloseableManager(connection));
    environment.lifecycle().manage(new RollupSealer(connection.store().rollups()));
    environment.healthChecks().register("influx", new InfluxHealthCheck(connection));
    return connection.store();
  }

  InfluxTarget target() {
    String rollups = rollupBucket == null ? bucket + "_rollups" : rollupBucket;
    return new InfluxTarget(
        org,
        bucket,
        database == null ? bucket : database,
        measurement,
        rollups,
        rollupDatabase == null ? rollups : rollupDatabase);
  }

  @JsonProperty
  public String getRollupBucket() {
    return rollupBucket;
  }

  @JsonProperty
  public void setRollupBucket(String rollupBucket) {
    this.rollupBucket = rollupBucket;
  }

  @JsonProperty
  public String getRollupDatabase() {
    return rollupDatabase;
  }

  @JsonProperty
  public void setRollupDatabase(String rollupDatabase) {
    this.rollupDatabase = rollupDatabase;
  }

  @JsonProperty
  public String getUrl() {
    return url;
  }

  @JsonProperty
  public void setUrl(String url) {
    this.url = url;
  }

  @JsonProperty
  public String getToken() {
    return token;
  }

  @JsonProperty
  public void setToken(String token) {
    this.token = token;
  }

  @JsonProperty
  public String getOrg() {
    return org;
  }

  @JsonProperty
  public void setOrg(String org) {
    this.org = org;
  }

  @JsonProperty
  public String getBucket() {
    return bucket;
  }

  @JsonProperty
  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  @JsonProperty
  public String getDatabase() {
    return database;
  }

  @JsonProperty
  public void setDatabase(String database) {
    this.database = database;
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
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  @JsonProperty
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  @JsonProperty
  public Duration getReadTimeout() {
    return readTimeout;
  }

  @JsonProperty
  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  @JsonProperty
  public Duration getWriteTimeout() {
    return writeTimeout;
  }

  @JsonProperty
  public void setWriteTimeout(Duration writeTimeout) {
    this.writeTimeout = writeTimeout;
  }
}
