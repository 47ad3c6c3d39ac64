package io.datamapper.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Import page in a real Chromium: upload, detected mapping, edits, dry run, import, progress,
 * summary, errors.
 */
class ImportPageBrowserTest extends SignedInBrowserTest {

  @Override
  String schemaPrefix() {
    return "web";
  }

  private static final String PEOPLE =
      "id,name,amount,born\n1,Ada,10.50,10/12/1815\n2,Alan,3,23/06/1912\n3,Grace,7.25,09/12/1906\n4,Linus,,28/12/1969\n";

  /** Opens the Import page, chooses the file and waits for the detected mapping. */
  private void upload(Path file) {
    browser.open("/");
    browser.assertAssetsAreLocal();
    browser.find("#file").sendKeys(file.toString());
    browser.waitFor("#mapping-form");
    browser.waitFor("#sample");
  }

  private void setTable(String table) {
    browser.type("#table", table);
  }

  @Test
  void an_uploaded_csv_shows_its_mapping_and_imports_with_a_renamed_column_and_a_changed_type()
      throws IOException {
    upload(write("people.csv", PEOPLE));

    // the detected mapping: every column, its type and format, notes with evidence, and typed
    // sample rows
    assertThat(browser.find("#c0-name").getDomProperty("value")).isEqualTo("id");
    assertThat(browser.find("#c0-type").getDomProperty("value")).isEqualTo("bigint");
    assertThat(browser.find("#c3-format").getDomProperty("value")).isEqualTo("dd/MM/yyyy");
    assertThat(browser.find(".file-notes").getText()).contains("delimiter");
    assertThat(browser.find("#sample").getText()).contains("1815-12-10").contains("Ada");

    // edit: rename a column and change a type; the preview follows the edits
    setTable(schema + ".people");
    browser.type("#c1-name", "full_name");
    browser.type("#c2-type", "text");
    browser.find("#c2-type").sendKeys(org.openqa.selenium.Keys.TAB);
    browser.waitForText("#sample thead", "full_name");
    assertThat(browser.find("#yaml").getDomProperty("value")).contains("full_name");

    browser.find("#import").click();
    WebElement headline = browser.waitForText("#summary-headline", "Imported 4 rows");
    assertThat(headline.getText()).isEqualTo("Imported 4 rows into " + schema + ".people.");
    assertThat(browser.find(".summary .counts").getText())
        .contains(
            "Read",
            "Inserted",
            "Updated",
            "Duplicates in the file",
            "Already in the table",
            "Rejected");
    assertThat(browser.all(".summary button.undo")).hasSize(1);
    assertThat(
            TestDatabase.query(
                "SELECT data_type FROM information_schema.columns WHERE table_schema = '"
                    + schema
                    + "' AND table_name = 'people' AND column_name IN ('full_name', 'amount') ORDER BY column_name"))
        .extracting(r -> r.get("data_type"))
        .containsExactly("text", "text");
    assertThat(
            TestDatabase.query("SELECT full_name, amount FROM " + schema + ".people ORDER BY id"))
        .first()
        .isEqualTo(Map.of("full_name", "Ada", "amount", "10.50"));

    // the table's rows are visible from the summary
    browser.find(".summary .table-link").click();
    browser.waitForText("#range", "of 4");
    assertThat(browser.find("#table-rows").getText()).contains("full_name", "Ada", "Linus");
  }

  @Test
  void a_file_dropped_on_the_page_is_detected_as_a_chosen_one() throws IOException {
    browser.open("/");
    Path file = write("dropped.csv", PEOPLE);
    // a synthetic drop: the same DataTransfer a person's drag would carry
    browser.find("#file").sendKeys(file.toString());
    browser.script(
        "var input = document.getElementById('file'); var dt = new DataTransfer(); dt.items.add(input.files[0]);"
            + "input.value = ''; document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true}));");
    browser.waitForText("#editor h2", "dropped.csv");
  }

  @Test
  void
      pasted_yaml_replaces_the_mapping_a_skipped_column_and_a_key_reach_the_table_and_undo_takes_it_back()
          throws IOException {
    upload(write("people.csv", PEOPLE));
    browser.find("details.yaml summary").click();
    browser.script(
        "document.getElementById('yaml').value = arguments[0]",
        "target: { schema: \""
            + schema
            + "\", table: pasted }\n"
            + "columns:\n"
            + "  - { source: id, name: person_id, type: integer }\n"
            + "  - { source: name, name: who }\n"
            + "  - { source: amount, type: \"numeric(10,2)\" }\n");
    browser.find("#use-yaml").click();
    browser.waitForText("#sample thead", "person_id");
    assertThat(browser.find("#table").getDomProperty("value")).isEqualTo(schema + ".pasted");
    assertThat(browser.all("table.columns tbody tr")).hasSize(3);

    browser.find("#c2-skip").click();
    browser.find("#c0-key").click();
    new org.openqa.selenium.support.ui.Select(browser.find("#duplicateRow")).selectByValue("skip");
    browser
        .waiting(20)
        .until(d -> !d.findElement(By.cssSelector("#sample thead")).getText().contains("amount"));
    browser.find("#import").click();

    browser.waitForText("#summary-headline", "Imported 4 rows into " + schema + ".pasted.");
    assertThat(
            TestDatabase.query(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                    + schema
                    + "' AND table_name = 'pasted' ORDER BY ordinal_position"))
        .extracting(r -> r.get("column_name"))
        .containsExactly("person_id", "who", "_import_id");
    assertThat(
            TestDatabase.query(
                    "SELECT count(*) AS n FROM pg_indexes WHERE schemaname = '"
                        + schema
                        + "' AND tablename = 'pasted' AND indexdef LIKE '%UNIQUE%person_id%'")
                .getFirst()
                .get("n"))
        .isEqualTo(1L);

    // Undo from the summary, after a confirmation
    browser.find(".summary button.undo").click();
    assertThat(browser.acceptConfirmation()).contains("Undo import #");
    browser.waitForText("#undo-result", "is undone");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".pasted') AS t")
                .getFirst()
                .get("t"))
        .isNull();
  }

  @Test
  void a_dry_run_says_what_would_happen_and_writes_nothing() throws IOException {
    upload(write("people.csv", PEOPLE));
    setTable(schema + ".dry");

    browser.find("#dry-run").click();

    browser.waitForText(
        "#summary-headline",
        "Dry run: would import 4 rows into " + schema + ".dry; nothing was written.");
    assertThat(browser.all(".summary button.undo")).isEmpty();
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".dry') AS t").getFirst().get("t"))
        .isNull();
  }

  @Test
  void a_bad_value_shows_the_file_line_column_and_value_and_the_table_is_unchanged()
      throws IOException {
    TestDatabase.execute(
        "CREATE TABLE "
            + schema
            + ".people (id bigint, name text, amount numeric(10,2), born date, _import_id bigint)");
    TestDatabase.execute("INSERT INTO " + schema + ".people VALUES (100, 'Old', 1, NULL, NULL)");
    upload(
        write(
            "bad.csv", "id,name,amount,born\n1,Ada,10.50,10/12/1815\n2,Alan,12.3.4,23/06/1912\n"));
    setTable(schema + ".people");
    browser.find("#c2-type").sendKeys(org.openqa.selenium.Keys.TAB);
    // the preview already shows the row an import would refuse
    browser.waitForText("#sample", "12.3.4");

    browser.find("#import").click();

    WebElement problem = browser.waitFor(".card .problem");
    browser.waitForText(".card .problem .fact-value", "12.3.4");
    assertThat(browser.find(".fact-file").getText()).isEqualTo("bad.csv");
    assertThat(browser.find(".fact-line").getText()).isEqualTo("3");
    assertThat(browser.find(".fact-column").getText()).isEqualTo("amount");
    assertThat(problem.findElement(By.cssSelector(".unchanged")).getText())
        .contains(schema + ".people is unchanged");
    assertThat(problem.findElement(By.cssSelector(".rejects-link")).getDomAttribute("href"))
        .startsWith("/ui/imports/");
    assertThat(TestDatabase.count(schema + ".people")).isEqualTo(1);
  }

  @Test
  void progress_updates_while_a_million_rows_import() throws IOException {
    Path file = dir.resolve("million.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
      StringBuilder sb = new StringBuilder(1 << 20).append("id,name,amount,note\n");
      for (int i = 1; i <= 1_000_000; i++) {
        sb.append(i)
            .append(",name ")
            .append(i % 977)
            .append(',')
            .append(i % 10_000)
            .append('.')
            .append(i % 100)
            .append(",\"a longer note, with a comma\"\n");
        if (sb.length() > (1 << 20) - 200) {
          out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
          sb.setLength(0);
        }
      }
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    upload(file);
    setTable(schema + ".million");
    browser.find("#c0-type").sendKeys(org.openqa.selenium.Keys.TAB);

    browser.find("#import").click();

    // the card is replaced on each progress event; collect what it showed until the summary
    Set<String> seen = new LinkedHashSet<>();
    browser
        .waiting(120)
        .until(
            d -> {
              List<WebElement> rows = d.findElements(By.cssSelector("#task-card .progress-rows"));
              if (!rows.isEmpty())
                seen.add(
                    rows.getFirst().getText()
                        + " "
                        + d.findElement(By.cssSelector("#task-card .progress-percent")).getText());
              return !d.findElements(By.cssSelector("#summary-headline")).isEmpty();
            });
    assertThat(browser.find("#summary-headline").getText())
        .isEqualTo("Imported 1,000,000 rows into " + schema + ".million.");
    List<String> moving = seen.stream().filter(s -> !s.startsWith("0 ")).toList();
    assertThat(moving)
        .as("progress shown while the import ran: " + seen)
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(moving.getFirst()).contains("%");
    assertThat(TestDatabase.count(schema + ".million")).isEqualTo(1_000_000);
  }
}
