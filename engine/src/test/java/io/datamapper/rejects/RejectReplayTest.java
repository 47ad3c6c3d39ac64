package io.datamapper.rejects;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.Mapping;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectReplayTest {
  @TempDir Path dir;
  private ImportFixture fx;
  private RejectExporter exporter;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "replay");
    exporter = new RejectExporter(TestDatabase.dataSource());
  }

  private static String mapping(String source) {
    return """
        source: SOURCE
        target: { schema: %s, table: scores, mode: replace }
        columns:
          - { source: id, name: id, type: integer }
          - { source: who, name: who, type: text }
          - { source: score, name: score, type: integer }
        policies: { badRows: skip }
        """
        .replace("SOURCE", source);
  }

  /**
   * Exports the rejects, fixes them with {@code fix}, replays them; returns the replay's summary.
   */
  private ImportSummary exportFixReplay(
      long importId, String expectedExport, String from, String to) throws IOException {
    Path exported = dir.resolve("rejects-" + importId);
    RejectExporter.Exported result = exporter.export(importId, exported);
    String text = Files.readString(exported);
    assertThat(text).isEqualTo(expectedExport);
    Files.writeString(exported, text.replace(from, to));
    Mapping replay = Replay.mapping(TestDatabase.dataSource(), importId);
    assertThat(replay.source().format()).isEqualTo(result.format());
    return fx.importer()
        .run(new ImportRequest(ImportSource.of(exported), replay, false, false, null, importId));
  }

  private List<String> scores() {
    return fx.rows("scores", "id, who, score", "id").stream()
        .map(r -> r.get("id") + ":" + r.get("who") + ":" + r.get("score"))
        .toList();
  }

  @Test
  void
      csv_rejects_are_written_back_with_the_header_and_dialect_and_a_fixed_file_replays_into_the_table()
          throws IOException {
    byte[] latin =
        "id;who;score;extra\n1;José;10;x\n2;\"Ann; Lee\";ten;y\n3;Bo;30\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    Path file = dir.resolve("scores.csv");
    Files.write(file, latin);
    ImportSummary first =
        fx.run(file, mapping("{ format: csv, encoding: windows-1252, csv: { delimiter: ';' } }"));
    assertThat(first.rowsRejected()).isEqualTo(2);

    ImportSummary replay =
        exportFixReplay(
            first.importId(),
            "id;who;score;extra\n2;\"Ann; Lee\";ten;y\n3;Bo;30\n",
            "ten;y\n3;Bo;30",
            "11;y\n3;Bo;30;z");

    assertThat(replay.rowsInserted()).isEqualTo(2);
    assertThat(scores()).containsExactly("1:José:10", "2:Ann; Lee:11", "3:Bo:30");
    assertThat(
            TestDatabase.query(
                    "SELECT replay_of FROM datamapper.imports WHERE id = " + replay.importId())
                .get(0)
                .get("replay_of"))
        .isEqualTo(first.importId());
    assertThat(
            TestDatabase.query(
                "SELECT code FROM datamapper.rejects WHERE import_id = "
                    + first.importId()
                    + " ORDER BY record_number"))
        .extracting(r -> r.get("code"))
        .containsExactly("bad-value", "malformed-record");
  }

  @Test
  void rejects_of_a_backslash_escaped_file_without_quotes_are_written_back_as_rfc_4180_and_replay()
      throws IOException {
    Path file = fx.write("scores.tsv", "id\twho\tscore\n1\t\"Ann\" \\t Lee\t10\n2\tBo\\\\\tten\n");
    ImportSummary first =
        fx.run(
            file,
            mapping("{ format: csv, csv: { delimiter: \"\\t\", quote: null, escape: \"\\\\\" } }"));
    assertThat(first.rowsRejected()).isEqualTo(1);

    ImportSummary replay =
        exportFixReplay(first.importId(), "id\twho\tscore\n2\tBo\\\tten\n", "ten", "20");

    assertThat(replay.rowsInserted()).isEqualTo(1);
    assertThat(scores()).containsExactly("1:\"Ann\" \t Lee:10", "2:Bo\\:20");
  }

  @Test
  void json_rejects_are_written_back_as_json_lines_and_replay() throws IOException {
    Path file =
        fx.write(
            "scores.json",
            """
        {"data": [{"id": 1, "who": {"name": "Ann"}, "score": 5}, {"id": 2, "who": {"name": "Bob"}, "score": "five"}]}
        """);
    ImportSummary first =
        fx.run(
            file,
            mapping("{ format: json, json: { recordsPath: data } }")
                .replace("source: who", "source: who.name"));

    ImportSummary replay =
        exportFixReplay(
            first.importId(),
            "{\"id\":2,\"who\":{\"name\":\"Bob\"},\"score\":\"five\"}\n",
            "\"five\"",
            "55");

    assertThat(replay.rowsInserted()).isEqualTo(1);
    assertThat(scores()).containsExactly("1:Ann:5", "2:Bob:55");
  }

  @Test
  void xml_rejects_are_written_back_as_json_lines_with_the_same_field_names_and_replay()
      throws IOException {
    Path file =
        fx.write(
            "scores.xml",
            """
        <scores><s id="1"><who>Ann</who><score>5</score></s><s id="2"><who>Bob</who><score>n/a</score></s></scores>
        """);
    ImportSummary first =
        fx.run(
            file,
            mapping("{ format: xml, xml: { recordPath: /scores/s } }")
                .replace("source: id,", "source: \"@id\","));

    ImportSummary replay =
        exportFixReplay(
            first.importId(), "{\"@id\":\"2\",\"who\":\"Bob\",\"score\":\"n/a\"}\n", "n/a", "7");

    assertThat(replay.rowsInserted()).isEqualTo(1);
    assertThat(scores()).containsExactly("1:Ann:5", "2:Bob:7");
  }

  @Test
  void excel_rejects_are_written_back_as_csv_with_the_sheet_header_and_replay() throws IOException {
    Path file = dir.resolve("scores.xlsx");
    try (OutputStream os = Files.newOutputStream(file)) {
      Workbook wb = new Workbook(os, "datamapper-test", "1.0");
      Worksheet ws = wb.newWorksheet("scores");
      String[][] rows = {{"id", "who", "score"}, {"1", "Ann", "5"}, {"2", "Bob, Jr.", "lots"}};
      for (int r = 0; r < rows.length; r++) {
        for (int c = 0; c < 3; c++) ws.value(r, c, rows[r][c]);
      }
      wb.finish();
    }
    ImportSummary first = fx.run(file, mapping("{ format: excel }"));

    ImportSummary replay =
        exportFixReplay(first.importId(), "id,who,score\n2,\"Bob, Jr.\",lots\n", "lots", "9");

    assertThat(replay.rowsInserted()).isEqualTo(1);
    assertThat(scores()).containsExactly("1:Ann:5", "2:Bob, Jr.:9");
    assertThat(Replay.exportFormat(Format.EXCEL)).isEqualTo(Format.CSV);
  }
}
