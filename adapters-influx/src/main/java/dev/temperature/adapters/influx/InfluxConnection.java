package dev.temperature.adapters.influx;

import com.influxdb.client.BucketsQuery;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.domain.Bucket;
import com.influxdb.client.domain.BucketRetentionRules;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.exceptions.NotFoundException;
import com.influxdb.exceptions.UnauthorizedException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients of one InfluxDB server: the library's for writes and the buckets API, a plain HTTP
 * client for InfluxQL. {@link #open} checks at start-up what the first request would otherwise find
 * out: the token, the organisation, the bucket and the InfluxQL mapping.
 *
 * <p>The two HTTP clients share nothing, neither connections nor OkHttp's dispatcher, so that slow
 * queries cannot hold what a write needs; and a query is given up after the query budget, as a
 * whole call and between two reads of its answer.
 */
final class InfluxConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InfluxConnection.class);

  /** Where to connect and how long to wait. */
  record Settings(
      String url,
      String token,
      InfluxTarget target,
      Duration connectTimeout,
      Duration readTimeout,
      Duration writeTimeout,
      Duration queryTimeout) {}

  private final InfluxDBClient client;
  private final OkHttpClient queries;
  private final InfluxReadingStore store;

  private InfluxConnection(InfluxDBClient client, OkHttpClient queries, InfluxReadingStore store) {
    this.client = client;
    this.queries = queries;
    this.store = store;
  }

  /**
   * Connects, reads the bucket's retention, and runs one query through the whole read path.
   *
   * @throws IllegalStateException naming what is wrong: the token, the org, the bucket, the url
   */
  static InfluxConnection open(Settings settings) {
    // A builder of its own, so that the library's client gets its own connection pool and
    // dispatcher; OkHttp shares both between the clients one builder makes.
    OkHttpClient.Builder writes =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.writeTimeout());
    InfluxTarget target = settings.target();
    InfluxDBClient client =
        InfluxDBClientFactory.create(
            InfluxDBClientOptions.builder()
                .url(settings.url())
                .authenticateToken(settings.token().toCharArray())
                .org(target.org())
                .bucket(target.bucket())
                .okHttpClient(writes)
                .build());
    OkHttpClient queries = queryClient(settings);
    try {
      Optional<Duration> retention = retentionOf(findBucket(client, target));
      retention
          .filter(keptFor -> keptFor.compareTo(SHORTEST_RETENTION) < 0)
          .ifPresent(
              keptFor -> {
                throw new IllegalStateException(
                    "the bucket keeps readings for "
                        + keptFor
                        + "; rollups are written up to "
                        + InfluxRollups.SETTLE.toHours()
                        + " hours behind the readings, so it must keep them at least a day");
              });
      Bucket rollupBucket = findOrCreateRollupBucket(client, target);
      InfluxReadingStore store =
          new InfluxReadingStore(
              client.getWriteApiBlocking(),
              client.getDeleteApi(),
              new InfluxQlEndpoint(queries, settings.url(), settings.token()),
              target,
              retention,
              retentionOf(rollupBucket),
              Clock.systemUTC());
      // The query path (token, DBRP mapping) is checked now, not by the first client.
      Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
      store.aggregate(new BuildingId("start-up-check"), new RoomId("r"), new Window(now, now));
      // And the rollups' bucket through InfluxQL, reading how far they are sealed.
      store.rollups().readMark();
      return new InfluxConnection(client, queries, store);
    } catch (RuntimeException e) {
      close(client, queries);
      throw new IllegalStateException(
          "cannot use InfluxDB at "
              + settings.url()
              + " (org '"
              + target.org()
              + "', bucket '"
              + target.bucket()
              + "'): "
              + e.getMessage(),
          e);
    }
  }

  /** The InfluxQL client: connections and dispatcher of its own, bounded by the query budget. */
  static OkHttpClient queryClient(Settings settings) {
    return new OkHttpClient.Builder()
        .connectTimeout(min(settings.connectTimeout(), settings.queryTimeout()))
        .readTimeout(settings.queryTimeout())
        .writeTimeout(settings.writeTimeout())
        .callTimeout(settings.queryTimeout())
        .build();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  InfluxReadingStore store() {
    return store;
  }

  /** Whether InfluxDB answers its ping. */
  boolean reachable() {
    return Boolean.TRUE.equals(client.ping());
  }

  @Override
  public void close() {
    close(client, queries);
  }

  private static void close(InfluxDBClient client, OkHttpClient queries) {
    client.close();
    queries.dispatcher().executorService().shutdown();
    queries.connectionPool().evictAll();
  }

  private static Bucket findBucket(InfluxDBClient client, InfluxTarget target) {
    BucketsQuery query = new BucketsQuery();
    query.setOrg(target.org());
    query.setName(target.bucket());
    List<Bucket> found;
    try {
      found = client.getBucketsApi().findBuckets(query);
    } catch (UnauthorizedException e) {
      throw new IllegalStateException("the token was rejected (" + e.getMessage() + ")", e);
    } catch (NotFoundException e) {
      throw missing(target, e);
    } catch (InfluxException e) {
      throw new IllegalStateException(
          "could not look up the bucket (" + e.getMessage() + "); check the url and org", e);
    }
    return found.stream()
        .filter(candidate -> target.bucket().equals(candidate.getName()))
        .findFirst()
        .orElseThrow(() -> missing(target, null));
  }

  /** The readings' bucket must keep them until their hours are sealed, with room to spare. */
  static final Duration SHORTEST_RETENTION = Duration.ofDays(1);

  /**
   * The rollups' bucket; made, with no retention, when it is missing and the token may make
   * buckets. A token that may not (one scoped to the buckets) needs it made beforehand.
   */
  private static Bucket findOrCreateRollupBucket(InfluxDBClient client, InfluxTarget target) {
    BucketsQuery query = new BucketsQuery();
    query.setOrg(target.org());
    query.setName(target.rollupBucket());
    try {
      Optional<Bucket> found =
          client.getBucketsApi().findBuckets(query).stream()
              .filter(candidate -> target.rollupBucket().equals(candidate.getName()))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
    } catch (NotFoundException e) {
      // InfluxDB answers 404 when no bucket has the name: make it below.
    }
    try {
      Bucket made =
          client
              .getBucketsApi()
              .createBucket(
                  target.rollupBucket(),
                  client.getOrganizationsApi().findOrganizations().stream()
                      .filter(org -> target.org().equals(org.getName()))
                      .findFirst()
                      .orElseThrow(() -> missing(target, null)));
      LOG.info("Made the InfluxDB bucket '{}' for the rollups", target.rollupBucket());
      return made;
    } catch (InfluxException e) {
      throw new IllegalStateException(
          "no bucket named '"
              + target.rollupBucket()
              + "' for the rollups in org '"
              + target.org()
              + "', and this token may not make one ("
              + e.getMessage()
              + "); make it: influx bucket create --org "
              + target.org()
              + " --name "
              + target.rollupBucket()
              + " --retention 0",
          e);
    }
  }

  /** InfluxDB answers 404 for an unknown org or bucket name alike; its message says which. */
  private static IllegalStateException missing(InfluxTarget target, NotFoundException cause) {
    return new IllegalStateException(
        "no bucket named '"
            + target.bucket()
            + "' in org '"
            + target.org()
            + "' that this token can read"
            + (cause == null ? "" : " (" + cause.getMessage() + ")"),
        cause);
  }

  /** A bucket keeps data forever unless an expire rule says otherwise (0 also means forever). */
  static Optional<Duration> retentionOf(Bucket bucket) {
    return bucket.getRetentionRules().stream()
        .filter(
            rule ->
                rule.getType() == null || rule.getType() == BucketRetentionRules.TypeEnum.EXPIRE)
        .map(BucketRetentionRules::getEverySeconds)
        .filter(seconds -> seconds != null && seconds > 0)
        .map(Duration::ofSeconds)
        .findFirst();
  }
}
