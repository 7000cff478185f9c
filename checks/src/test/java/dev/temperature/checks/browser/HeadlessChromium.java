package dev.temperature.checks.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.testing.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's {@code chromium} and {@code chromium-driver} ({@code scripts/install-chromium.sh}, which
 * {@code make test} runs; a test that starts it declares
 * {@code @RequiresService(Service.CHROMIUM)}), headless, for the tests of the pages the server
 * serves. The driver is given explicitly, so Selenium Manager never tries to download one. The
 * browser's console and its network log are kept, so that a test can say what the page printed and
 * requested.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Path CHROMIUM = Service.CHROMIUM_BINARY;
  private static final Path CHROMEDRIVER = Service.CHROMEDRIVER_BINARY;
  private static final ObjectMapper JSON = new ObjectMapper();

  final ChromeDriver browser;

  private HeadlessChromium(ChromeDriver browser) {
    this.browser = browser;
  }

  /** A fresh browser with its own profile in {@code profile}, its window as big as given. */
  static HeadlessChromium start(Path profile, int width, int height) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + Files.createDirectories(profile));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService driver =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new HeadlessChromium(new ChromeDriver(driver, options));
  }

  /** The console's warnings and errors since last asked (a failed request is one too). */
  List<String> consoleProblems() {
    List<String> problems = new ArrayList<>();
    for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
        problems.add(entry.getLevel() + " " + entry.getMessage());
      }
    }
    return problems;
  }

  /**
   * Every URL asked for since last asked, blocked ones included, but for the browser's own pages
   * ({@code chrome://}, the new tab it opens with) and {@code data:} URLs, which reach no network.
   */
  List<String> requestedUrls() {
    List<String> urls = new ArrayList<>();
    for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode message = JSON.readTree(entry.getMessage()).path("message");
        String url = message.path("params").path("request").path("url").asText();
        if ("Network.requestWillBeSent".equals(message.path("method").asText())
            && !url.startsWith("chrome") // chrome: and chrome-untrusted:
            && !url.startsWith("data:")) {
          urls.add(url);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return urls;
  }

  /** A picture of the window as it is now, written to {@code file}. */
  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    browser.quit();
  }
}
