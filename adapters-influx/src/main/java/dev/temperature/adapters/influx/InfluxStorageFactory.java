package dev.temperature.adapters.influx;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.influxdb.client.BucketsQuery;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.domain.Bucket;
import com.influxdb.client.domain.BucketRetentionRules;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.exceptions.NotFoundException;
import com.influxdb.exceptions.UnauthorizedException;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;
import dev.temperature.storage.StorageFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

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
 * </pre>
 *
 * Start-up checks the token, the organisation, the bucket and the InfluxQL mapping, and fails
 * naming whichever is wrong, rather than failing the first request.
 */
@JsonTypeName("influx")
public class InfluxStorageFactory implements StorageFactory {
  @NotEmpty private String url;
  @NotEmpty private String token;
  @NotEmpty private String org;
  @NotEmpty private String bucket;
  private String database;

  @NotEmpty
  @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}")
  private String measurement = "temperature";

  @NotNull private Duration connectTimeout = Duration.seconds(5);
  @NotNull private Duration readTimeout = Duration.seconds(10);
  @NotNull private Duration writeTimeout = Duration.seconds(10);

  @Override
  public ReadingStore build(Environment environment) {
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout.toJavaDuration())
            .readTimeout(readTimeout.toJavaDuration())
            .writeTimeout(writeTimeout.toJavaDuration());
    InfluxDBClient client =
        InfluxDBClientFactory.create(
            InfluxDBClientOptions.builder()
                .url(url)
                .authenticateToken(token.toCharArray())
                .org(org)
                .bucket(bucket)
                .okHttpClient(http)
                .build());
    OkHttpClient queries = http.build();
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void stop() {
                client.close();
                queries.dispatcher().executorService().shutdown();
                queries.connectionPool().evictAll();
              }
            });
    InfluxTarget target =
        new InfluxTarget(org, bucket, database == null ? bucket : database, measurement);
    InfluxReadingStore store;
    try {
      store =
          new InfluxReadingStore(
              client.getWriteApiBlocking(),
              new InfluxQlEndpoint(queries, url, token),
              target,
              retentionOf(findBucket(client)));
      // The query path (token, DBRP mapping) is checked now, not by the first client.
      Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
      store.aggregate(new BuildingId("start-up-check"), new RoomId("r"), new Window(now, now));
    } catch (RuntimeException e) {
      client.close();
      throw new IllegalStateException(
          "cannot use InfluxDB at "
              + url
              + " (org '"
              + org
              + "', bucket '"
              + bucket
              + "'): "
              + e.getMessage(),
          e);
    }
    environment.healthChecks().register("influx", new Reachable(client));
    return store;
  }

  private Bucket findBucket(InfluxDBClient client) {
    BucketsQuery query = new BucketsQuery();
    query.setOrg(org);
    query.setName(bucket);
    List<Bucket> found;
    try {
      found = client.getBucketsApi().findBuckets(query);
    } catch (UnauthorizedException e) {
      throw new IllegalStateException("the token was rejected (" + e.getMessage() + ")", e);
    } catch (NotFoundException e) {
      throw missing(e);
    } catch (InfluxException e) {
      throw new IllegalStateException(
          "could not look up the bucket (" + e.getMessage() + "); check the url and org", e);
    }
    return found.stream()
        .filter(candidate -> bucket.equals(candidate.getName()))
        .findFirst()
        .orElseThrow(() -> missing(null));
  }

  /** InfluxDB answers 404 for an unknown org or bucket name alike; its message says which. */
  private IllegalStateException missing(NotFoundException cause) {
    return new IllegalStateException(
        "no bucket named '"
            + bucket
            + "' in org '"
            + org
            + "' that this token can read"
            + (cause == null ? "" : " (" + cause.getMessage() + ")"),
        cause);
  }

  /** A bucket keeps data forever unless an expire rule says otherwise (0 also means forever). */
  static Optional<java.time.Duration> retentionOf(Bucket bucket) {
    return bucket.getRetentionRules().stream()
        .filter(
            rule ->
                rule.getType() == null || rule.getType() == BucketRetentionRules.TypeEnum.EXPIRE)
        .map(BucketRetentionRules::getEverySeconds)
        .filter(seconds -> seconds != null && seconds > 0)
        .map(seconds -> java.time.Duration.ofSeconds(seconds))
        .findFirst();
  }

  /** Healthy while InfluxDB answers its ping. */
  private static final class Reachable extends HealthCheck {
    private final InfluxDBClient client;

    Reachable(InfluxDBClient client) {
      this.client = client;
    }

    @Override
    protected Result check() {
      return Boolean.TRUE.equals(client.ping())
          ? Result.healthy()
          : Result.unhealthy("InfluxDB does not answer its ping");
    }
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
