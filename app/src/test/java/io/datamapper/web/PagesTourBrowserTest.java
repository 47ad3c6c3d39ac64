package io.datamapper.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.TestServer;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Every page, as a person meets them: the sample file imported through the page, then each page at
 * 1280 px and at phone width — no page scrolls sideways (wide tables scroll in their own box),
 * every input has a label, the first Tab lands on "Skip to content" — with a screenshot of each
 * under {@code target/screenshots/tour/}.
 */
class PagesTourBrowserTest {
  private static Browser browser;

  @BeforeAll
  static void startBrowser() {
    browser = new Browser(TestServer.baseUrl());
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) browser.close();
  }

  @Test
  void every_page_reads_at_1280_px_and_at_phone_width_with_labels_and_keyboard_access() {
    String schema = TestDatabase.freshSchema("tour");
    Path sample = Path.of("..", "samples", "orders.csv").toAbsolutePath().normalize();
    assertThat(sample).as("the README's sample file").exists();
    browser.driver().manage().window().setSize(new Dimension(1280, 900));
    browser.open("/");
    shoot("login", 1280);
    browser.signIn(TestServer.IMPORTER_KEY);

    browser.driver().manage().window().setSize(new Dimension(1280, 1700));
    browser.open("/");
    browser.find("#file").sendKeys(sample.toString());
    browser.waitFor("#sample");
    browser.type("#table", schema + ".orders");
    browser.find("#table").sendKeys(Keys.TAB);
    shoot("import-mapping", 1280);
    browser.find("#import").click();
    String headline = browser.waitForText("#summary-headline", "Imported").getText();
    assertThat(headline).isEqualTo("Imported 25 rows into " + schema + ".orders.");
    browser.script("document.getElementById('run').scrollIntoView()");
    shoot("import-summary", 1280);
    String detail =
        browser.find(".summary .rejects-link").getDomAttribute("href").replace("#rejects", "");

    List<String> pages =
        List.of(
            "/",
            "/ui/imports",
            detail,
            "/ui/tables",
            "/ui/tables/" + schema + ".orders",
            "/ui/console");
    List<String> names =
        List.of("import", "imports", "import-detail", "tables", "table", "console");
    for (int width : new int[] {1280, 390}) {
      browser.driver().manage().window().setSize(new Dimension(width, width == 1280 ? 900 : 844));
      for (int i = 0; i < pages.size(); i++) {
        browser.open(pages.get(i));
        browser.waitFor("main h1");
        shoot(names.get(i), width);
        assertReadable(pages.get(i), width);
      }
    }
    // the Console answers SQL without a model: a result with a label column and a number is charted
    browser.driver().manage().window().setSize(new Dimension(1280, 1300));
    browser.open("/ui/console");
    browser.type(
        "#sql",
        "SELECT country, sum(total) AS total FROM "
            + schema
            + ".orders GROUP BY 1 ORDER BY 2 DESC");
    browser.find("#run-sql").click();
    browser.waitForText("#row-count", "rows");
    browser
        .waiting(20)
        .until(
            d ->
                Boolean.TRUE.equals(
                    browser.script(
                        "var c = document.getElementById('chart'); return !!(c && window.Chart && window.Chart.getChart(c));")));
    shoot("console-answer", 1280);
    browser.driver().manage().window().setSize(new Dimension(1280, 900));
    browser.assertCleanSession();
  }

  private static void assertReadable(String page, int width) {
    Number overflow =
        (Number)
            browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(overflow.intValue())
        .as(page + " scrolls sideways at " + width + " px")
        .isLessThanOrEqualTo(0);
    Object unlabelled =
        browser.script(
            "return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))"
                + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id || e.name)");
    assertThat((List<?>) unlabelled).as(page + ": inputs without a label").isEmpty();
    browser.find("body").sendKeys(Keys.TAB);
    WebElement focused = browser.driver().switchTo().activeElement();
    assertThat(focused.getText()).as(page + ": the first Tab").isEqualTo("Skip to content");
  }

  private static void shoot(String name, int width) {
    Path file = browser.screenshot("tour/" + name + "-" + width);
    assertThat(file).exists();
    try {
      assertThat(Files.size(file)).isPositive();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
