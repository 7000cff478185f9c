package dev.temperature.checks.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.bootstrap.RunningApi;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reference page at {@code /docs} in a real headless Chromium against the real server: it
 * renders every documented operation, and a "Try it out" call made in the page gets a 200.
 *
 * <p>Uses Debian's Chromium ({@link HeadlessChromium}); without it the test is skipped on a
 * workstation, but fails in CI ({@link RequiresService}).
 */
@RequiresService(Service.CHROMIUM)
class DocsPageBrowserTest {
  private static final Path SCREENSHOT = DashboardBrowserTest.SCREENSHOTS.resolve("docs-page.png");
  private static final Duration RENDERING = Duration.ofSeconds(30);

  @TempDir static Path directory;
  static RunningApi api;
  static HeadlessChromium chromium;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    api = new RunningApi(directory.resolve("docs.db"));
    chromium = HeadlessChromium.start(directory.resolve("chromium-profile"), 1280, 2400);
    browser = chromium.browser;
  }

  /**
   * The page runs under its Content-Security-Policy: anything it refused (an inline script, a
   * style, an image from elsewhere) would be printed to the console.
   */
  @AfterEach
  void nothingWasRefusedOrPrinted() {
    if (browser != null) {
      assertThat(chromium.consoleProblems()).isEmpty();
    }
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
  void thePageListsEveryDocumentedOperation() throws Exception {
    browser.get(api.uri("/docs").toString());

    Set<String> shown = renderedOperations();

    assertThat(shown).isEqualTo(documentedOperations());
  }

  @Test
  void aTryItOutCallFromThePageSucceeds() throws Exception {
    HttpResponse<String> posted =
        api.post("/api/v1/buildings/main/rooms/kitchen/temperatures", "{\"temperature\": 21.5}");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    browser.get(api.uri("/docs").toString());
    renderedOperations();

    WebElement operation = browser.findElement(By.id("operations-queries-averageTemperature"));
    operation.findElement(By.cssSelector(".opblock-summary")).click();
    WebDriverWait wait = new WebDriverWait(browser, RENDERING);
    // WebDriverWait ignores "no such element" while it polls, so each lookup waits for rendering.
    wait.until(page -> operation.findElement(By.cssSelector(".try-out__btn"))).click();
    fill(operation, "buildingId", "main");
    fill(operation, "roomId", "kitchen");
    // The period is one object of query parameters (exploded): Swagger UI edits it as JSON.
    fill(operation, "period", "{\"duration\": \"1h\"}");
    operation.findElement(By.cssSelector("button.execute")).click();

    WebElement status =
        wait.until(
            page ->
                operation.findElement(
                    By.cssSelector(".live-responses-table .response .response-col_status")));
    String body =
        wait.until(
                page ->
                    operation.findElement(
                        By.cssSelector(
                            ".live-responses-table .response .response-col_description pre")))
            .getText();
    screenshot();
    assertThat(status.getText().strip()).as(body).isEqualTo("200");
    assertThat(body).contains("\"average\": 21.5").contains("\"count\": 1");
  }

  /** Waits until Swagger UI has rendered the operations; answers them as "METHOD /path". */
  private static Set<String> renderedOperations() {
    new WebDriverWait(browser, RENDERING)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
    return browser.findElements(By.cssSelector(".opblock-summary")).stream()
        .map(
            summary ->
                summary.findElement(By.cssSelector(".opblock-summary-method")).getText().strip()
                    + " "
                    + summary
                        .findElement(By.cssSelector(".opblock-summary-path"))
                        .getAttribute("data-path"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** "METHOD /path" of every operation in the document the server publishes. */
  private static Set<String> documentedOperations() throws Exception {
    JsonNode paths = RunningApi.json(api.get("/openapi.json")).path("paths");
    Set<String> operations = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              method -> {
                if (!method.equals("parameters")) {
                  operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
              });
    }
    assertThat(operations).hasSize(13);
    return operations;
  }

  private static void fill(WebElement operation, String parameter, String value) {
    String row = "tr[data-param-name='" + parameter + "'] ";
    WebElement input = operation.findElement(By.cssSelector(row + "input, " + row + "textarea"));
    input.clear();
    input.sendKeys(value);
  }

  private static void screenshot() throws IOException {
    chromium.screenshot(SCREENSHOT);
  }
}
