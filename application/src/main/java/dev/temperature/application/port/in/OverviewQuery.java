package dev.temperature.application.port.in;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Lookback;
import dev.temperature.domain.Period;
import dev.temperature.domain.RoomId;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a building's overview: the period the averages cover, the rooms after {@code after}
 * (the cursor of the previous page), at most {@code limit} of them.
 */
public record OverviewQuery(BuildingId building, Period period, Optional<RoomId> after, int limit) {
  /** What the averages cover when the client names no period: the last 15 minutes. */
  public static final Lookback DEFAULT_PERIOD = Lookback.parse("15m");

  public OverviewQuery {
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("a page holds at least one room, asked " + limit);
    }
  }
}
