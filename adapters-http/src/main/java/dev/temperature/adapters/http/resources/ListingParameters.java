package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.codec.Cursor;
import dev.temperature.adapters.http.problem.InvalidParameterException;
import dev.temperature.application.port.in.ReadingsQuery;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Period;
import dev.temperature.domain.RoomId;
import java.time.Instant;
import java.util.Optional;

/**
 * What a reading listing asks: the room, an optional period ({@code duration} or {@code from} and
 * {@code to}), the page size and the cursor of the previous page. An empty parameter counts as
 * absent ({@link QueryText}).
 */
record ListingParameters(RoomPeriodParameters room, String limit, String cursor) {
  static final int DEFAULT_PAGE_SIZE = 100;

  /** The query these parameters ask; a 400 naming every problem when they are bad. */
  ReadingsQuery query(int maxPageSize) {
    Violations violations = new Violations();
    BuildingId building = room.building(violations);
    RoomId roomId = room.room(violations);
    Optional<Period> period = room.optionalPeriod(violations);
    Integer size = violations.query("limit", () -> pageSize(limit, maxPageSize));
    String after = QueryText.given(cursor);
    Optional<Instant> before =
        after == null
            ? Optional.empty()
            : Optional.ofNullable(violations.query("cursor", () -> Cursor.decode(after)));
    violations.throwIfAny();
    return new ReadingsQuery(building, roomId, period, before, size);
  }

  /** Whether the period was asked as a lookback, which moves on as time passes. */
  boolean lookback() {
    return room.duration() != null;
  }

  /**
   * The page size a client asked for in {@code limit}, the default when it asked none. The
   * configuration keeps the maximum at or above the default; a test may set it lower.
   */
  static int pageSize(String limit, int maxPageSize) {
    if (QueryText.given(limit) == null) {
      return Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
    }
    int size;
    try {
      size = Integer.parseInt(limit.strip());
    } catch (NumberFormatException e) {
      throw new InvalidParameterException("limit must be a whole number, got '" + limit + "'");
    }
    if (size < 1 || size > maxPageSize) {
      throw new InvalidParameterException(
          "limit must be between 1 and " + maxPageSize + ", got " + size);
    }
    return size;
  }
}
