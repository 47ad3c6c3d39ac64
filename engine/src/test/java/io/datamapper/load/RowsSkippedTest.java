package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.ledger.LedgerQueries;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows a reader passes over on purpose are counted (summary and ledger), never dropped silently.
 */
class RowsSkippedTest {
  @TempDir Path dir;
  private ImportFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "skipped");
  }

  private static String mapping(String excel) {
    return """
        source: { format: excel, excel: EXCEL }
        target: { schema: %s, table: people, mode: replace }
        columns:
          - { source: name, name: name, type: text }
          - { source: age, name: age, type: integer }
        """
        .replace("EXCEL", excel);
  }

  private Path sheetWithNotes() throws IOException {
    return sheet(true);
  }

  /** A sheet of 3 people; {@code notes}: then a blank row and 3 rows of notes (rows 6–8). */
  private Path sheet(boolean notes) throws IOException {
    Path file = dir.resolve(notes ? "people-notes.xlsx" : "people.xlsx");
    try (OutputStream os = Files.newOutputStream(file)) {
      Workbook wb = new Workbook(os, "datamapper-test", "1.0");
      Worksheet ws = wb.newWorksheet("people");
      String[][] rows = {{"name", "age"}, {"Ann", "31"}, {"Bob", "42"}, {"Cem", "27"}};
      for (int r = 0; r < rows.length; r++) {
        for (int c = 0; c < 2; c++) ws.value(r, c, rows[r][c]);
      }
      if (notes) {
        ws.value(5, 0, "Source: a survey");
        ws.value(6, 0, "Ages in years");
        ws.value(7, 1, "n = 3");
      }
      wb.finish();
    }
    return file;
  }

  @Test
  void rows_after_excel_last_row_are_counted_in_the_summary_and_the_ledger_with_the_reason()
      throws IOException {
    ImportSummary s = fx.run(sheetWithNotes(), mapping("{ lastRow: 4 }"));

    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(s.rowsSkipped()).isEqualTo(3);
    assertThat(s.skippedReason())
        .isEqualTo(
            "rows after excel.lastRow 4 were not imported (notes below the table?);"
                + " remove lastRow to load them");
    assertThat(s.notes()).contains("Skipped 3 rows: " + s.skippedReason());
    assertThat(new LedgerQueries(TestDatabase.dataSource()).find(s.importId()).orElseThrow())
        .satisfies(r -> assertThat(r.rowsSkipped()).isEqualTo(3));
    assertThat(
            TestDatabase.query(
                "SELECT rows_skipped FROM datamapper.imports WHERE id = " + s.importId()))
        .singleElement()
        .satisfies(r -> assertThat(r.get("rows_skipped")).isEqualTo(3L));
  }

  @Test
  void an_import_without_last_row_skips_nothing_and_says_zero() throws IOException {
    ImportSummary s = fx.run(sheet(false), mapping("{ headerRow: 1 }"));

    assertThat(s.rowsSkipped()).isZero();
    assertThat(s.skippedReason()).isNull();
    assertThat(s.notes()).noneMatch(n -> n.startsWith("Skipped"));
    assertThat(
            TestDatabase.query(
                "SELECT rows_skipped FROM datamapper.imports WHERE id = " + s.importId()))
        .singleElement()
        .satisfies(r -> assertThat(r.get("rows_skipped")).isEqualTo(0L));
  }

  @Test
  void a_last_row_at_or_below_the_end_of_the_data_skips_nothing() throws IOException {
    assertThat(fx.run(sheet(false), mapping("{ lastRow: 4 }")).rowsSkipped()).isZero();
    ImportSummary s = fx.run(sheet(false), mapping("{ lastRow: 100 }"));

    assertThat(s.rowsSkipped()).isZero();
  }
}
