package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rows after excel.lastRow through the CLI: rowsSkipped in import --json, the summary, imports. */
class RowsSkippedCliTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  private String schema;

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("cliskip");
  }

  /** 2 people, a blank row, then 2 rows of notes (rows 5–6). */
  private Path workbook() throws IOException {
    Path file = dir.resolve("people.xlsx");
    try (OutputStream os = Files.newOutputStream(file)) {
      Workbook wb = new Workbook(os, "datamapper-test", "1.0");
      Worksheet ws = wb.newWorksheet("people");
      ws.value(0, 0, "name");
      ws.value(1, 0, "Ann");
      ws.value(2, 0, "Bob");
      ws.value(4, 0, "Source: a survey");
      ws.value(5, 0, "Collected in 2025");
      wb.finish();
    }
    return file;
  }

  private Path mapping(String table, String excel) throws IOException {
    return Files.writeString(
        dir.resolve(table + ".yaml"),
        """
        source: { format: excel, excel: %s }
        target: { schema: %s, table: %s }
        columns:
          - { source: name, name: name }
        """
            .formatted(excel, schema, table));
  }

  private static JsonNode listed(long id) {
    CliRun imports = CliRun.of("imports", "--json");
    for (JsonNode n : JSON.readTree(imports.out()).values()) {
      if (n.get("id").asLong() == id) return n;
    }
    throw new AssertionError("import #" + id + " not in: " + imports.out());
  }

  @Test
  void rows_after_last_row_are_counted_in_import_json_the_summary_and_imports() throws IOException {
    Path file = workbook();
    Path m = mapping("people", "{ lastRow: 3 }");

    CliRun r = CliRun.of("import", file.toString(), "-m", m.toString(), "--json");
    CliRun human =
        CliRun.of("import", file.toString(), "-m", m.toString(), "--mode", "replace", "--force");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.get("rowsInserted").asLong()).isEqualTo(2);
    assertThat(json.get("rowsSkipped").asLong()).isEqualTo(2);
    assertThat(json.get("skippedReason").asString())
        .isEqualTo(
            "rows after excel.lastRow 3 were not imported (notes below the table?);"
                + " remove lastRow to load them");
    assertThat(listed(json.get("importId").asLong()).get("rowsSkipped").asLong()).isEqualTo(2);
    assertThat(human.exitCode()).as(human.err()).isZero();
    assertThat(human.out())
        .contains("Skipped 2 rows: rows after excel.lastRow 3 were not imported")
        .doesNotContain("Note: Skipped");
    assertThat(CliRun.of("imports").out()).contains("skipped");
  }

  @Test
  void an_import_that_passes_nothing_over_says_zero() throws IOException {
    Path m = mapping("all", "{ headerRow: 1 }");

    CliRun r = CliRun.of("import", workbook().toString(), "-m", m.toString(), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.get("rowsInserted").asLong()).isEqualTo(4);
    assertThat(json.get("rowsSkipped").asLong()).isZero();
    assertThat(json.get("skippedReason").isNull()).isTrue();
    assertThat(listed(json.get("importId").asLong()).get("rowsSkipped").asLong()).isZero();
  }
}
