package dev.temperature.adapters.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.Bucket;
import com.influxdb.client.domain.BucketRetentionRules;
import com.influxdb.client.domain.Organization;
import com.influxdb.client.domain.Permission;
import com.influxdb.client.domain.PermissionResource;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.ForbiddenException;
import com.influxdb.exceptions.NotFoundException;
import com.influxdb.exceptions.UnauthorizedException;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviour that only the real server can show: its parser, its checks, its retention. */
@RequiresService(Service.INFLUXDB)
class InfluxServerTest {
  private static final Instant AT = Instant.parse("2024-12-10T16:45:00Z");
  private static final Window AROUND = new Window(AT.minusSeconds(60), AT.plusSeconds(60));
  private static TestInflux influx;

  @BeforeAll
  static void connect() {
    influx = TestInflux.require();
  }

  @AfterAll
  static void disconnect() throws Exception {
    influx.close();
  }

  @Test
  void aHostileIdCannotWidenTheQuery() {
    String building = "victim-" + UUID.randomUUID();
    try (InfluxDBClient client = influx.client()) {
      client
          .getWriteApiBlocking()
          .writeRecord(
              WritePrecision.MS,
              LineProtocol.line("temperature", building, "r", 21.0, AT.toEpochMilli()));

      // Unescaped, this would select every building's readings in room r.
      String hostile = "nobody' OR \"building_id\" =~ /.*/ OR 'x";
      Aggregate hostileAnswer = query(client, hostile, "r");
      Aggregate honestAnswer = query(client, building, "r");

      assertThat(honestAnswer.count()).isEqualTo(1);
      assertThat(hostileAnswer).isEqualTo(Aggregate.EMPTY);
    }
  }

  @Test
  void aStatementInfluxDbCannotParseIsABugAndAMissingDatabaseAnOutage() {
    assertThatThrownBy(
            () ->
                InfluxReadingStore.guarded(
                    "aggregate readings", () -> influx.endpoint().run(influx.bucket, "SELEC x")))
        .isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("failed to parse query");
    // InfluxDB reports this one inside a 200: the mapping is gone, which retrying may outlast.
    assertThatThrownBy(
            () ->
                InfluxReadingStore.guarded(
                    "aggregate readings",
                    () -> influx.endpoint().run("no-such-database", "SELECT * FROM temperature")))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("database not found");
  }

  @Test
  void aHostileIdCannotWidenTheSeriesOrListingQueries() {
    String building = "victim-" + UUID.randomUUID();
    try (InfluxDBClient client = influx.client()) {
      client
          .getWriteApiBlocking()
          .writeRecord(
              WritePrecision.MS,
              LineProtocol.line("temperature", building, "r", 21.0, AT.toEpochMilli()));
    }
    Interval hour = Interval.parse("1h");
    // Unescaped, each would select every building's (or room's) readings.
    String hostileBuilding = "nobody' OR \"building_id\" =~ /.*/ OR 'x";
    String hostileRoom = "nobody' OR \"room_id\" =~ /.*/ OR 'x";

    assertThat(rows(InfluxQl.buckets("temperature", building, "r", AROUND, hour))).isEqualTo(1);
    assertThat(rows(InfluxQl.newestFirst("temperature", building, "r", AROUND, 10))).isEqualTo(1);
    assertThat(rows(InfluxQl.rooms("temperature", building))).isEqualTo(1);

    assertThat(rows(InfluxQl.buckets("temperature", hostileBuilding, "r", AROUND, hour))).isZero();
    assertThat(rows(InfluxQl.buckets("temperature", building, hostileRoom, AROUND, hour))).isZero();
    assertThat(rows(InfluxQl.newestFirst("temperature", hostileBuilding, "r", AROUND, 10)))
        .isZero();
    assertThat(rows(InfluxQl.newestFirst("temperature", building, hostileRoom, AROUND, 10)))
        .isZero();
    assertThat(rows(InfluxQl.rooms("temperature", hostileBuilding))).isZero();
  }

  @Test
  void buildingsAndRoomsWithOnlyOldReadingsAreListed() {
    // SHOW TAG VALUES must not be limited to recent data (Flux's schema functions default to the
    // last 30 days); this building's only reading is from 1950.
    BuildingId building = new BuildingId("old-" + UUID.randomUUID().toString().substring(0, 8));
    Instant old = Instant.parse("1950-06-01T12:00:00.250Z");
    influx
        .store()
        .append(List.of(new Reading(building, new RoomId("r"), Temperature.celsius(6.5), old)));

    assertThat(influx.store().buildings()).contains(building);
    assertThat(influx.store().rooms(building)).containsExactly(new RoomId("r"));
  }

  @Test
  void tagValuesThatAreNotIdsAreNotListed() {
    String building = "not an id " + UUID.randomUUID();
    try (InfluxDBClient client = influx.client()) {
      client
          .getWriteApiBlocking()
          .writeRecord(
              WritePrecision.MS,
              LineProtocol.line("temperature", building, "r", 21.0, AT.toEpochMilli()));
    }

    assertThat(rows(InfluxQl.buildings("temperature"))).isPositive();
    assertThat(influx.store().buildings()).extracting(BuildingId::value).doesNotContain(building);
  }

  @Test
  void tagValuesWithProtocolCharactersRoundTripAsOneValue() {
    String building = "odd, name=" + UUID.randomUUID() + " end";
    try (InfluxDBClient client = influx.client()) {
      client
          .getWriteApiBlocking()
          .writeRecord(
              WritePrecision.MS,
              LineProtocol.line("temperature", building, "r 1", 19.5, AT.toEpochMilli()));

      assertThat(query(client, building, "r 1")).isEqualTo(new Aggregate(1, 19.5, 19.5, 19.5));
      assertThat(query(client, "odd", "r 1")).isEqualTo(Aggregate.EMPTY);
    }
  }

  @Test
  void aWrongTokenFailsStartUpNamingTheToken() {
    InfluxStorageFactory factory = influx.factory();
    factory.setToken("not-the-token");

    assertThatThrownBy(() -> factory.build(new Environment("wrong-token")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("token was rejected");
  }

  @Test
  void aMissingBucketFailsStartUpNamingTheBucket() {
    InfluxStorageFactory factory = influx.factory();
    factory.setBucket("no-such-bucket");

    assertThatThrownBy(() -> factory.build(new Environment("wrong-bucket")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no bucket named 'no-such-bucket'");
  }

  @Test
  void aWrongOrgFailsStartUp() {
    InfluxStorageFactory factory = influx.factory();
    factory.setOrg("no-such-org");

    assertThatThrownBy(() -> factory.build(new Environment("wrong-org")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-org");
  }

  @Test
  void aMissingInfluxQlMappingFailsStartUpInsteadOfAnsweringEmpty() {
    InfluxStorageFactory factory = influx.factory();
    factory.setDatabase("no-such-database");

    assertThatThrownBy(() -> factory.build(new Environment("wrong-database")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-database");
  }

  @Test
  void theApiTokenReadsAndWritesItsBucketAndNothingElse() {
    String name = "other-" + UUID.randomUUID().toString().substring(0, 8);
    try (InfluxDBClient operator = influx.operator();
        InfluxDBClient api = influx.client()) {
      Bucket other = operator.getBucketsApi().createBucket(name, organization(operator));
      try {
        operator
            .getWriteApiBlocking()
            .writeRecord(
                name,
                influx.org,
                WritePrecision.MS,
                LineProtocol.line("temperature", "b", "r", 21.0, AT.toEpochMilli()));

        assertThat(api.getBucketsApi().findBucketByName(name)).isNull();
        assertThatThrownBy(
                () ->
                    api.getQueryApi()
                        .query("from(bucket: \"" + name + "\") |> range(start: 0)", influx.org))
            .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                () ->
                    api.getWriteApiBlocking()
                        .writeRecord(
                            name,
                            influx.org,
                            WritePrecision.MS,
                            LineProtocol.line("temperature", "b", "r", 5.0, AT.toEpochMilli())))
            .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(
                () -> api.getBucketsApi().createBucket(name + "-2", organization(operator)))
            .isInstanceOf(UnauthorizedException.class)
            .hasMessageContaining("write:orgs/");
        assertThat(api.getAuthorizationsApi().findAuthorizations()).isEmpty();
        assertThat(api.getBucketsApi().findBucketByName(influx.bucket)).isNotNull();
        // The rollups' bucket is the API's too: the set-up made it and the token for both.
        String rollups = influx.factory().target().rollupBucket();
        assertThat(api.getBucketsApi().findBucketByName(rollups)).isNotNull();
        api.getWriteApiBlocking()
            .writeRecord(
                rollups,
                influx.org,
                WritePrecision.MS,
                LineProtocol.line("scoped_token_check", "b", "r", 5.0, AT.toEpochMilli()));
      } finally {
        operator.getBucketsApi().deleteBucket(other);
      }
    }
  }

  @Test
  void theBucketsRetentionIsReadAtStartUp() throws Exception {
    String name = "retention-" + UUID.randomUUID().toString().substring(0, 8);
    try (InfluxDBClient client = influx.operator()) {
      Organization org = organization(client);
      BucketRetentionRules oneWeek = new BucketRetentionRules();
      oneWeek.setEverySeconds(7 * 24 * 3600);
      Bucket bucket = client.getBucketsApi().createBucket(name, oneWeek, org);
      Bucket rollups = client.getBucketsApi().createBucket(name + "_rollups", org);
      try {
        InfluxStorageFactory factory = influx.factory();
        factory.setBucket(name);
        // As in production: a token for that bucket and its rollups' alone, made by the operator.
        factory.setToken(bucketToken(client, bucket, rollups));
        Environment environment = new Environment("retention");

        ReadingStore store = factory.build(environment);
        assertThat(store.retention()).hasValue(Duration.ofDays(7));
        assertThat(influx.store().retention()).isEmpty();
        assertThat(environment.healthChecks().runHealthCheck("influx").isHealthy()).isTrue();

        // What the service's retention check prevents, sent straight to the store: InfluxDB drops
        // the old point, keeps the other and answers 422. That is not an outage to retry.
        BuildingId building = new BuildingId("retained");
        RoomId room = new RoomId("r");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Reading fresh = new Reading(building, room, Temperature.celsius(21), now);
        Reading old =
            new Reading(building, room, Temperature.celsius(5), now.minus(Duration.ofDays(8)));
        assertThatThrownBy(() -> store.append(List.of(old, fresh)))
            .isInstanceOf(IllegalStateException.class)
            .isNotInstanceOf(StorageUnavailableException.class)
            .hasMessageContaining("HTTP 422");
        assertThat(store.aggregate(building, room, new Window(old.recordedAt(), now)).count())
            .isEqualTo(1);
      } finally {
        client.getBucketsApi().deleteBucket(bucket);
        client.getBucketsApi().deleteBucket(rollups);
      }
    }
  }

  private static Organization organization(InfluxDBClient operator) {
    return operator.getOrganizationsApi().findOrganizations().stream()
        .filter(candidate -> candidate.getName().equals(influx.org))
        .findFirst()
        .orElseThrow();
  }

  /** A new token that may read and write {@code buckets} and nothing else. */
  private static String bucketToken(InfluxDBClient operator, Bucket... buckets) {
    List<Permission> permissions = new ArrayList<>();
    for (Bucket bucket : buckets) {
      for (Permission.ActionEnum action : Permission.ActionEnum.values()) {
        PermissionResource resource = new PermissionResource();
        resource.setType(PermissionResource.TYPE_BUCKETS);
        resource.setId(bucket.getId());
        resource.setOrgID(bucket.getOrgID());
        Permission permission = new Permission();
        permission.setAction(action);
        permission.setResource(resource);
        permissions.add(permission);
      }
    }
    return operator
        .getAuthorizationsApi()
        .createAuthorization(buckets[0].getOrgID(), permissions)
        .getToken();
  }

  /** How many rows the statement's answer holds, over all its series. */
  private static int rows(String statement) {
    int rows = 0;
    for (JsonNode series : influx.endpoint().run(influx.bucket, statement).path("series")) {
      rows += series.path("values").size();
    }
    return rows;
  }

  private static Aggregate query(InfluxDBClient client, String building, String room) {
    return InfluxQlResults.aggregateOf(
        influx
            .endpoint()
            .run(influx.bucket, InfluxQl.aggregate("temperature", building, room, AROUND)));
  }
}
