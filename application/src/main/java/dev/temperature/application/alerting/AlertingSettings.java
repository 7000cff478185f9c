package dev.temperature.application.alerting;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How alerts are evaluated and re-sent.
 *
 * @param interval how often the rules are evaluated; evaluations happen at whole multiples of it
 *     since the epoch, so that replicas judge the same windows
 * @param resendDelay how often a firing alert is sent again (Prometheus' {@code
 *     --rules.alert.resend-delay}); its {@code endsAt} lies 4 times {@code max(resendDelay,
 *     interval)} ahead, as Prometheus sets it, so Alertmanager resolves it by itself when no
 *     replica sends it any more
 * @param resolvedRetention how long a resolved alert is re-sent, in case a delivery was lost
 * @param restoreLookback how far back the first evaluation after a start replays the threshold
 *     rules to rebuild pending and firing alerts (at least each rule's {@code for})
 * @param restoreMaxSteps at most this many past moments are replayed, each costing one query per
 *     building and rule window
 * @param pageSize rooms asked for in one overview query: a building of fewer rooms costs one query
 *     per rule window, a larger one a query more for each further page
 * @param externalUrl where people reach the dashboard, for the links in annotations
 */
public record AlertingSettings(
    Duration interval,
    Duration resendDelay,
    Duration resolvedRetention,
    Duration restoreLookback,
    int restoreMaxSteps,
    int pageSize,
    String externalUrl) {
  /**
   * The page size the service runs with: a building's every room in one query. Not the GET limit
   * ({@code queries.maxPageSize}): that bounds what one request may ask of the database, while the
   * evaluation's cost is bounded by the rules, and paging a building of 1,000 rooms by 1,000 cost
   * an empty second query per rule window. A page of this many rooms holds a few MiB.
   */
  public static final int ROOMS_PER_QUERY = 100_000;

  public AlertingSettings {
    requirePositive("interval", interval);
    requirePositive("resendDelay", resendDelay);
    requirePositive("resolvedRetention", resolvedRetention);
    Objects.requireNonNull(restoreLookback, "restoreLookback");
    if (restoreLookback.isNegative()) {
      throw new IllegalArgumentException("restoreLookback must not be negative");
    }
    if (interval.toMillis() < 1 || interval.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("interval must be a whole number of milliseconds");
    }
    if (restoreMaxSteps < 0) {
      throw new IllegalArgumentException("restoreMaxSteps must not be negative");
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive");
    }
    Objects.requireNonNull(externalUrl, "externalUrl");
    externalUrl =
        externalUrl.endsWith("/")
            ? externalUrl.substring(0, externalUrl.length() - 1)
            : externalUrl;
  }

  private static void requirePositive(String name, Duration duration) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /** The evaluation moment for a tick at {@code now}: the last whole multiple of the interval. */
  public Instant align(Instant now) {
    long step = interval.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step);
  }

  /** How long a firing alert stays firing in Alertmanager without being sent again. */
  public Duration validFor() {
    Duration longer = resendDelay.compareTo(interval) >= 0 ? resendDelay : interval;
    return longer.multipliedBy(4);
  }

  /** The room's page on the dashboard. Ids are URL-safe by the domain's rule. */
  public String roomUrl(BuildingId building, RoomId room) {
    return externalUrl + "/dashboard#/buildings/" + building + "/rooms/" + room;
  }
}
