package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.db.Migrations;
import io.datamapper.format.BadFileException;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real workbooks through the whole path: mapping, coercion, binary COPY, ledger. */
class ExcelImportTest {
  @TempDir Path dir;
  private String schema;
  private Importer importer;

  @BeforeAll
  static void migrate() {
    Migrations.migrate(TestDatabase.dataSource());
  }

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("excel");
    importer = Importer.builder().dataSource(TestDatabase.dataSource()).build();
  }

  private static Path workbook(String name) {
    try {
      return Path.of(ExcelImportTest.class.getResource("/excel/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private ImportSummary run(Path file, String mapping) {
    return importer.run(
        ImportRequest.of(ImportSource.of(file), MappingReader.parse(mapping, "test.yaml")));
  }

  private String deathsMapping(String extra) {
    return """
        source: { format: excel }
        target: { schema: %s, table: deaths }
        columns:
          - { source: Name, name: name, nullable: false }
          - { source: Profession, name: profession }
          - { source: Age, name: age, type: integer, nullable: false }
          - { source: "Has kids", name: has_kids, type: boolean }
          - { source: "Date of birth", name: born, type: date }
          - { source: "Date of death", name: died, type: date }
        policies: { badRows: { mode: skip } }
        %s
        """
        .formatted(schema, extra);
  }

  @ParameterizedTest
  @ValueSource(strings = {"deaths.xlsx", "deaths.xls"})
  void imports_an_excel_sheet_with_typed_columns_and_rejects_the_notes_below_it(String file) {
    ImportSummary summary = run(workbook(file), deathsMapping(""));

    assertThat(summary.status()).isEqualTo("succeeded");
    assertThat(summary.rowsRead()).isEqualTo(14);
    assertThat(summary.rowsInserted()).isEqualTo(10);
    assertThat(summary.rowsRejected()).isEqualTo(4);
    List<Map<String, Object>> rows =
        TestDatabase.query("SELECT * FROM " + schema + ".deaths ORDER BY born");
    assertThat(rows).hasSize(10);
    assertThat(rows.get(0))
        .containsEntry("name", "Zsa Zsa Gábor")
        .containsEntry("age", 99)
        .containsEntry("has_kids", true)
        .containsEntry("born", Date.valueOf("1917-02-06"))
        .containsEntry("died", Date.valueOf("2016-12-18"));
    assertThat(
            TestDatabase.query("SELECT count(*) AS n FROM " + schema + ".deaths WHERE NOT has_kids")
                .get(0))
        .containsEntry("n", 3L);
  }

  @Test
  void imports_the_second_sheet_by_name() {
    ImportSummary summary =
        run(
            workbook("deaths.xlsx"),
            deathsMapping("").replace("format: excel", "format: excel, excel: { sheet: other }"));

    assertThat(summary.rowsInserted()).isEqualTo(10);
    assertThat(TestDatabase.query("SELECT name FROM " + schema + ".deaths WHERE age = 95").get(0))
        .containsEntry("name", "John Glenn");
  }

  @ParameterizedTest
  @ValueSource(strings = {"libreoffice-features.xlsx", "libreoffice-features.xls"})
  void loads_dates_times_text_with_leading_zeros_and_nulls_error_cells_by_a_transform(String file) {
    ImportSummary summary =
        run(
            workbook(file),
            """
        source: { format: excel }
        target: { schema: %s, table: orders }
        columns:
          - { source: Order, name: id, type: bigint }
          - { source: Code, name: code }
          - { source: Customer, name: first_name }
          - { source: "Customer 2", name: last_name }
          - { source: "Ordered on", name: ordered_on, type: date }
          - { source: "Shipped at", name: shipped_at, type: timestamp }
          - { source: Cutoff, name: cutoff, type: time }
          - { source: Amount, name: amount, type: numeric }
          - { source: Paid, name: paid, type: boolean }
          - { source: Ratio, name: ratio, type: double, transform: [{ map: { values: { "#DIV/0!": null, "#VALUE!": null } } }] }
          - { source: Zip, name: zip }
        """
                .formatted(schema));

    assertThat(summary.rowsInserted()).isEqualTo(4);
    List<Map<String, Object>> rows =
        TestDatabase.query("SELECT * FROM " + schema + ".orders ORDER BY id");
    assertThat(rows.get(0))
        .containsEntry("code", "00123")
        .containsEntry("first_name", "Ada")
        .containsEntry("last_name", "Lovelace")
        .containsEntry("ordered_on", Date.valueOf("2024-01-31"))
        .containsEntry("shipped_at", Timestamp.valueOf(LocalDateTime.of(2024, 1, 31, 13, 45)))
        .containsEntry("cutoff", Time.valueOf("13:45:00"))
        .containsEntry("amount", new BigDecimal("1234.5"))
        .containsEntry("paid", true)
        .containsEntry("ratio", 1234.5)
        .containsEntry("zip", "02134");
    assertThat(rows.get(1))
        .containsEntry("ratio", null)
        .containsEntry("paid", false)
        .containsEntry(
            "shipped_at", Timestamp.valueOf(LocalDateTime.of(2000, 2, 29, 0, 0, 1, 500_000_000)));
    assertThat(rows.get(2))
        .containsEntry("amount", new BigDecimal("-100000000000000000000"))
        .containsEntry("code", null);
  }

  @Test
  void an_error_cell_in_a_numeric_column_is_a_bad_row_naming_the_value() {
    assertThatThrownBy(
            () ->
                run(
                    workbook("libreoffice-features.xlsx"),
                    """
        source: { format: excel, excel: { sheet: Orders, headerRow: 2 } }
        target: { schema: %s, table: orders }
        columns:
          - { source: Order, name: id, type: bigint }
          - { source: Ratio, name: ratio, type: double }
        """
                        .formatted(schema)))
        .isInstanceOf(RejectedRowException.class)
        .hasMessageContaining("libreoffice-features.xlsx")
        .hasMessageContaining("line 4")
        .hasMessageContaining("'#DIV/0!'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"libreoffice-1904.xlsx", "libreoffice-1904.xls"})
  void loads_dates_of_the_1904_date_system(String file) {
    run(
        workbook(file),
        """
        source: { format: excel }
        target: { schema: %s, table: events }
        columns:
          - { source: event, name: event }
          - { source: day, name: day, type: date }
          - { source: at, name: at, type: timestamp }
        """
            .formatted(schema));

    assertThat(
            TestDatabase.query("SELECT day, at FROM " + schema + ".events WHERE event = 'launch'")
                .get(0))
        .containsEntry("day", Date.valueOf("2024-01-31"))
        .containsEntry("at", Timestamp.valueOf("2024-01-31 13:45:00"));
  }

  /** Every hostile file: a clear error, the existing table untouched, and the JVM goes on. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "truncated.xlsx",
        "encrypted.xlsx",
        "corrupt.xls",
        "empty.xlsx",
        "renamed-csv.xlsx"
      })
  void a_bad_workbook_fails_with_a_clear_message_and_leaves_the_table_as_it_was(String name)
      throws IOException {
    run(workbook("deaths.xlsx"), deathsMapping(""));
    Path bad = hostile(name);

    assertThatThrownBy(() -> run(bad, deathsMapping("")))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith(name + " is ");

    assertThat(TestDatabase.count(schema + ".deaths")).isEqualTo(10);
    assertThat(
            TestDatabase.query(
                    "SELECT status, error FROM datamapper.imports WHERE file_name = '"
                        + name
                        + "' ORDER BY id DESC LIMIT 1")
                .get(0))
        .containsEntry("status", "failed");
  }

  private Path hostile(String name) throws IOException {
    Path file = dir.resolve(name);
    switch (name) {
      case "truncated.xlsx" -> {
        byte[] all = Files.readAllBytes(workbook("deaths.xlsx"));
        Files.write(file, Arrays.copyOf(all, all.length / 2));
      }
      case "encrypted.xlsx" -> Files.copy(workbook("encrypted.xlsx"), file);
      case "corrupt.xls" -> {
        byte[] all = Files.readAllBytes(workbook("deaths.xls"));
        byte[] noise = new byte[all.length - 512];
        new java.util.Random(7).nextBytes(noise);
        System.arraycopy(noise, 0, all, 512, noise.length);
        Files.write(file, all);
      }
      case "empty.xlsx" -> Files.createFile(file);
      case "renamed-csv.xlsx" ->
          Files.writeString(file, "Name,Age\nAda,36\n", StandardCharsets.UTF_8);
      default -> throw new IllegalArgumentException(name);
    }
    return file;
  }
}
