package dev.temperature.checks.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.auth.TokenHash;
import dev.temperature.bootstrap.RunningApi;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import io.dropwizard.testing.ConfigOverride;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard at {@code /dashboard} in a real headless Chromium against the real server, with
 * readings seeded a few minutes before now: the building list, a building's rooms with their
 * averages, a room's chart against the series endpoint, its refreshing, a phone-sized screen, and
 * the token paste when reads need one. Every page must print nothing to the console and request
 * nothing outside the server's origin. A screenshot of each page goes to {@link #SCREENSHOTS}, with
 * the test reports.
 */
@RequiresService(Service.CHROMIUM)
class DashboardBrowserTest {
  static final Path SCREENSHOTS = Path.of("target", "failsafe-reports", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String READER = "r".repeat(43);
  private static final String WRITER = "w".repeat(43);

  @TempDir static Path directory;
  static RunningApi api;
  static HeadlessChromium chromium;
  static ChromeDriver browser;
  static Instant now;

  @BeforeAll
  static void start() throws Exception {
    api = new RunningApi(directory.resolve("dashboard.db"));
    chromium = HeadlessChromium.start(directory.resolve("chromium-profile"), 1280, 1000);
    browser = chromium.browser;
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    seed(
        api,
        reading("north", "kitchen", 18.0, now.minus(Duration.ofMinutes(50))),
        reading("north", "kitchen", 20.0, now.minus(Duration.ofMinutes(10))),
        reading("north", "kitchen", 21.0, now.minus(Duration.ofMinutes(5))),
        reading("north", "kitchen", 22.5, now.minus(Duration.ofMinutes(1))),
        reading("north", "lab", 19.25, now.minus(Duration.ofMinutes(8))),
        reading("north", "lab", 19.75, now.minusSeconds(30)),
        reading("north", "attic", 12.0, now.minus(Duration.ofHours(2))),
        reading("south", "hall", 17.0, now.minusSeconds(90)));
    seed(api, office(now));
  }

  /** Two readings a minute for the last hour, so that the chart has a line and a band. */
  private static String[] office(Instant now) {
    String[] readings = new String[120];
    for (int i = 0; i < readings.length; i++) {
      double celsius = Math.round((21 + 1.5 * Math.sin(i / 12.0) + (i % 2) * 0.4) * 100) / 100.0;
      readings[i] = reading("north", "office", celsius, now.minusSeconds(30L * i + 5));
    }
    return readings;
  }

  @BeforeEach
  void defaultWindowSize() {
    browser.manage().window().setSize(new Dimension(1280, 1000));
  }

  /** Every test leaves the console empty and the origin unleft, whatever it checked. */
  @AfterEach
  void nothingPrintedAndNothingFetchedElsewhere() {
    String origin = api.uri("/").toString();
    assertThat(chromium.requestedUrls()).isNotEmpty().allMatch(url -> url.startsWith(origin));
    assertThat(chromium.consoleProblems()).isEmpty();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void theBuildingListLinksEveryBuilding() throws Exception {
    open(api, "/dashboard");

    List<WebElement> links = waitForAll("ul.buildings a");
    assertThat(links).extracting(WebElement::getText).containsExactly("north", "south");
    chromium.screenshot(SCREENSHOTS.resolve("dashboard-buildings.png"));

    links.get(0).click();
    waitForAll("table.rooms tr.room");
    assertThat(browser.getCurrentUrl()).endsWith("#/buildings/north");
  }

  @Test
  void theBuildingPageListsEveryRoomWithItsLatestReadingAndFifteenMinuteAverage() throws Exception {
    open(api, "/dashboard#/buildings/north");

    Map<String, WebElement> rooms = rooms();
    assertThat(rooms.keySet()).containsExactly("attic", "kitchen", "lab", "office");
    // kitchen: 20, 21 and 22.5 in the last 15 minutes; lab: 19.25 and 19.75; attic: none. The
    // readings lie minutes inside the window, so the order and speed of the tests cannot matter.
    assertThat(cell(rooms.get("kitchen"), "average").getAttribute("data-average"))
        .isEqualTo("21.167");
    assertThat(cell(rooms.get("kitchen"), "average").getText()).isEqualTo("21.2 °C");
    assertThat(cell(rooms.get("kitchen"), "latest").getText()).isEqualTo("22.5 °C");
    assertThat(cell(rooms.get("lab"), "average").getAttribute("data-average")).isEqualTo("19.5");
    assertThat(cell(rooms.get("lab"), "count").getText()).isEqualTo("2");
    assertThat(cell(rooms.get("attic"), "average").getAttribute("data-average")).isEqualTo("–");
    assertThat(cell(rooms.get("attic"), "latest").getText()).isEqualTo("12.0 °C");
    // Only the room that has not reported in the window stands out, in words as well as colour.
    assertThat(rooms.get("attic").getAttribute("class")).contains("stale");
    assertThat(rooms.get("attic").getText()).contains("2 h ago").contains("stale");
    assertThat(rooms.get("kitchen").getAttribute("class")).doesNotContain("stale");
    assertThat(rooms.get("kitchen").getText()).containsPattern("\\d+ min ago");
    chromium.screenshot(SCREENSHOTS.resolve("dashboard-building.png"));
  }

  @Test
  void theBuildingPageMarksTheRoomsWithFiringAlerts() throws Exception {
    Path rules = directory.resolve("alerts.yml");
    Files.writeString(
        rules,
        """
        groups:
          - name: dashboard
            rules:
              - alert: TooHot
                threshold: {building: west, window: 15m, above: 30}
        """);
    try (RunningApi alerting =
        new RunningApi(
            directory.resolve("alerting.db"),
            ConfigOverride.config("alerting.rules", rules.toString()),
            ConfigOverride.config("alerting.evaluationInterval", "200ms"))) {
      seed(
          alerting,
          reading("west", "boiler", 45.0, now.minus(Duration.ofMinutes(2))),
          reading("west", "office", 21.0, now.minus(Duration.ofMinutes(2))));
      long until = System.nanoTime() + WAIT.toNanos();
      while (RunningApi.json(alerting.get("/api/v1/alerts")).path("alerts").isEmpty()
          && System.nanoTime() < until) {
        Thread.sleep(100);
      }

      open(alerting, "/dashboard#/buildings/west");
      Map<String, WebElement> rooms = rooms();

      assertThat(rooms.get("boiler").getAttribute("class")).contains("firing");
      assertThat(rooms.get("boiler").getAttribute("data-alerts")).isEqualTo("TooHot");
      WebElement badge = rooms.get("boiler").findElement(By.cssSelector(".badge.alert"));
      assertThat(badge.getText()).isEqualTo("alert");
      assertThat(badge.getAttribute("title")).isEqualTo("Firing: TooHot");
      assertThat(rooms.get("office").getAttribute("class")).doesNotContain("firing");
      assertThat(rooms.get("office").findElements(By.cssSelector(".badge.alert"))).isEmpty();
      chromium.screenshot(SCREENSHOTS.resolve("dashboard-building-alerts.png"));
      assertThat(chromium.consoleProblems()).isEmpty();
      String origin = alerting.uri("/").toString();
      assertThat(chromium.requestedUrls()).allMatch(url -> url.startsWith(origin));
    }
    // The checks after each test are about the open server.
    open(api, "/dashboard");
    waitForAll("ul.buildings a");
  }

  @Test
  void theRoomChartDrawsThePointsOfTheSeriesEndpoint() throws Exception {
    open(api, "/dashboard#/buildings/north/rooms/office");

    List<WebElement> points = waitForAll("svg.chart circle.point");
    WebElement chart = browser.findElement(By.cssSelector("svg.chart"));
    JsonNode series =
        RunningApi.json(
            api.get(
                "/api/v1/buildings/north/rooms/office/temperatures/series?interval=1m&from="
                    + encode(chart.getAttribute("data-from"))
                    + "&to="
                    + encode(chart.getAttribute("data-to"))));
    Map<String, Double> expected = new TreeMap<>();
    series
        .path("buckets")
        .forEach(
            bucket -> {
              if (bucket.path("count").asLong() > 0) {
                expected.put(bucket.path("start").asText(), bucket.path("average").asDouble());
              }
            });
    Map<String, Double> drawn =
        points.stream()
            .collect(
                Collectors.toMap(
                    point -> point.getAttribute("data-start"),
                    point -> Double.parseDouble(point.getAttribute("data-average")),
                    (a, b) -> a,
                    TreeMap::new));

    assertThat(expected).hasSizeGreaterThanOrEqualTo(50);
    assertThat(drawn).isEqualTo(expected);
    assertThat(browser.findElements(By.cssSelector("svg.chart polygon.band"))).isNotEmpty();
    assertThat(chart.getAttribute("aria-label"))
        .startsWith("Average temperature per 1 minute over the last 1 hour, from ");
    assertThat(browser.findElements(By.cssSelector("details.numbers tbody tr")))
        .hasSize(expected.size());
    assertThat(browser.findElement(By.cssSelector("p.latest")).getText())
        .matches("Now: 21\\.0 °C, reported \\d+ (s|min) ago");
    chromium.screenshot(SCREENSHOTS.resolve("dashboard-room.png"));

    browser.findElement(By.linkText("7 days")).click();
    new WebDriverWait(browser, WAIT)
        .until(page -> page.findElement(By.cssSelector("svg.chart")).getAttribute("aria-label"))
        .contains("per 1 hour over the last 7 days");
    assertThat(browser.findElement(By.cssSelector(".ranges [aria-current]")).getText())
        .isEqualTo("7 days");
  }

  @Test
  void theRoomPageRefreshesOnItsOwn() throws Exception {
    open(api, "/dashboard?refresh=5#/buildings/south/rooms/hall");
    new WebDriverWait(browser, WAIT)
        .until(page -> page.findElement(By.cssSelector("p.latest")).getText().contains("17.0 °C"));

    seed(api, reading("south", "hall", 23.5, Instant.now()));

    new WebDriverWait(browser, WAIT)
        .until(page -> page.findElement(By.cssSelector("p.latest")).getText().contains("23.5 °C"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Infinity", "0.001", "7200"})
  void aRefreshOutsideFiveSecondsToAnHourGetsTheDefaultInsteadOfABusyLoop(String refresh)
      throws Exception {
    open(api, "/dashboard?refresh=" + refresh + "#/buildings/south");
    waitForAll("table.rooms tr.room");

    new WebDriverWait(browser, WAIT)
        .until(page -> page.findElement(By.id("status")).getText().contains("refreshes every"));
    assertThat(browser.findElement(By.id("status")).getText()).endsWith("refreshes every 30 s.");
    // setTimeout reads Infinity as 0: the page would ask for the overview again and again.
    Thread.sleep(1500);
    Object overviews =
        browser.executeScript(
            "return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.includes('/overview')).length");
    assertThat(((Number) overviews).longValue()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"#/buildings/%", "#/buildings/north/rooms/%E0%A4%A"})
  void anAddressThatIsNotAPageSaysSoAndItsLinkStillWorks(String fragment) throws Exception {
    // Not through java.net.URI, which refuses the stray escape a browser takes as it is.
    browser.get(api.uri("/dashboard") + fragment);

    assertThat(problem()).contains("not a page of the dashboard");
    browser.findElement(By.linkText("See every building")).click();
    assertThat(waitForAll("ul.buildings a"))
        .extracting(WebElement::getText)
        .containsExactly("north", "south");
  }

  @Test
  void onAPhoneSizedScreenNothingNeedsScrollingSideways() throws Exception {
    browser.manage().window().setSize(new Dimension(390, 844));
    for (String page : List.of("#/buildings/north", "#/buildings/north/rooms/kitchen")) {
      open(api, "/dashboard" + page);
      waitForAll("main h1");
      waitForAll(page.contains("rooms/") ? "svg.chart circle.point" : "table.rooms tr.room");

      Object overflow =
          browser.executeScript(
              "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).longValue()).as(page).isLessThanOrEqualTo(0);
      chromium.screenshot(
          SCREENSHOTS.resolve(
              "dashboard-" + (page.contains("rooms/") ? "room" : "building") + "-phone.png"));
    }
  }

  @Test
  void aPastedTokenIsKeptForTheTabAndARefusedOneIsSaidSo() throws Exception {
    Path config = directory.resolve("reads-need-a-token.yml");
    Files.writeString(
        config,
        new String(
                DashboardBrowserTest.class.getResourceAsStream("/test-config.yml").readAllBytes(),
                StandardCharsets.UTF_8)
            + """

            auth:
              reads: required
              tokens:
                - name: dashboards
                  sha256: "%s"
                  roles: [reader]
                - name: gateways
                  sha256: "%s"
                  roles: [writer]
            """
                .formatted(TokenHash.hex(READER), TokenHash.hex(WRITER)));
    RunningApi guarded =
        new RunningApi(
            config.toString(),
            ConfigOverride.config("storage.path", directory.resolve("guarded.db").toString()));
    try {
      seed(guarded, reading("west", "office", 21.0, now));
      open(guarded, "/dashboard");
      assertThat(problem()).contains("needs a reader token").contains("401");

      paste(WRITER);
      new WebDriverWait(browser, WAIT).until(page -> problem().contains("403"));
      assertThat(problem()).contains("does not have the reader role");
      chromium.screenshot(SCREENSHOTS.resolve("dashboard-token-refused.png"));

      paste(READER);
      assertThat(waitForAll("ul.buildings a"))
          .extracting(WebElement::getText)
          .containsExactly("west");
      assertThat(
              browser.executeScript(
                  "return sessionStorage.getItem('temperature-api.reader-token')"))
          .isEqualTo(READER);
      assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
      // The refusals were printed by the browser as failed requests; they were meant to happen.
      assertThat(chromium.consoleProblems()).allMatch(line -> line.contains("status of 40"));
      browser.executeScript("sessionStorage.clear()");
      String origin = guarded.uri("/").toString();
      assertThat(chromium.requestedUrls()).allMatch(url -> url.startsWith(origin));
    } finally {
      guarded.close();
    }
    // The checks after each test are about the open server.
    open(api, "/dashboard");
    waitForAll("ul.buildings a");
  }

  private static void open(RunningApi server, String path) {
    browser.get(server.uri(path).toString());
  }

  private static List<WebElement> waitForAll(String selector) {
    return new WebDriverWait(browser, WAIT)
        .until(
            page -> {
              List<WebElement> found = page.findElements(By.cssSelector(selector));
              return found.isEmpty() ? null : found;
            });
  }

  private static Map<String, WebElement> rooms() {
    Map<String, WebElement> rooms = new TreeMap<>();
    for (WebElement row : waitForAll("table.rooms tr.room")) {
      rooms.put(row.getAttribute("data-room"), row);
    }
    return rooms;
  }

  private static WebElement cell(WebElement row, String column) {
    return row.findElement(By.cssSelector("td." + column));
  }

  private static String problem() {
    return new WebDriverWait(browser, WAIT)
        .until(page -> page.findElement(By.cssSelector("main .problem")))
        .getText();
  }

  private static void paste(String token) {
    WebElement input = browser.findElement(By.id("token"));
    input.sendKeys(token);
    input.submit();
  }

  /** Posts the readings in batches small enough for the test configuration's body limit. */
  private static void seed(RunningApi server, String... readings) throws Exception {
    for (int from = 0; from < readings.length; from += 20) {
      String[] batch = Arrays.copyOfRange(readings, from, Math.min(readings.length, from + 20));
      HttpResponse<String> posted =
          server.post("/api/v1/readings", "[" + String.join(",", batch) + "]");
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    }
  }

  private static String reading(String building, String room, double celsius, Instant at) {
    return """
        {"building_id": "%s", "room_id": "%s", "temperature": %s, "recorded_at": "%s"}"""
        .formatted(building, room, celsius, at);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
