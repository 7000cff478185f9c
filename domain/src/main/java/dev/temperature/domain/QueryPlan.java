package dev.temperature.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which part of a stretch of time is read from which resolution, so that long windows cost a few
 * hundred rollup rows instead of every reading, and the answer stays the one the readings give.
 *
 * <p>Where readings are kept ({@code from >= rawFrom}): raw readings at the edges up to the first
 * whole hour, hourly rollups for the whole hours, daily rollups for the whole UTC days among them.
 * A whole hour's rollup holds exactly that hour's readings (the stores keep it so on every write,
 * late and corrected ones included), so the answer is the readings' own: {@link Resolution#RAW}.
 *
 * <p>Before {@code rawFrom} readings may already be gone (retention), so that part is read from the
 * rollups only, and an hour counts wholly where its start falls: the answer is then {@link
 * Resolution#HOUR}, and says so.
 *
 * @param spans the stretches to read, in time order, none overlapping
 * @param resolution how fine the answer is
 */
public record QueryPlan(List<Span> spans, Resolution resolution) {
  public QueryPlan {
    spans = List.copyOf(spans);
    Objects.requireNonNull(resolution, "resolution");
  }

  /**
   * The plan for a window, both ends included.
   *
   * @param rawFrom the earliest moment from which every reading is still kept: an hour start, or
   *     {@link Window#EARLIEST} when readings are kept forever
   */
  public static QueryPlan of(Window window, Instant rawFrom) {
    return of(window.from(), window.to().plusMillis(1), rawFrom);
  }

  /** The plan for {@code [from, to)}; see {@link #of(Window, Instant)}. */
  public static QueryPlan of(Instant from, Instant to, Instant rawFrom) {
    if (!Resolution.HOUR.isAligned(rawFrom)) {
      throw new IllegalArgumentException("readings are kept from an hour start, not " + rawFrom);
    }
    List<Span> spans = new ArrayList<>();
    if (!from.isBefore(to)) {
      return new QueryPlan(spans, Resolution.RAW);
    }
    Instant firstHour = Resolution.HOUR.ceil(from);
    if (!from.isBefore(rawFrom)) {
      Instant lastHour = Resolution.HOUR.floor(to);
      if (!firstHour.isBefore(lastHour)) {
        spans.add(Span.raw(from, to));
        return new QueryPlan(spans, Resolution.RAW);
      }
      addRaw(spans, from, firstHour);
      addHoursAndDays(spans, firstHour, lastHour);
      addRaw(spans, lastHour, to);
      return new QueryPlan(spans, Resolution.RAW);
    }
    if (!to.isAfter(rawFrom)) {
      addHoursAndDays(spans, firstHour, Resolution.HOUR.ceil(to));
      return new QueryPlan(spans, Resolution.HOUR);
    }
    Instant lastHour = Resolution.HOUR.floor(to);
    addHoursAndDays(spans, firstHour, lastHour);
    addRaw(spans, lastHour, to);
    return new QueryPlan(spans, Resolution.HOUR);
  }

  /**
   * Whether the plan is just the readings of the stretch itself: no whole hour in it, readings
   * kept. The stores' plain queries answer that best.
   */
  public boolean isRawOnly() {
    return resolution == Resolution.RAW
        && spans.stream().allMatch(span -> span.resolution() == Resolution.RAW);
  }

  private static void addRaw(List<Span> spans, Instant from, Instant to) {
    if (from.isBefore(to)) {
      spans.add(Span.raw(from, to));
    }
  }

  /** Whole hours {@code [from, to)}: the whole UTC days among them from the daily rollups. */
  private static void addHoursAndDays(List<Span> spans, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      return;
    }
    Instant firstDay = Resolution.DAY.ceil(from);
    Instant lastDay = Resolution.DAY.floor(to);
    if (!firstDay.isBefore(lastDay)) {
      spans.add(Span.hours(from, to));
      return;
    }
    if (from.isBefore(firstDay)) {
      spans.add(Span.hours(from, firstDay));
    }
    spans.add(Span.days(firstDay, lastDay));
    if (lastDay.isBefore(to)) {
      spans.add(Span.hours(lastDay, to));
    }
  }
}
