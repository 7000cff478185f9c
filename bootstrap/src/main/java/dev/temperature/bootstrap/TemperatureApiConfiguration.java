package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.temperature.storage.StorageFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * The whole of {@code config.yml}. Every block has defaults, so a configuration names only what it
 * changes; {@code storage} is required because choosing where readings live is the operator's call.
 */
public class TemperatureApiConfiguration extends Configuration {
  /** The prototype's port, so its curl examples work unchanged; admin next to it. */
  static final int DEFAULT_PORT = 5000;

  static final int DEFAULT_ADMIN_PORT = 5001;

  @Valid @NotNull private StorageFactory storage;
  @Valid @NotNull private ReadingsConfiguration readings = new ReadingsConfiguration();
  @Valid @NotNull private QueriesConfiguration queries = new QueriesConfiguration();
  @Valid @NotNull private HttpConfiguration http = new HttpConfiguration();
  @Valid @NotNull private WritesConfiguration writes = new WritesConfiguration();
  @Valid @NotNull private AuthConfiguration auth = new AuthConfiguration();
  @Valid @NotNull private RetentionConfiguration retention = new RetentionConfiguration();
  @Valid @NotNull private LineProtocolConfiguration lineProtocol = new LineProtocolConfiguration();
  @Valid @NotNull private AlertingConfiguration alerting = new AlertingConfiguration();

  public TemperatureApiConfiguration() {
    DefaultServerFactory server = new DefaultServerFactory();
    server.setApplicationConnectors(List.of(http(DEFAULT_PORT)));
    // Admin tasks change state without authentication: keep the port off the network unless a
    // configuration binds it elsewhere (the shipped ones follow ${ADMIN_HOST:-127.0.0.1}).
    HttpConnectorFactory admin = http(DEFAULT_ADMIN_PORT);
    admin.setBindHost("127.0.0.1");
    server.setAdminConnectors(List.of(admin));
    setServerFactory(server);
  }

  private static HttpConnectorFactory http(int port) {
    HttpConnectorFactory connector = new HttpConnectorFactory();
    connector.setPort(port);
    return connector;
  }

  @JsonProperty
  public StorageFactory getStorage() {
    return storage;
  }

  @JsonProperty
  public void setStorage(StorageFactory storage) {
    this.storage = storage;
  }

  @JsonProperty
  public ReadingsConfiguration getReadings() {
    return readings;
  }

  @JsonProperty
  public void setReadings(ReadingsConfiguration readings) {
    this.readings = readings;
  }

  @JsonProperty
  public QueriesConfiguration getQueries() {
    return queries;
  }

  @JsonProperty
  public void setQueries(QueriesConfiguration queries) {
    this.queries = queries;
  }

  @JsonProperty
  public RetentionConfiguration getRetention() {
    return retention;
  }

  @JsonProperty
  public void setRetention(RetentionConfiguration retention) {
    this.retention = retention;
  }

  @JsonProperty
  public AuthConfiguration getAuth() {
    return auth;
  }

  @JsonProperty
  public void setAuth(AuthConfiguration auth) {
    this.auth = auth;
  }

  /** A batch is written whole, so the queue must hold the largest one a request may carry. */
  @ValidationMethod(message = "writes.queueCapacity must be at least http.maxBatchSize")
  @JsonIgnore
  public boolean isWriteQueueLargeEnoughForABatch() {
    return writes.getQueueCapacity() >= http.getMaxBatchSize();
  }

  @JsonProperty
  public WritesConfiguration getWrites() {
    return writes;
  }

  @JsonProperty
  public void setWrites(WritesConfiguration writes) {
    this.writes = writes;
  }

  @JsonProperty
  public LineProtocolConfiguration getLineProtocol() {
    return lineProtocol;
  }

  @JsonProperty
  public void setLineProtocol(LineProtocolConfiguration lineProtocol) {
    this.lineProtocol = lineProtocol;
  }

  @JsonProperty
  public AlertingConfiguration getAlerting() {
    return alerting;
  }

  @JsonProperty
  public void setAlerting(AlertingConfiguration alerting) {
    this.alerting = alerting;
  }

  @JsonProperty
  public HttpConfiguration getHttp() {
    return http;
  }

  @JsonProperty
  public void setHttp(HttpConfiguration http) {
    this.http = http;
  }
}
