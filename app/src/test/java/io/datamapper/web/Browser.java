package io.datamapper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real headless Chromium for the web UI tests: Debian's {@code chromium} driven through its
 * {@code chromedriver}, both named explicitly so Selenium Manager never downloads anything. A
 * missing browser fails the test (it is installed by {@code .ci/run}), never skips it. Keeps the
 * browser's console and network logs, to check that a page had no JavaScript error and asked
 * nothing of any host but the server on loopback. One per test class.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final ChromeDriver driver;
  private final Path profile;
  private final String base;
  private final List<String> requested = new ArrayList<>();
  private final List<String> consoleErrors = new ArrayList<>();

  Browser(String base) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "The browser tests need Debian's Chromium and its driver at "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": apt-get install -y chromium chromium-driver (.ci/run installs them when missing).");
    }
    this.base = base;
    try {
      profile = Files.createTempDirectory("dm-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-default-apps",
        "--disable-dev-shm-usage",
        "--disable-features=Translate,OptimizationHints,MediaRouter",
        "--user-data-dir=" + profile,
        "--window-size=1280,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  ChromeDriver driver() {
    return driver;
  }

  String base() {
    return base;
  }

  void open(String path) {
    driver.get(base + path);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  WebDriverWait waiting(long seconds) {
    WebDriverWait wait =
        new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  /**
   * Waits (up to 60 s) until the element exists and its text contains {@code text}; returns the
   * element.
   */
  WebElement waitForText(String css, String text) {
    try {
      waiting(60)
          .until(
              d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return !found.isEmpty() && found.getFirst().getText().contains(text);
              });
    } catch (org.openqa.selenium.TimeoutException e) {
      // say what the page showed instead: the failure is then readable without a screenshot
      screenshot("failures/" + System.currentTimeMillis());
      throw new AssertionError(
          "waited 60 s for '"
              + text
              + "' in "
              + css
              + "; the page shows:\n"
              + find("main").getText(),
          e);
    }
    return find(css);
  }

  WebElement waitFor(String css) {
    return waiting(60).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  void type(String css, String text) {
    WebElement e = find(css);
    e.clear();
    e.sendKeys(text);
  }

  /** Accepts the confirmation dialog the page opens (hx-confirm). */
  String acceptConfirmation() {
    var alert = waiting(10).until(ExpectedConditions.alertIsPresent());
    String text = alert.getText();
    alert.accept();
    return text;
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * Runs {@code fetch} in the page (its cookies, no CSRF header unless given) and answers "status
   * body".
   */
  String fetch(String method, String path, Map<String, String> headers, String body) {
    Object r =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[1], {method: arguments[0], headers: arguments[2], body: arguments[3], credentials: 'same-origin'})"
                    + ".then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('error ' + e));",
                method,
                path,
                headers,
                body);
    return String.valueOf(r);
  }

  Cookie sessionCookie() {
    return driver.manage().getCookieNamed("DATAMAPPER_SESSION");
  }

  void signIn(String key) {
    open("/ui/login");
    type("#key", key);
    find("form.stack button[type=submit]").click();
    waiting(20).until(d -> !d.getCurrentUrl().contains("/ui/login"));
  }

  void signOut() {
    if (!all("#logout").isEmpty()) {
      find("#logout").click();
      waiting(20).until(d -> d.getCurrentUrl().contains("/ui/login"));
    }
    driver.manage().deleteAllCookies();
  }

  /** Saves a screenshot of the page as {@code target/screenshots/NAME.png}. */
  Path screenshot(String name) {
    try {
      Path file = Path.of("target", "screenshots", name + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the browser's logs so far: JavaScript errors, and every URL the browser asked for. */
  private void drainLogs() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      // a refused request (4xx) is logged by Chromium as "Failed to load resource"; that is HTTP,
      // not a script error
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()
          && !e.getMessage().contains("Failed to load resource: the server responded")) {
        consoleErrors.add(e.getMessage());
      }
    }
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message = JSON.readTree(e.getMessage()).path("message");
      if (message.path("method").asString("").equals("Network.requestWillBeSent")) {
        requested.add(message.path("params").path("request").path("url").asString(""));
      }
    }
  }

  /**
   * No JavaScript error in the console, and no request to a host other than the server on loopback.
   */
  void assertCleanSession() {
    drainLogs();
    List<String> errors = List.copyOf(consoleErrors);
    List<String> urls = List.copyOf(requested);
    consoleErrors.clear();
    requested.clear();
    assertThat(errors).as("JavaScript errors in the browser console").isEmpty();
    assertThat(urls).as("requests the browser made").isNotEmpty();
    for (String url : urls) {
      // the browser's own pages (chrome://, data:, blob:) are not network requests
      if (!url.startsWith("http:")
          && !url.startsWith("https:")
          && !url.startsWith("ws:")
          && !url.startsWith("wss:")) continue;
      assertThat(URI.create(url).getHost()).as("host of " + url).isEqualTo("127.0.0.1");
    }
  }

  /**
   * Every script, stylesheet and image of the page is loaded from this server by a relative URL.
   */
  void assertAssetsAreLocal() {
    for (WebElement e : all("script[src], link[href], img[src]")) {
      String url =
          e.getAttribute("src") != null ? e.getDomAttribute("src") : e.getDomAttribute("href");
      assertThat(url).as("asset URL").startsWith("/").doesNotStartWith("//");
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a leftover temporary profile
      }
    }
  }
}
