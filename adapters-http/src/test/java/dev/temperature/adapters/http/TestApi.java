package dev.temperature.adapters.http;

import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.docs.ApiRules;
import dev.temperature.application.port.in.ActiveAlertsUseCase;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.application.service.OverviewService;
import dev.temperature.application.service.QueryLimits;
import dev.temperature.application.service.ReadingDirectoryService;
import dev.temperature.application.service.RecordReadingService;
import dev.temperature.application.service.TemperatureQueryService;
import dev.temperature.domain.ReadingPolicy;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The REST API as RestApi assembles it, over the real services, an in-memory store and a clock
 * stopped at {@link #NOW}, for Dropwizard's in-memory resource tests.
 */
final class TestApi {
  static final Instant NOW = Instant.parse("2024-12-10T17:00:00Z");
  static final long MAX_BODY_BYTES = 1024;
  static final int MAX_BATCH = 5;
  static final int MAX_PAGE_SIZE = 50;
  static final int MAX_BUCKETS = 100;

  /** What the test API's document states: its limits, and its clock stopped at {@link #NOW}. */
  static final ApiRules RULES =
      new ApiRules(
          ReadingPolicy.DEFAULT,
          Optional.empty(),
          new QueryLimits(Duration.ofDays(366), MAX_BUCKETS, MAX_PAGE_SIZE),
          MAX_BATCH,
          Clock.fixed(NOW, ZoneOffset.UTC));

  private TestApi() {}

  static ResourceExtension open(InMemoryReadingStore store) {
    return builder(store, AccessPolicy.OPEN, Duration.ofSeconds(5)).build();
  }

  static ResourceExtension.Builder builder(
      InMemoryReadingStore store, AccessPolicy access, Duration cacheMaxAge) {
    return builder(restApi(store, access, cacheMaxAge));
  }

  static ResourceExtension.Builder builder(RestApi api) {
    var json = RestApi.configure(Jackson.newObjectMapper());
    ResourceExtension.Builder builder =
        ResourceExtension.builder().setMapper(json).setRegisterDefaultExceptionMappers(false);
    api.components(json).forEach(builder::addProvider);
    return builder;
  }

  static RestApi restApi(InMemoryReadingStore store, AccessPolicy access, Duration cacheMaxAge) {
    return restApi(store, access, cacheMaxAge, MAX_BODY_BYTES);
  }

  static RestApi restApi(
      InMemoryReadingStore store, AccessPolicy access, Duration cacheMaxAge, long maxBodyBytes) {
    return restApi(store, access, cacheMaxAge, maxBodyBytes, RULES, ActiveAlertsUseCase.NONE);
  }

  /** The test API with other rules: its services enforce the limits the document states. */
  static RestApi restApi(
      InMemoryReadingStore store,
      AccessPolicy access,
      Duration cacheMaxAge,
      long maxBodyBytes,
      ApiRules rules) {
    return restApi(store, access, cacheMaxAge, maxBodyBytes, rules, ActiveAlertsUseCase.NONE);
  }

  /** The test API with the alerts of {@code alerts}. */
  static RestApi restApi(
      InMemoryReadingStore store,
      AccessPolicy access,
      Duration cacheMaxAge,
      long maxBodyBytes,
      ActiveAlertsUseCase alerts) {
    return restApi(store, access, cacheMaxAge, maxBodyBytes, RULES, alerts);
  }

  static RestApi restApi(
      InMemoryReadingStore store,
      AccessPolicy access,
      Duration cacheMaxAge,
      long maxBodyBytes,
      ApiRules rules,
      ActiveAlertsUseCase alerts) {
    Clock clock = rules.clock();
    RecordReadingService record = new RecordReadingService(store, rules.readings(), clock);
    TemperatureQueryService queries =
        new TemperatureQueryService(store, store, store, rules.queries(), clock);
    ReadingDirectoryService directory =
        new ReadingDirectoryService(store, store, rules.queries(), rules.readings(), clock);
    OverviewService overview = new OverviewService(store, store, store, rules.queries(), clock);
    return new RestApi(
        UseCases.builder()
            .recordReading(record)
            .recordBatch(record)
            .average(queries)
            .statistics(queries)
            .series(queries)
            .listReadings(directory)
            .listRooms(directory)
            .latestReading(overview)
            .buildingOverview(overview)
            .activeAlerts(alerts)
            .build(),
        new RestApi.Settings(
            maxBodyBytes,
            rules.maxBatchSize(),
            rules.queries().maxPageSize(),
            cacheMaxAge,
            access,
            rules));
  }
}
