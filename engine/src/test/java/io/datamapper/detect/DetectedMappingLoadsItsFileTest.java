package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.load.ImportSummary;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.testing.HostileFiles;
import io.datamapper.testing.ImportFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Minimal reproductions of the files of issue #14 that detection used to propose a mapping for
 * which then rejected or dropped the file's own rows: each is detected, imported with that mapping,
 * and its table checked row by row.
 */
class DetectedMappingLoadsItsFileTest {
  private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

  @TempDir Path dir;

  private ImportSummary detectAndImport(ImportFixture fx, Path file, String table) {
    Mapping m = Detector.detect(file).mapping();
    return fx.run(file, m.withTarget(new TargetSpec(fx.schema(), table, true, m.target().mode())));
  }

  @Test
  void a_quoted_empty_value_in_a_number_column_loads_as_null() {
    ImportFixture fx = new ImportFixture(dir, "empty");
    // csv-spectrum's empty.csv
    Path file = fx.write("empty.csv", "a,b,c\n1,\"\",\"\"\n2,3,4\n");

    ImportSummary s = detectAndImport(fx, file, "empty");

    assertThat(s.rowsRejected()).isZero();
    assertThat(s.rowsInserted()).isEqualTo(2);
    assertThat(fx.rows("empty", "a, b, c", "a"))
        .containsExactly(row("a", 1L, "b", null, "c", null), row("a", 2L, "b", 3L, "c", 4L));
  }

  @Test
  void ragged_rows_are_padded_with_nulls_and_a_row_with_an_extra_value_is_rejected_alone() {
    ImportFixture fx = new ImportFixture(dir, "ragged");
    // data.table's fill=TRUE cases: short rows, a trailing delimiter, one row with a value too many
    Path file =
        fx.write(
            "ragged.csv",
            "id,name,score\n1,Ann,10\n2,Bob\n3,Cem,30,\n4\n5,Eve,50,extra\n6,Fay,60\n");

    Detection d = Detector.detect(file);
    assertThat(d.mapping().source().csv().raggedRows())
        .isEqualTo(io.datamapper.mapping.CsvOptions.RaggedRows.PAD);
    assertThat(d.notes()).anySatisfy(n -> assertThat(n.message()).contains("csv.raggedRows: pad"));
    Mapping m =
        d.mapping()
            .withPolicies(
                new Policies(
                    Policies.DuplicateFile.ALLOW, null, null, Policies.BadRows.SKIP, null, null));
    ImportSummary s =
        fx.run(file, m.withTarget(new TargetSpec(fx.schema(), "ragged", true, m.target().mode())));

    assertThat(s.rowsInserted()).isEqualTo(5);
    assertThat(s.rowsRejected()).isEqualTo(1);
    assertThat(fx.rows("ragged", "id, name, score", "id"))
        .containsExactly(
            row("id", 1L, "name", "Ann", "score", 10L),
            row("id", 2L, "name", "Bob", "score", null),
            row("id", 3L, "name", "Cem", "score", 30L),
            row("id", 4L, "name", null, "score", null),
            row("id", 6L, "name", "Fay", "score", 60L));
  }

  @Test
  void a_csv_with_a_stray_nul_byte_loads_without_it() throws IOException {
    ImportFixture fx = new ImportFixture(dir, "nul");
    Path file = dir.resolve("nul.csv");
    java.nio.file.Files.write(
        file,
        "id,name\n1,Ann\n2,B\0ob\n3,Cem\n"
            .repeat(1)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    Detection d = Detector.detect(file);
    assertThat(d.notes()).anySatisfy(n -> assertThat(n.message()).contains("NUL bytes"));
    ImportSummary s = detectAndImport(fx, file, "nul");

    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(fx.rows("nul", "id, name", "id"))
        .extracting(r -> r.get("name"))
        .containsExactly("Ann", "Bob", "Cem");
  }

  @Test
  void an_excel_4_workbook_is_named_as_an_unsupported_excel_version() throws IOException {
    Path file = dir.resolve("old.xls");
    // the BOF record of a BIFF4 stream: type 0x0409, length 6, version, type 0x0010 (worksheet)
    java.nio.file.Files.write(
        file, new byte[] {0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0, 0, 0, 0});

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Detector.detect(file))
        .hasMessageContaining("old.xls is an Excel 4.0 workbook (BIFF4), which is not supported")
        .hasMessageContaining("save it as .xlsx");
  }

  @Test
  void a_gpx_track_s_records_are_its_points_across_all_segments() throws Exception {
    ImportFixture fx = new ImportFixture(dir, "gpx");
    Path file = Path.of(getClass().getResource("/xml/gpx-track.gpx").toURI());

    Detection d = Detector.detect(file);
    assertThat(d.mapping().source().xml().recordPath()).isEqualTo("/gpx/trk/trkseg/trkpt");
    ImportSummary s = detectAndImport(fx, file, "gpx");

    assertThat(s.rowsInserted()).isEqualTo(24);
    assertThat(s.rowsRejected()).isZero();
    List<Map<String, Object>> rows = fx.rows("gpx", "*", "time");
    assertThat(rows.get(0)).containsEntry("ele", new java.math.BigDecimal("101.5"));
    assertThat(rows.get(23)).containsEntry("ele", new java.math.BigDecimal("124.5"));
  }

  @Test
  void a_sheet_whose_fourth_row_has_blanks_loads_all_five_rows() throws IOException {
    ImportFixture fx = new ImportFixture(dir, "blanks");
    Path file =
        sheet(
            "blanks.xlsx",
            List.of(
                List.of("name", "city", "country"),
                List.of("Ann", "Oslo", "Norway"),
                List.of("Bob", "Bergen", "Norway"),
                List.of("Cem", "Izmir", "Turkey"),
                List.of("Dan", "", ""),
                List.of("Eve", "", "")));

    Detection d = Detector.detect(file);
    assertThat(d.mapping().source().excel().lastRow()).isNull();
    ImportSummary s = detectAndImport(fx, file, "blanks");

    assertThat(s.rowsInserted()).isEqualTo(5);
    assertThat(fx.rows("blanks", "name, city", "name"))
        .extracting(r -> r.get("name"))
        .containsExactly("Ann", "Bob", "Cem", "Dan", "Eve");
  }

  @Test
  void a_sheet_of_numbers_without_a_header_row_keeps_its_first_record() throws IOException {
    ImportFixture fx = new ImportFixture(dir, "headerless");
    Path file =
        sheet(
            "numbers.xlsx",
            List.of(List.of("#1", "#10"), List.of("#2", "#20"), List.of("#3", "#30")));

    Detection d = Detector.detect(file);
    assertThat(d.mapping().source().excel().headerRow()).isZero();
    assertThat(d.notes()).anySatisfy(n -> assertThat(n.message()).startsWith("no header row"));
    ImportSummary s = detectAndImport(fx, file, "numbers");

    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(fx.rows("numbers", "column_1, column_2", "column_1"))
        .containsExactly(
            row("column_1", 1L, "column_2", 10L),
            row("column_1", 2L, "column_2", 20L),
            row("column_1", 3L, "column_2", 30L));
  }

  @Test
  void a_sheet_of_value_and_type_pairs_keeps_its_first_record() throws IOException {
    ImportFixture fx = new ImportFixture(dir, "pairs");
    Path file =
        sheet("pairs.xlsx", List.of(List.of("#12", "kg"), List.of("#7", "m"), List.of("#3", "s")));

    ImportSummary s = detectAndImport(fx, file, "pairs");

    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(fx.rows("pairs", "column_1, column_2", "column_1"))
        .extracting(r -> r.get("column_2"))
        .containsExactly("s", "m", "kg");
  }

  @Test
  void notes_after_a_blank_row_below_a_sheet_are_left_out_and_said() throws IOException {
    ImportFixture fx = new ImportFixture(dir, "notes");
    Path file =
        sheet(
            "notes.xlsx",
            List.of(
                List.of("name", "age", "city"),
                List.of("Ann", "#31", "Oslo"),
                List.of("Bob", "#42", "Bergen"),
                List.of("Cem", "#27", "Izmir"),
                List.of(),
                List.of("Source: a survey")));

    Detection d = Detector.detect(file);
    assertThat(d.mapping().source().excel().lastRow()).isEqualTo(4);
    assertThat(d.notes())
        .anySatisfy(
            n ->
                assertThat(n.message())
                    .contains("rows 6–6 below the table look like notes")
                    .contains("leaving 1 row out"));
    ImportSummary s = detectAndImport(fx, file, "notes");
    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(s.rowsRejected()).isZero();
    assertThat(s.rowsSkipped()).isEqualTo(1);
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  /**
   * A one-sheet workbook: {@code #123} is a number cell, anything else an inline string, "" no
   * cell.
   */
  private Path sheet(String name, List<List<String>> rows) throws IOException {
    StringBuilder xml = new StringBuilder("<worksheet xmlns=\"" + MAIN + "\"><sheetData>");
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).isEmpty()) continue;
      xml.append("<row r=\"").append(r + 1).append("\">");
      for (int c = 0; c < rows.get(r).size(); c++) {
        String v = rows.get(r).get(c);
        if (v.isEmpty()) continue;
        String ref = (char) ('A' + c) + String.valueOf(r + 1);
        if (v.startsWith("#")) {
          xml.append("<c r=\"")
              .append(ref)
              .append("\"><v>")
              .append(v.substring(1))
              .append("</v></c>");
        } else {
          xml.append("<c r=\"")
              .append(ref)
              .append("\" t=\"inlineStr\"><is><t>")
              .append(v)
              .append("</t></is></c>");
        }
      }
      xml.append("</row>");
    }
    xml.append("</sheetData></worksheet>");
    return HostileFiles.xlsx(
        dir.resolve(name), HostileFiles.smallStrings(), HostileFiles.Content.of(xml.toString()));
  }
}
