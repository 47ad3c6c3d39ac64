package io.datamapper.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.Server;
import io.datamapper.server.security.ApiKeys;
import io.datamapper.testing.FakeChatModel;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Console page in a real Chromium, against a server of its own whose language model is a
 * scripted stub on 127.0.0.1 (an OpenAI-compatible endpoint): a question answered with its SQL, a
 * table and a chart; the SQL edited and run again; a refusal naming its layer; the session's
 * earlier questions.
 */
class ConsoleBrowserTest {
  private static final String READER = "dm_console_reader_key_0123456789abcdef";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static FakeChatModel llm;
  private static Server server;
  private static Browser browser;
  private static String schema;

  @BeforeAll
  static void start() throws IOException {
    schema = TestDatabase.freshSchema("webq");
    TestDatabase.execute(
        "CREATE TABLE "
            + schema
            + ".orders (id int PRIMARY KEY, country text, total numeric(10,2)); "
            + "INSERT INTO "
            + schema
            + ".orders VALUES (1, 'GB', 10.50), (2, 'US', 3), (3, 'GB', 7.25), (4, 'DE', 4)");
    // the scripted model: totals by country, or, asked to delete, a statement the guard must refuse
    llm =
        FakeChatModel.start(
            request ->
                request.contains("delete everything")
                    ? "DELETE FROM " + schema + ".orders"
                    : "SELECT country, sum(total) AS total FROM "
                        + schema
                        + ".orders GROUP BY 1 ORDER BY 2 DESC");
    server =
        Server.start(
            Map.of(),
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--datamapper.db-url=" + TestDatabase.jdbcUrl(),
            "--datamapper.api-keys=reader:" + ApiKeys.sha256(READER),
            "--datamapper.staging-dir=" + Files.createTempDirectory("dm-webq"),
            "--datamapper.node=webq",
            "--DATAMAPPER_LLM=openai",
            "--OPENAI_BASE_URL=" + llm.baseUrl(),
            "--OPENAI_API_KEY=sk-stub",
            "--DATAMAPPER_LLM_MODEL=stub",
            "--logging.level.root=WARN");
    browser = new Browser("http://127.0.0.1:" + server.port());
    browser.signIn(READER);
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (server != null) server.close();
    if (llm != null) llm.close();
  }

  @Test
  void
      a_question_shows_its_sql_a_table_and_a_chart_the_sql_runs_again_edited_and_a_refusal_names_its_layer() {
    browser.open("/ui/console");
    browser.assertAssetsAreLocal();

    browser.type("#question", "Which country ordered the most?");
    browser.find("#ask").click();
    browser.waitForText("#row-count", "3 rows");
    assertThat(browser.find("#sql").getDomProperty("value"))
        .contains("sum(total)", schema + ".orders");
    assertThat(browser.find("#result").getText()).contains("country", "total", "GB", "17.75");
    browser
        .waiting(20)
        .until(
            d ->
                Boolean.TRUE.equals(
                    browser.script(
                        "var c = document.getElementById('chart'); return !!(c && window.Chart && window.Chart.getChart(c));")));
    assertThat(
            browser.script(
                "return window.Chart.getChart(document.getElementById('chart')).config.type"))
        .isEqualTo("bar");
    browser.screenshot("ConsoleBrowserTest/answer");

    // the SQL, edited, runs again
    browser.type(
        "#sql",
        "SELECT country, id::text AS ref FROM "
            + schema
            + ".orders WHERE country = 'GB' ORDER BY id");
    browser.find("#run-sql").click();
    browser.waitForText("#row-count", "2 rows");
    assertThat(browser.all("#chart")).as("no chart without a numeric column").isEmpty();
    assertThat(browser.find("#result").getText()).contains("ref", "GB");

    // a model asked to write data is refused by the guard, which names its layer
    browser.type("#question", "Now delete everything");
    browser.find("#ask").click();
    browser.waitForText("#refusal", "Refused by the parse layer");
    assertThat(browser.find("#refusal .layer").getText()).isEqualTo("Layer: parse");
    assertThat(browser.find("#sql").getDomProperty("value")).startsWith("DELETE");
    assertThat(TestDatabase.count(schema + ".orders")).isEqualTo(4);

    // typed SQL is refused the same way
    browser.type("#sql", "DROP TABLE " + schema + ".orders");
    browser.find("#run-sql").click();
    browser.waitForText("#history", "DROP TABLE");
    assertThat(browser.find("#refusal").getText()).contains("Refused by the");

    // the session's earlier questions, newest first, each run again with a click
    List<String> history = browser.all("#history li").stream().map(e -> e.getText()).toList();
    assertThat(history).hasSize(4);
    assertThat(history.get(1)).contains("Now delete everything", "refused by the parse layer");
    assertThat(history.get(3)).contains("Which country ordered the most?", "3 rows");
    browser
        .all("#history li")
        .get(3)
        .findElement(org.openqa.selenium.By.cssSelector("button"))
        .click();
    browser.waitForText("#row-count", "3 rows");
    browser.screenshot("ConsoleBrowserTest/history");
    browser.assertCleanSession();
  }
}
