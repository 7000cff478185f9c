package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Statistics, series, explicit windows, listings with cursors, and the room directory. */
@ExtendWith(DropwizardExtensionsSupport.class)
class QueryEndpointsTest {
  static final InMemoryReadingStore STORE = new InMemoryReadingStore();
  static final ResourceExtension API = TestApi.open(STORE);
  static final String ROOM = "/api/v1/buildings/hq/rooms/lab/temperatures";
  static final Instant NOW = TestApi.NOW;

  @BeforeAll
  static void readings() {
    List<Reading> readings = new ArrayList<>();
    // 16:00-16:59 every 10 minutes: 20, 21, ..., 25; one at 14:30: 10.
    for (int i = 0; i < 6; i++) {
      readings.add(
          reading(
              "hq", "lab", 20 + i, Instant.parse("2024-12-10T16:00:00Z").plusSeconds(600L * i)));
    }
    readings.add(reading("hq", "lab", 10, Instant.parse("2024-12-10T14:30:00Z")));
    readings.add(reading("hq", "office", 18, NOW.minusSeconds(60)));
    readings.add(reading("annex", "hall", 15, NOW.minusSeconds(60)));
    STORE.append(readings);
  }

  @Test
  void statsHaveCountAverageMinAndMax() {
    JsonNode stats = get(ROOM + "/stats?duration=1h");

    assertThat(stats.get("count").asLong()).isEqualTo(6);
    assertThat(stats.get("average").asDouble()).isEqualTo(22.5);
    assertThat(stats.get("min").asDouble()).isEqualTo(20.0);
    assertThat(stats.get("max").asDouble()).isEqualTo(25.0);
    assertThat(stats.get("duration").asText()).isEqualTo("1h");
  }

  @Test
  void statsOfAnEmptyWindowAreNullWithCountZero() {
    JsonNode stats = get("/api/v1/buildings/hq/rooms/none/temperatures/stats?duration=1h");

    assertThat(stats.get("count").asLong()).isZero();
    assertThat(stats.get("average").isNull()).isTrue();
    assertThat(stats.get("min").isNull()).isTrue();
    assertThat(stats.get("max").isNull()).isTrue();
  }

  @Test
  void fromAndToReplaceDuration() {
    JsonNode average = get(ROOM + "/average?from=2024-12-10T14:00:00Z&to=2024-12-10T15:00:00");

    assertThat(average.get("count").asLong()).isEqualTo(1);
    assertThat(average.get("average").asDouble()).isEqualTo(10.0);
    assertThat(average.get("from").asText()).isEqualTo("2024-12-10T14:00:00Z");
    assertThat(average.get("to").asText()).isEqualTo("2024-12-10T15:00:00Z");
    assertThat(average.get("duration").isNull()).isTrue();
  }

  @Test
  void durationAndFromTogetherAreRefused() {
    Response response =
        API.target(ROOM + "/average")
            .queryParam("duration", "1h")
            .queryParam("from", "2024-12-10T14:00:00Z")
            .queryParam("to", "2024-12-10T15:00:00Z")
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(Http.json(response).get("detail").asText()).contains("not both");
  }

  @Test
  void fromWithoutToIsRefused() {
    Response response =
        API.target(ROOM + "/stats").queryParam("from", "2024-12-10T14:00:00Z").request().get();

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(Http.json(response).get("errors").get(0).get("field").asText()).isEqualTo("to");
  }

  @Test
  void aSeriesHasOneBucketPerIntervalEmptyOnesIncluded() {
    JsonNode series =
        get(ROOM + "/series?from=2024-12-10T14:00:00Z&to=2024-12-10T16:59:59Z&interval=1h");

    JsonNode buckets = series.get("buckets");
    assertThat(buckets).hasSize(3);
    assertThat(buckets.get(0).get("start").asText()).isEqualTo("2024-12-10T14:00:00Z");
    assertThat(buckets.get(0).get("count").asLong()).isEqualTo(1);
    assertThat(buckets.get(1).get("count").asLong()).isZero();
    assertThat(buckets.get(1).get("average").isNull()).isTrue();
    assertThat(buckets.get(2).get("average").asDouble()).isEqualTo(22.5);
    assertThat(buckets.get(2).get("min").asDouble()).isEqualTo(20.0);
    assertThat(series.get("interval").asText()).isEqualTo("1h");
  }

  @ParameterizedTest
  @CsvSource({
    "367d, longer than the maximum of 366d",
    "106751991167w, longer than the maximum of 366d" // overflows a long in milliseconds
  })
  void aSeriesWithTooWideBucketsIsA400NamingTheInterval(String interval, String why) {
    Response response =
        API.target(ROOM + "/series")
            .queryParam("duration", "1d")
            .queryParam("interval", interval)
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(400);
    JsonNode problem = Http.json(response);
    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("interval");
    assertThat(problem.get("detail").asText()).contains(why);
  }

  @Test
  void aSeriesOfMoreBucketsThanAPageHoldsLinksTheRestOfItsWindow() {
    // The test API answers at most 100 buckets: 16:00-17:59 in minutes is 120.
    Response response =
        API.target(ROOM + "/series")
            .queryParam("from", "2024-12-10T16:00:00Z")
            .queryParam("to", "2024-12-10T17:59:59Z")
            .queryParam("interval", "1m")
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode first = Http.json(response);
    assertThat(first.get("buckets")).hasSize(100);
    assertThat(first.get("to").asText()).isEqualTo("2024-12-10T17:39:59.999Z");
    String next = first.get("next").asText();
    assertThat(next)
        .startsWith(ROOM + "/series?")
        .contains("interval=1m", "from=2024-12-10T17%3A40%3A00Z", "to=2024-12-10T17%3A59%3A59Z");
    assertThat(response.getHeaderString("Link")).isEqualTo("<" + next + ">; rel=\"next\"");

    JsonNode rest = get(URLDecoder.decode(next, StandardCharsets.UTF_8));
    assertThat(rest.get("buckets")).hasSize(20);
    assertThat(rest.get("buckets").get(0).get("start").asText()).isEqualTo("2024-12-10T17:40:00Z");
    assertThat(rest.get("next").isNull()).isTrue();
  }

  @Test
  void aLookbackSeriesLinksTheRestAsTheWindowItResolved() {
    JsonNode first = get(ROOM + "/series?duration=2h&interval=1m");

    assertThat(first.get("buckets")).hasSize(100);
    assertThat(first.get("next").asText())
        .doesNotContain("duration=")
        .contains("to=" + NOW.toString().replace(":", "%3A"));
  }

  @Test
  void windowEndsBeyondWhatStoragesCanHoldAreMovedToTheEdges() {
    JsonNode early = get(ROOM + "/average?from=1000-01-01T00:00:00Z&to=2024-12-10T15:00:00Z");
    JsonNode late = get(ROOM + "/stats?from=2024-12-10T14:00:00Z&to=9999-01-01T00:00:00Z");

    assertThat(early.get("from").asText()).isEqualTo("1900-01-01T00:00:00Z");
    assertThat(early.get("count").asLong()).isEqualTo(1);
    assertThat(late.get("to").asText()).isEqualTo("2200-01-01T00:00:00Z");
    assertThat(late.get("count").asLong()).isEqualTo(7);
  }

  @Test
  void endsGivenTheOtherWayRoundAskTheSameWindow() {
    JsonNode swapped = get(ROOM + "/average?from=2024-12-10T15:00:00Z&to=2024-12-10T14:00:00Z");

    assertThat(swapped.get("from").asText()).isEqualTo("2024-12-10T14:00:00Z");
    assertThat(swapped.get("to").asText()).isEqualTo("2024-12-10T15:00:00Z");
    assertThat(swapped.get("count").asLong()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({
    "+100000-01-01T00:00:00Z",
    "2024-12-10T14:00:00+01",
    "2024-12-10T14:00:00.",
    "2024-02-30T14:00:00Z",
    "2023-02-29T14:00:00Z",
    "2024-12-10 14:00:00Z",
    "' 2024-12-10T14:00:00Z'"
  })
  void aTimeOutsideTheDocumentedGrammarIsA400NamingIt(String time) {
    Response response =
        API.target(ROOM + "/average")
            .queryParam("from", time)
            .queryParam("to", "2024-12-10T15:00:00Z")
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(Http.json(response).get("errors").get(0).get("field").asText()).isEqualTo("from");
  }

  @Test
  void aQueryParameterTheOperationDoesNotTakeIsA400NamingIt() {
    Response misspelt = target(ROOM + "/average?durration=15m&duration=15m").request().get();
    Response listing = target(ROOM + "?interval=1h").request().get();

    assertThat(misspelt.getStatus()).isEqualTo(400);
    JsonNode error = Http.json(misspelt).get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("durration");
    assertThat(error.get("message").asText()).contains("duration, from, to");
    assertThat(listing.getStatus()).isEqualTo(400);
    assertThat(target(ROOM + "?cursor=&=null").request().get().getStatus()).isEqualTo(400);
    assertThat(get(ROOM + "?duration=1h&limit=5&cursor=").get("readings")).isNotEmpty();
  }

  @Test
  void aQueryParameterGivenTwiceIsA400NamingItEvenWhenTheFirstIsEmpty() {
    Response twice = target(ROOM + "?limit=&limit=junk&duration=1h").request().get();
    Response twiceOnAverage = target(ROOM + "/average?duration=15m&duration=1h").request().get();

    assertThat(twice.getStatus()).isEqualTo(400);
    JsonNode error = Http.json(twice).get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("limit");
    assertThat(error.get("message").asText()).contains("2 times");
    assertThat(twiceOnAverage.getStatus()).isEqualTo(400);
    assertThat(Http.json(twiceOnAverage).get("errors").get(0).get("field").asText())
        .isEqualTo("duration");
  }

  @Test
  void aDailySeriesInAZoneStartsAtItsLocalMidnightAndSaysWhichZone() {
    JsonNode series =
        get(
            ROOM
                + "/series?from=2024-12-10T00:00:00Z&to=2024-12-10T23:59:59Z&interval=1d"
                + "&tz=Asia/Kolkata");

    assertThat(series.get("tz").asText()).isEqualTo("Asia/Kolkata");
    assertThat(series.get("resolution").asText()).isEqualTo("raw");
    JsonNode buckets = series.get("buckets");
    assertThat(buckets).hasSize(2);
    // The readings of 14:30 to 16:50 UTC are of the evening of 10 December in Kolkata.
    assertThat(buckets.get(0).get("start").asText()).isEqualTo("2024-12-09T18:30:00Z");
    assertThat(buckets.get(0).get("count").asLong()).isEqualTo(7);
    assertThat(buckets.get(1).get("start").asText()).isEqualTo("2024-12-10T18:30:00Z");
    assertThat(buckets.get(1).get("count").asLong()).isZero();
    JsonNode utc =
        get(ROOM + "/series?from=2024-12-10T00:00:00Z&to=2024-12-10T23:59:59Z&interval=1d");
    assertThat(utc.get("tz").asText()).isEqualTo("UTC");
    assertThat(utc.get("buckets").get(0).get("count").asLong()).isEqualTo(7);
  }

  @Test
  void monthsAndWeeksAreCalendarUnits() {
    JsonNode month =
        get(ROOM + "/series?from=2024-12-01T00:00:00Z&to=2024-12-31T00:00:00Z&interval=1M");
    JsonNode week =
        get(ROOM + "/series?from=2024-12-01T00:00:00Z&to=2024-12-31T00:00:00Z&interval=1w");

    assertThat(month.get("buckets")).hasSize(1);
    assertThat(month.get("buckets").get(0).get("count").asLong()).isEqualTo(7);
    assertThat(week.get("buckets").get(0).get("start").asText()).isEqualTo("2024-11-25T00:00:00Z");
    assertThat(week.get("buckets")).hasSize(6);
  }

  @Test
  void aCalendarSeriesOfMoreDaysThanAPageHoldsLinksTheRestFromALocalMidnight() {
    // The test API answers at most 100 buckets; 2024-03-31 in Zurich has 23 hours.
    Response response =
        API.target(ROOM + "/series")
            .queryParam("from", "2024-01-01T00:00:00Z")
            .queryParam("to", "2024-12-10T23:59:59Z")
            .queryParam("interval", "1d")
            .queryParam("tz", "Europe/Zurich")
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode first = Http.json(response);
    assertThat(first.get("buckets")).hasSize(100);
    // 31 March has 23 hours: it starts at 23:00 UTC the day before, 1 April at 22:00 UTC.
    assertThat(first.get("buckets").get(90).get("start").asText())
        .isEqualTo("2024-03-30T23:00:00Z");
    assertThat(first.get("buckets").get(91).get("start").asText())
        .isEqualTo("2024-03-31T22:00:00Z");
    assertThat(first.get("to").asText()).isEqualTo("2024-04-09T21:59:59.999Z");
    String next = URLDecoder.decode(first.get("next").asText(), StandardCharsets.UTF_8);
    assertThat(next).contains("interval=1d", "tz=Europe/Zurich", "from=2024-04-09T22:00:00Z");

    JsonNode second = get(next);
    assertThat(second.get("tz").asText()).isEqualTo("Europe/Zurich");
    assertThat(second.get("buckets").get(0).get("start").asText())
        .isEqualTo("2024-04-09T22:00:00Z");
    assertThat(second.get("buckets")).hasSize(100);
  }

  @Test
  void anUnknownTimeZoneIsA400NamingIt() {
    Response response =
        API.target(ROOM + "/series")
            .queryParam("duration", "1d")
            .queryParam("interval", "1d")
            .queryParam("tz", "Europe/Zurch")
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(400);
    JsonNode error = Http.json(response).get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("tz");
    assertThat(error.get("message").asText()).contains("Europe/Zurch");
  }

  @Test
  void everyAnswerNamesItsResolution() {
    assertThat(get(ROOM + "/average?duration=2d").get("resolution").asText()).isEqualTo("raw");
    assertThat(get(ROOM + "/stats?duration=2d").get("resolution").asText()).isEqualTo("raw");
    assertThat(get("/api/v1/buildings/hq/overview?duration=2d").get("resolution").asText())
        .isEqualTo("raw");
  }

  @Test
  void aSeriesWithoutIntervalIsA400() {
    Response response = API.target(ROOM + "/series").queryParam("duration", "1d").request().get();

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(Http.json(response).get("errors").get(0).get("field").asText())
        .isEqualTo("interval");
  }

  @Test
  void listingsPageNewestFirstThroughTheNextLink() {
    List<String> seen = new ArrayList<>();
    String next = ROOM + "?limit=3";
    int pages = 0;
    while (next != null) {
      Response response = target(next).request().get();
      JsonNode page = Http.json(response);
      page.get("readings").forEach(r -> seen.add(r.get("recorded_at").asText()));
      next = page.get("next").isNull() ? null : page.get("next").asText();
      if (next != null) {
        assertThat(response.getHeaderString("Link")).isEqualTo("<" + next + ">; rel=\"next\"");
        assertThat(next).contains("limit=3").contains("cursor=");
      }
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(seen)
        .hasSize(7)
        .doesNotHaveDuplicates()
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void theNextLinkOfALookbackListingFixesTheWindowItCovered() {
    Response first = target(ROOM + "?duration=2h&limit=4").request().get();
    JsonNode page = Http.json(first);
    String next = page.get("next").asText();

    assertThat(page.get("readings")).hasSize(4);
    // Asked again later, "the last 2 hours" would have moved; the link keeps 15:00 to 17:00.
    assertThat(URLDecoder.decode(next, StandardCharsets.UTF_8))
        .doesNotContain("duration=")
        .contains("from=2024-12-10T15:00:00Z")
        .contains("to=2024-12-10T17:00:00Z");
    JsonNode second = get(next);
    assertThat(second.get("readings"))
        .extracting(r -> r.get("recorded_at").asText())
        .containsExactly("2024-12-10T16:10:00Z", "2024-12-10T16:00:00Z");
    assertThat(second.get("next").isNull()).isTrue();
  }

  @Test
  void listingLimitsAndCursorsAreChecked() {
    assertThat(API.target(ROOM).queryParam("limit", "0").request().get().getStatus())
        .isEqualTo(400);
    Response tooMany = API.target(ROOM).queryParam("limit", "51").request().get();
    assertThat(tooMany.getStatus()).isEqualTo(400);
    JsonNode tooManyProblem = Http.json(tooMany);
    assertThat(tooManyProblem.get("errors").get(0).get("field").asText()).isEqualTo("limit");
    assertThat(tooManyProblem.get("detail").asText()).contains("between 1 and 50");
    assertThat(API.target(ROOM).queryParam("limit", "ten").request().get().getStatus())
        .isEqualTo(400);
    Response badCursor = API.target(ROOM).queryParam("cursor", "not-a-cursor").request().get();
    assertThat(badCursor.getStatus()).isEqualTo(400);
    assertThat(Http.json(badCursor).get("errors").get(0).get("field").asText()).isEqualTo("cursor");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"average", "stats", "series"})
  void anEmptyParameterCountsAsAbsent(String question) {
    String interval = question.equals("series") ? "&interval=1h" : "";
    JsonNode answer = get(ROOM + "/" + question + "?duration=1h&from=&to=" + interval);

    assertThat(answer.get("duration").asText()).isEqualTo("1h");
    assertThat(answer.get("from").asText()).isEqualTo("2024-12-10T16:00:00Z");
  }

  @Test
  void anEmptyDurationWithEmptyFromAndToIsAMissingPeriod() {
    Response response = target(ROOM + "/average?duration=&from=&to=").request().get();

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(Http.json(response).get("errors").get(0).get("message").asText())
        .contains("duration is required");
  }

  @Test
  void aListingWithEveryParameterEmptyIsTheFirstPageOfAllReadings() {
    JsonNode page = get(ROOM + "?duration=&from=&to=&limit=&cursor=");

    assertThat(page.get("readings")).hasSize(7);
    assertThat(page.get("next").isNull()).isTrue();
  }

  @Test
  void aListingAskedWithDurationAndEmptyFromAndToLinksToTheWindowItCovered() {
    JsonNode page = get(ROOM + "?duration=1h&from=&to=&limit=2");

    assertThat(page.get("readings")).hasSize(2);
    String next = page.get("next").asText();
    assertThat(next).contains("from=2024-12-10T16").doesNotContain("duration");
    assertThat(get(next).get("readings")).hasSize(2);
  }

  @Test
  void buildingsAndRoomsWithReadingsAreListed() {
    assertThat(get("/api/v1/buildings").get("buildings"))
        .extracting(JsonNode::asText)
        .containsExactly("annex", "hq");
    assertThat(get("/api/v1/buildings/hq/rooms").get("rooms"))
        .extracting(JsonNode::asText)
        .containsExactly("lab", "office");
    assertThat(API.target("/api/v1/buildings/-bad/rooms").request().get().getStatus())
        .isEqualTo(400);
  }

  private static JsonNode get(String pathAndQuery) {
    return Http.ok(API, pathAndQuery);
  }

  private static WebTarget target(String pathAndQuery) {
    return Http.target(API, pathAndQuery);
  }

  private static Reading reading(String building, String room, double celsius, Instant at) {
    return new Reading(
        new BuildingId(building), new RoomId(room), Temperature.celsius(celsius), at);
  }
}
