package io.datamapper.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Imports and Tables pages in a real Chromium: the ledger filtered, rejects as CSV, undo, rows
 * paged, sorted and filtered.
 */
class LedgerAndTablesBrowserTest extends SignedInBrowserTest {
  private final Importer importer =
      Importer.builder().dataSource(TestDatabase.dataSource()).build();

  @Override
  String schemaPrefix() {
    return "webl";
  }

  /**
   * Imports {@code csv} as {@code name} into {@code table} of the test's schema through the engine.
   */
  private ImportSummary load(String name, String csv, String table, String extra)
      throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    String yaml =
        """
        target: { schema: "%s", table: %s }
        columns:
          - { source: id, type: bigint }
          - { source: name }
          - { source: amount, type: "numeric(10,2)" }
        %s
        """
            .formatted(schema, table, extra);
    return importer.run(ImportRequest.of(ImportSource.of(file), MappingReader.parse(yaml, "test")));
  }

  @Test
  void the_ledger_filters_by_file_and_an_import_shows_its_rejects_as_csv() throws IOException {
    String unique = schema + "-orders.csv";
    ImportSummary s =
        load(
            unique,
            "id,name,amount\n1,Ada,1\n2,Alan,=HYPERLINK(\"x\")\n3,Grace,3\n",
            "orders",
            "policies: { badRows: { mode: skip } }");
    load(schema + "-other.csv", "id,name,amount\n1,Bob,2\n", "other", "");

    browser.open("/ui/imports");
    browser.find("#q").sendKeys(unique);
    browser.waitForText("#ledger .count", "1 of the newest");
    assertThat(browser.find("#ledger tbody").getText())
        .contains(unique)
        .doesNotContain(schema + "-other.csv");
    assertThat(browser.driver().getCurrentUrl()).contains("q=");

    browser.find("#ledger tbody a").click();
    browser.waitForText("h1", "Import #" + s.importId());
    assertThat(browser.find(".rejects").getText()).contains("=HYPERLINK", "amount");
    String href = browser.find("#rejects-csv").getDomAttribute("href");
    String csv = browser.fetch("GET", href, Map.of(), null);
    assertThat(csv).startsWith("200 record,line,column,value,reason,code,raw");
    // a cell a spreadsheet would run as a formula is quoted out
    assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")\"").contains(",3,amount,");
  }

  @Test
  void undo_from_the_imports_page_asks_first_and_deletes_the_rows() throws IOException {
    ImportSummary s =
        load(schema + "-undo.csv", "id,name,amount\n1,Ada,1\n2,Alan,2\n", "people", "");
    browser.open("/ui/imports/" + s.importId());

    browser.find("#undo").click();
    String question = browser.acceptConfirmation();

    assertThat(question).contains("Undo import #" + s.importId());
    browser.waitForText("#undo-result", "is undone");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".people') AS t")
                .getFirst()
                .get("t"))
        .isNull();
    browser.open("/ui/imports/" + s.importId());
    assertThat(browser.find("#import-status").getText()).isEqualTo("undone");
    assertThat(browser.all("#undo")).isEmpty();
  }

  @Test
  void a_dismissed_confirmation_undoes_nothing_and_a_refused_undo_says_why() throws IOException {
    String keyed = "keys: [id]\npolicies: { duplicateRow: update }";
    ImportSummary first =
        load(schema + "-v1.csv", "id,name,amount\n1,Ada,1\n2,Alan,2\n", "prices", keyed);
    load(schema + "-v2.csv", "id,name,amount\n1,Ada,5\n", "prices", keyed);
    browser.open("/ui/imports/" + first.importId());

    browser.find("#undo").click();
    browser
        .waiting(10)
        .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent())
        .dismiss();
    assertThat(TestDatabase.count(schema + ".prices")).isEqualTo(2);

    browser.find("#undo").click();
    browser.acceptConfirmation();
    WebElement refusal = browser.waitForText("#undo-result .problem", "cannot be undone");
    assertThat(refusal.getText()).contains("#" + first.importId());
    assertThat(TestDatabase.count(schema + ".prices")).isEqualTo(2);
  }

  @Test
  void a_table_is_listed_then_browsed_paged_sorted_and_filtered() throws IOException {
    StringBuilder csv = new StringBuilder("id,name,amount\n");
    for (int i = 1; i <= 120; i++)
      csv.append(i).append(",name ").append(i).append(',').append(i % 7).append(".5\n");
    load(schema + "-big.csv", csv.toString(), "big", "");

    browser.open("/ui/tables");
    WebElement link = browser.driver().findElement(By.linkText(schema + ".big"));
    assertThat(link.findElement(By.xpath("./../..")).getText()).contains("120");
    link.click();
    browser.waitForText("#range", "Rows 1–50 of 120");

    browser.find("#next-page").click();
    browser.waitForText("#range", "Rows 51–100 of 120");
    assertThat(firstCell()).isEqualTo("51");

    // sort by id descending: the header link sorts ascending first, then descending
    browser.driver().findElement(By.linkText("id")).click();
    browser.waitForText("#range", "Rows 1–50");
    browser.driver().findElement(By.linkText("id")).click();
    browser.waiting(20).until(d -> "120".equals(firstCell()));
    assertThat(browser.find("th[aria-sort=descending]").getText()).contains("id");

    // filter: amount >= 6 (values bound as parameters of the column's type)
    new org.openqa.selenium.support.ui.Select(browser.find("#col")).selectByValue("amount");
    new org.openqa.selenium.support.ui.Select(browser.find("#op")).selectByValue("ge");
    browser.type("#value", "6");
    browser.find("#row-filter button").click();
    browser.waitForText("#range", "of 17");
    List<String> amounts =
        browser.all("#table-rows tbody tr td:nth-child(3)").stream()
            .map(WebElement::getText)
            .distinct()
            .toList();
    assertThat(amounts).containsExactly("6.50");
    assertThat(firstCell()).isEqualTo("118");

    // a value that is not of the column's type is the request's fault, said in words
    browser.type("#value", "x'; DROP TABLE big; --");
    browser.find("#row-filter button").click();
    browser.waitForText(".problem", "The filter cannot be applied");
    assertThat(TestDatabase.count(schema + ".big")).isEqualTo(120);
  }

  private static String firstCell() {
    List<WebElement> cells = browser.all("#table-rows tbody tr:first-child td");
    return cells.isEmpty() ? null : cells.getFirst().getText();
  }
}
