package dev.temperature.adapters.http.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.auth.Roles;
import dev.temperature.adapters.http.codec.Cursor;
import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.domain.CalendarInterval;
import dev.temperature.domain.Interval;
import dev.temperature.domain.Reading;
import dev.temperature.domain.Zone;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The API document as a running server states it: the hand-written {@code openapi.yaml} with every
 * rule that depends on the configuration, the clock or the runtime (its time zones) written in for
 * this server. The file in the source tree holds the values of the shipped defaults
 * (ApiDocumentTest keeps them in step), so that it reads as a complete document on its own.
 *
 * <p>Each rule sits in one named schema of {@code components}, so a rule is stated once however
 * many operations use it, and a new endpoint states its rules by referring to them.
 */
public final class ApiDocument {
  /** Where the document is on the classpath. */
  public static final String RESOURCE = "/openapi/openapi.yaml";

  /** The longest a single {@code duration} may be, beyond any configuration: every window's. */
  static final Duration LONGEST_LOOKBACK =
      Duration.between(Reading.EARLIEST, Instant.parse("2200-01-01T00:00:00Z"));

  /** A written date of {@code recorded_at} this many days inside its bounds is inside them. */
  private static final int MARGIN_DAYS = 2;

  /**
   * How long after it is served a document's bound on old readings stays right: the store's
   * retention moves that bound on with the clock.
   */
  private static final int RETENTION_MARGIN_DAYS = 3;

  /** The page size of a listing or an overview that does not say. */
  static final int PAGE_SIZE_DEFAULT = 100;

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              // "1" (the document's version) must stay a string.
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiRules rules;
  private final AccessPolicy access;

  /**
   * @param access which roles the server checks: an operation whose role it does not check is
   *     stated without {@code security}, as it is open
   */
  public ApiDocument(ApiRules rules, AccessPolicy access) {
    this.rules = Objects.requireNonNull(rules);
    this.access = Objects.requireNonNull(access);
  }

  /** The document in the source tree, as written. */
  public static JsonNode asWritten() {
    return parse(written());
  }

  /** The bytes of the document in the source tree. */
  static byte[] written() {
    try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the API document " + RESOURCE + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document this server states today (the bounds on times follow the clock's date). */
  public JsonNode stated() {
    return stated(LocalDate.ofInstant(rules.clock().instant(), ZoneOffset.UTC));
  }

  JsonNode stated(LocalDate today) {
    ObjectNode document = (ObjectNode) asWritten();
    ObjectNode schemas = (ObjectNode) document.path("components").path("schemas");

    ObjectNode temperature = schema(schemas, "Temperature");
    temperature.put("minimum", rules.readings().plausibleRange().lowest().celsius());
    temperature.put("maximum", rules.readings().plausibleRange().highest().celsius());

    recordedAt(schema(schemas, "RecordedAt"), today);
    schema(schemas, "Time").put("pattern", Timestamps.PATTERN);
    Duration longest =
        rules.queries().maxPeriod().compareTo(LONGEST_LOOKBACK) < 0
            ? rules.queries().maxPeriod()
            : LONGEST_LOOKBACK;
    schema(schemas, "Duration").put("pattern", DurationPattern.upTo(longest));
    schema(schemas, "Interval")
        .put("pattern", DurationPattern.upTo(Interval.LONGEST, CalendarInterval.texts()));
    ArrayNode zones = schema(schemas, "TimeZone").putArray("enum");
    Zone.names().forEach(zones::add);
    schema(schemas, "ReadingCursor").put("pattern", Cursor.READING_PATTERN);
    schema(schemas, "RoomCursor").put("pattern", Cursor.ROOM_PATTERN);

    ObjectNode pageSize = schema(schemas, "PageSize");
    int maxPageSize = rules.queries().maxPageSize();
    pageSize.put("maximum", maxPageSize);
    pageSize.put("default", Math.min(PAGE_SIZE_DEFAULT, maxPageSize));

    schema(schemas, "ReadingBatch").put("maxItems", rules.maxBatchSize());
    ((ObjectNode) schema(schemas, "SeriesResponse").path("properties").path("buckets"))
        .put("maxItems", rules.queries().maxBuckets());
    openWhereNoTokenIsChecked(document);
    return document;
  }

  /** {@code security: []} on each operation whose role (writer, reader) needs no token here. */
  private void openWhereNoTokenIsChecked(ObjectNode document) {
    for (JsonNode path : document.path("paths")) {
      for (JsonNode operation : path) {
        JsonNode roles = operation.path("security").path(0).path("bearerAuth");
        boolean writer = roles.toString().contains("\"" + Roles.WRITER + "\"");
        boolean reader = roles.toString().contains("\"" + Roles.READER + "\"");
        if ((writer && !access.writesRequireToken()) || (reader && !access.readsRequireToken())) {
          ((ObjectNode) operation).set("security", JsonNodeFactory.instance.arrayNode());
        }
      }
    }
  }

  /**
   * Dates as written from a day after the earliest moment a reading may carry (1900, or the oldest
   * the store keeps) to two days before today: inside the server's bounds whatever the offset, and
   * still inside a day later, when the clock has moved on. A reading of the last two days is
   * accepted but not stated; a client sends those without {@code recorded_at}, or with it when it
   * knows the rule.
   */
  private void recordedAt(ObjectNode schema, LocalDate today) {
    LocalDate first = LocalDate.ofInstant(Reading.EARLIEST, ZoneOffset.UTC).plusDays(1);
    if (rules.retention().isPresent()) {
      Instant oldest =
          today
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant()
              .minus(rules.retention().get())
              .plus(rules.readings().maxFutureSkew());
      LocalDate kept = LocalDate.ofInstant(oldest, ZoneOffset.UTC).plusDays(RETENTION_MARGIN_DAYS);
      first = kept.isAfter(first) ? kept : first;
    }
    LocalDate last = today.minusDays(MARGIN_DAYS);
    ArrayNode type = JsonNodeFactory.instance.arrayNode();
    if (first.isAfter(last)) {
      // No date is safe to state: only null (the server's clock) is.
      schema.remove("pattern");
      schema.put("type", "null");
      return;
    }
    schema.set("type", type.add("string").add("null"));
    schema.put("pattern", TimePattern.between(first, last));
  }

  /** The document of {@code day} as YAML. */
  byte[] yaml(LocalDate day) {
    return write(YAML, stated(day));
  }

  /** The document of {@code day} as JSON. */
  byte[] json(LocalDate day) {
    return write(JSON, stated(day));
  }

  private static ObjectNode schema(ObjectNode schemas, String name) {
    JsonNode schema = schemas.path(name);
    if (!schema.isObject()) {
      throw new IllegalStateException("the API document has no schema " + name);
    }
    return (ObjectNode) schema;
  }

  private static byte[] write(ObjectMapper mapper, JsonNode document) {
    try {
      return mapper.writeValueAsBytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(byte[] yaml) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalStateException("the API document " + RESOURCE + " is not valid YAML", e);
    }
  }
}
