package dev.temperature.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueryPlanTest {
  private static final Instant FOREVER = Window.EARLIEST;

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static Window window(String from, String to) {
    return new Window(at(from), at(to));
  }

  @Test
  void aWindowWithoutAWholeHourIsItsReadings() {
    QueryPlan plan =
        QueryPlan.of(window("2024-03-10T10:15:00Z", "2024-03-10T11:14:59.999Z"), FOREVER);

    assertThat(plan.spans())
        .containsExactly(Span.raw(at("2024-03-10T10:15:00Z"), at("2024-03-10T11:15:00Z")));
    assertThat(plan.resolution()).isEqualTo(Resolution.RAW);
    assertThat(plan.isRawOnly()).isTrue();
  }

  @Test
  void anHourFromItsStartToItsLastMillisecondIsOneHourlySpan() {
    QueryPlan plan =
        QueryPlan.of(window("2024-03-10T10:00:00Z", "2024-03-10T10:59:59.999Z"), FOREVER);

    assertThat(plan.spans())
        .containsExactly(Span.hours(at("2024-03-10T10:00:00Z"), at("2024-03-10T11:00:00Z")));
    assertThat(plan.isRawOnly()).isFalse();
  }

  @Test
  void aWindowEndingOnTheHourReadsThatMomentRaw() {
    QueryPlan plan = QueryPlan.of(window("2024-03-10T10:00:00Z", "2024-03-10T11:00:00Z"), FOREVER);

    assertThat(plan.spans())
        .containsExactly(
            Span.hours(at("2024-03-10T10:00:00Z"), at("2024-03-10T11:00:00Z")),
            Span.raw(at("2024-03-10T11:00:00Z"), at("2024-03-10T11:00:00.001Z")));
  }

  @Test
  void aLongWindowIsRawEdgesHoursAroundWholeUtcDays() {
    QueryPlan plan =
        QueryPlan.of(window("2024-03-10T10:17:30.500Z", "2024-03-14T05:42:00Z"), FOREVER);

    assertThat(plan.spans())
        .containsExactly(
            Span.raw(at("2024-03-10T10:17:30.500Z"), at("2024-03-10T11:00:00Z")),
            Span.hours(at("2024-03-10T11:00:00Z"), at("2024-03-11T00:00:00Z")),
            Span.days(at("2024-03-11T00:00:00Z"), at("2024-03-14T00:00:00Z")),
            Span.hours(at("2024-03-14T00:00:00Z"), at("2024-03-14T05:00:00Z")),
            Span.raw(at("2024-03-14T05:00:00Z"), at("2024-03-14T05:42:00.001Z")));
    assertThat(plan.resolution()).isEqualTo(Resolution.RAW);
  }

  @Test
  void wholeDaysNeedNoHours() {
    QueryPlan plan =
        QueryPlan.of(window("2024-03-10T00:00:00Z", "2024-03-11T23:59:59.999Z"), FOREVER);

    assertThat(plan.spans())
        .containsExactly(Span.days(at("2024-03-10T00:00:00Z"), at("2024-03-12T00:00:00Z")));
  }

  @Test
  void hoursWithinOneDayStayHours() {
    QueryPlan plan =
        QueryPlan.of(window("2024-03-10T01:00:00Z", "2024-03-10T22:59:59.999Z"), FOREVER);

    assertThat(plan.spans())
        .containsExactly(Span.hours(at("2024-03-10T01:00:00Z"), at("2024-03-10T23:00:00Z")));
  }

  @Test
  void whereReadingsAreGoneHoursCountWhereTheyStartAndTheAnswerSaysHour() {
    Instant rawFrom = at("2024-03-20T00:00:00Z");
    QueryPlan plan = QueryPlan.of(window("2024-03-10T10:17:00Z", "2024-03-25T05:42:00Z"), rawFrom);

    assertThat(plan.resolution()).isEqualTo(Resolution.HOUR);
    assertThat(plan.spans())
        .containsExactly(
            Span.hours(at("2024-03-10T11:00:00Z"), at("2024-03-11T00:00:00Z")),
            Span.days(at("2024-03-11T00:00:00Z"), at("2024-03-25T00:00:00Z")),
            Span.hours(at("2024-03-25T00:00:00Z"), at("2024-03-25T05:00:00Z")),
            Span.raw(at("2024-03-25T05:00:00Z"), at("2024-03-25T05:42:00.001Z")));
    assertThat(plan.isRawOnly()).isFalse();
  }

  @Test
  void aWindowWhollyPastRetentionIsItsHoursAlone() {
    Instant rawFrom = at("2024-04-01T00:00:00Z");
    QueryPlan plan = QueryPlan.of(window("2024-03-10T10:00:00Z", "2024-03-10T12:30:00Z"), rawFrom);

    assertThat(plan.spans())
        .containsExactly(Span.hours(at("2024-03-10T10:00:00Z"), at("2024-03-10T13:00:00Z")));
    assertThat(plan.resolution()).isEqualTo(Resolution.HOUR);
  }

  @Test
  void aShortWindowJustBeforeTheRetentionEdgeHasNothingToReadAndSaysHour() {
    Instant rawFrom = at("2024-03-10T11:00:00Z");
    QueryPlan plan = QueryPlan.of(window("2024-03-10T10:15:00Z", "2024-03-10T10:45:00Z"), rawFrom);

    assertThat(plan.spans()).isEmpty();
    assertThat(plan.resolution()).isEqualTo(Resolution.HOUR);
    assertThat(plan.isRawOnly()).isFalse();
  }

  @Test
  void aWindowStartingAtTheRetentionEdgeIsExact() {
    Instant rawFrom = at("2024-03-10T11:00:00Z");
    QueryPlan plan = QueryPlan.of(window("2024-03-10T11:00:00Z", "2024-03-10T11:30:00Z"), rawFrom);

    assertThat(plan.resolution()).isEqualTo(Resolution.RAW);
    assertThat(plan.isRawOnly()).isTrue();
  }

  @Test
  void aWindowStraddlingTheEdgeReadsRawOnlyAfterIt() {
    Instant rawFrom = at("2024-03-10T11:00:00Z");
    QueryPlan plan = QueryPlan.of(window("2024-03-10T10:15:00Z", "2024-03-10T11:30:00Z"), rawFrom);

    assertThat(plan.spans())
        .containsExactly(Span.raw(at("2024-03-10T11:00:00Z"), at("2024-03-10T11:30:00.001Z")));
    assertThat(plan.resolution()).isEqualTo(Resolution.HOUR);
  }

  @Test
  void anEmptyStretchHasNoSpans() {
    Instant moment = at("2024-03-10T11:00:00Z");

    assertThat(QueryPlan.of(moment, moment, FOREVER).spans()).isEmpty();
    assertThat(QueryPlan.of(moment, moment.minusMillis(1), FOREVER).resolution())
        .isEqualTo(Resolution.RAW);
  }

  @Test
  void readingsAreKeptFromAnHourStartOnly() {
    assertThatThrownBy(
            () ->
                QueryPlan.of(
                    window("2024-03-10T10:00:00Z", "2024-03-10T12:00:00Z"),
                    at("2024-03-10T10:30:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hour start");
  }

  @Test
  void withReadingsKeptTheSpansCoverTheWindowExactlyInOrder() {
    Random random = new Random(19);
    for (int i = 0; i < 2000; i++) {
      long from = 1_700_000_000_000L + random.nextLong(400L * 86_400_000);
      long to = from + random.nextLong(i % 2 == 0 ? 7_200_000 : 40L * 86_400_000);
      Window window = new Window(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));

      List<Span> spans = QueryPlan.of(window, FOREVER).spans();

      assertThat(spans.get(0).from()).isEqualTo(window.from());
      assertThat(spans.get(spans.size() - 1).to()).isEqualTo(window.to().plusMillis(1));
      for (int s = 1; s < spans.size(); s++) {
        assertThat(spans.get(s).from()).isEqualTo(spans.get(s - 1).to());
        assertThat(spans.get(s).resolution()).isNotEqualTo(spans.get(s - 1).resolution());
      }
      assertThat(spans).hasSizeLessThanOrEqualTo(5);
    }
  }

  @Test
  void pastTheRetentionNoSpanReadsReadingsBeforeTheEdge() {
    Random random = new Random(20);
    Instant rawFrom = at("2024-03-20T00:00:00Z");
    for (int i = 0; i < 1000; i++) {
      long from = rawFrom.toEpochMilli() - random.nextLong(30L * 86_400_000);
      long to = from + random.nextLong(40L * 86_400_000);
      QueryPlan plan =
          QueryPlan.of(new Window(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)), rawFrom);

      assertThat(plan.resolution()).isEqualTo(Resolution.HOUR);
      assertThat(plan.spans())
          .filteredOn(span -> span.resolution() == Resolution.RAW)
          .allSatisfy(span -> assertThat(span.from()).isAfterOrEqualTo(rawFrom));
      assertThat(plan.spans())
          .allSatisfy(span -> assertThat(span.from()).isAfterOrEqualTo(Instant.ofEpochMilli(from)));
    }
  }

  @Test
  void aPlansSpansAreCopied() {
    List<Span> spans = new java.util.ArrayList<>();
    spans.add(Span.raw(at("2024-03-10T10:00:00Z"), at("2024-03-10T10:01:00Z")));
    QueryPlan plan = new QueryPlan(spans, Resolution.RAW);
    spans.clear();

    assertThat(plan.spans()).hasSize(1);
    assertThatThrownBy(() -> new QueryPlan(List.of(), null))
        .isInstanceOf(NullPointerException.class);
    assertThat(Duration.between(plan.spans().get(0).from(), plan.spans().get(0).to()))
        .isEqualTo(Duration.ofMinutes(1));
  }
}
