package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CLI as a user runs it, against a real PostgreSQL given with --db. */
class CliTest {
  @TempDir Path dir;
  private String schema;

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("cli");
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path csv(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  @Test
  void imports_a_csv_without_a_mapping_and_prints_a_json_summary() throws IOException {
    Path file =
        csv(
            "people.csv",
            "Person ID,Full Name,Born,Score\n1,Ada,1815-12-10,9.5\n2,Alan,1912-06-23,8.25\n");

    CliRun r = run("import", file.toString(), "--table", schema + ".people", "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(r.out());
    assertThat(json.get("status").asString()).isEqualTo("succeeded");
    assertThat(json.get("table").asString()).isEqualTo(schema + ".people");
    assertThat(json.get("rowsRead").asLong()).isEqualTo(2);
    assertThat(json.get("rowsInserted").asLong()).isEqualTo(2);
    assertThat(json.get("importId").asLong()).isPositive();
    assertThat(
            TestDatabase.query("SELECT person_id, full_name FROM " + schema + ".people ORDER BY 1"))
        .extracting(m -> m.get("full_name"))
        .containsExactly("Ada", "Alan");
  }

  @Test
  void a_bad_value_exits_non_zero_with_line_column_and_value_and_the_table_keeps_its_rows()
      throws IOException {
    Path mapping = dir.resolve("m.yaml");
    Files.writeString(
        mapping,
        """
        target: { schema: %s, table: scores }
        columns: [ { source: name }, { source: score, type: "numeric(5,2)" } ]
        """
            .formatted(schema));
    assertThat(
            run(
                    "import",
                    csv("good.csv", "name,score\nA,1.5\nB,2\n").toString(),
                    "-m",
                    mapping.toString())
                .exitCode())
        .isZero();

    CliRun r =
        run(
            "import",
            csv("bad.csv", "name,score\nC,3\nD,three\nE,5\n").toString(),
            "-m",
            mapping.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("bad.csv")
        .contains("line 3")
        .contains("column 'score'")
        .contains("'three'");
    assertThat(TestDatabase.count(schema + ".scores")).isEqualTo(2);
  }

  @Test
  void json_mode_prints_a_failure_object_too() throws IOException {
    Path file = csv("x.csv", "a\n1\n");

    CliRun r =
        run(
            "import",
            file.toString(),
            "--table",
            schema + ".x",
            "--json",
            "-m",
            dir.resolve("missing.yaml").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(JsonMapper.builder().build().readTree(r.out()).get("status").asString())
        .isEqualTo("failed");
  }

  @Test
  void a_failed_import_reports_its_ledger_id_for_the_rejects() throws IOException {
    Path mapping = dir.resolve("m.yaml");
    Files.writeString(
        mapping,
        "target: { schema: %s, table: n }\ncolumns: [ { source: n, type: bigint } ]\n"
            .formatted(schema));

    CliRun json =
        run("import", csv("n.csv", "n\n1\nx\n").toString(), "-m", mapping.toString(), "--json");
    CliRun text = run("import", csv("n2.csv", "n\n2\ny\n").toString(), "-m", mapping.toString());

    long id = JsonMapper.builder().build().readTree(json.out()).get("importId").asLong();
    assertThat(run("rejects", String.valueOf(id)).out()).contains("x");
    assertThat(text.err())
        .contains("The row is kept in the reject store: datamapper rejects " + (id + 1));
  }

  @Test
  void refuses_the_same_file_twice_and_lists_imports_tables_and_rejects() throws IOException {
    Path file = csv("cities.csv", "city,pop\nZurich,421878\nBern,x\n");
    String table = schema + ".cities";
    Path mapping = dir.resolve("cities.yaml");
    Files.writeString(
        mapping,
        "target: { table: cities }\ncolumns: [ { source: city }, { source: pop, type: bigint } ]\n");

    CliRun first =
        run(
            "import",
            file.toString(),
            "-m",
            mapping.toString(),
            "--table",
            table,
            "--on-error",
            "skip");
    CliRun again = run("import", file.toString(), "-m", mapping.toString(), "--table", table);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("Imported 1 row from")
        .contains("Rejected 1 row (kept in the reject store: datamapper rejects");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already imported");
    CliRun imports = run("imports");
    assertThat(imports.out()).contains("cities.csv").contains("succeeded");
    String id = imports.out().lines().skip(2).findFirst().orElseThrow().split("\\|")[0].strip();
    assertThat(run("rejects", id).out()).contains("pop").contains("x");
    assertThat(run("tables").out()).contains(table);
    assertThat(run("tables", table).out()).contains("Zurich").contains("421878");
  }

  @Test
  void detect_prints_a_yaml_mapping_that_import_accepts() throws IOException {
    Path file = csv("orders.csv", "Order ID;Amount;Date\n1;12,50;2024-01-31\n2;3,00;2024-02-01\n");

    CliRun detect = run("detect", file.toString());

    assertThat(detect.exitCode()).as(detect.err()).isZero();
    assertThat(detect.out()).contains("order_id").contains("delimiter: ;");
    Path mapping = dir.resolve("orders.yaml");
    Files.writeString(mapping, detect.out().replace("schema: public", "schema: " + schema));
    CliRun imported = run("import", file.toString(), "-m", mapping.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(
            TestDatabase.query(
                "SELECT amount::text AS a FROM " + schema + ".orders ORDER BY order_id"))
        .extracting(m -> m.get("a"))
        .containsExactly("12.50", "3.00");
  }

  @Test
  void a_mysql_export_with_backslash_escapes_and_epoch_times_is_detected_and_imported()
      throws IOException {
    Path file =
        csv(
            "events.tsv",
            "id\tcreated_at\tnote\n1\t1623767400\tsaid \"hi\"\\\nand left\n"
                + "2\t1700000000\t\\N\n3\t1700000100\tC:\\\\tmp\\ttab\n");

    CliRun detect = run("detect", file.toString());

    assertThat(detect.exitCode()).as(detect.err()).isZero();
    assertThat(detect.out()).contains("escape: \\").contains("format: epoch-seconds");
    Path mapping = dir.resolve("events.yaml");
    Files.writeString(mapping, detect.out().replace("schema: public", "schema: " + schema));
    CliRun imported = run("import", file.toString(), "-m", mapping.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(
            TestDatabase.query(
                "SELECT created_at::text AS c, note FROM " + schema + ".events ORDER BY id"))
        .extracting(m -> m.get("c") + "|" + m.get("note"))
        .containsExactly(
            "2021-06-15 14:30:00+00|said \"hi\"\nand left",
            "2023-11-14 22:13:20+00|null",
            "2023-11-14 22:15:00+00|C:\\tmp\ttab");
  }

  @Test
  void format_sheet_and_record_path_options_steer_detection() throws IOException {
    Path json =
        csv(
            "export.txt",
            "{\"meta\": {\"n\": 2}, \"data\": {\"items\": [{\"id\": 1, \"tags\": [\"a\"]}, {\"id\": 2, \"tags\": []}]}}");
    Path xml =
        csv(
            "feed.data",
            "<feed><entry><id>7</id></entry><entry><id>8</id></entry><entry><id>9</id></entry></feed>");

    CliRun j =
        run(
            "import",
            json.toString(),
            "--format",
            "json",
            "--record-path",
            "data.items",
            "--table",
            schema + ".items",
            "--json");
    CliRun x =
        run(
            "import",
            xml.toString(),
            "--format",
            "xml",
            "--record-path",
            "entry",
            "--table",
            schema + ".entries");
    CliRun xlsx =
        run(
            "import",
            workbook().toString(),
            "--sheet",
            "arts",
            "--table",
            schema + ".deaths",
            "--on-error",
            "skip");

    assertThat(j.exitCode()).as(j.err()).isZero();
    assertThat(
            TestDatabase.query(
                "SELECT id, tags::text AS tags FROM " + schema + ".items ORDER BY id"))
        .extracting(m -> m.get("tags"))
        .containsExactly("[\"a\"]", "[]");
    assertThat(x.exitCode()).as(x.err()).isZero();
    assertThat(TestDatabase.count(schema + ".entries")).isEqualTo(3);
    assertThat(xlsx.exitCode()).as(xlsx.err()).isZero();
    assertThat(TestDatabase.count(schema + ".deaths")).isEqualTo(10);
  }

  @Test
  void an_unknown_format_is_refused_with_the_choices() throws IOException {
    CliRun r = run("import", csv("a.csv", "a\n1\n").toString(), "--format", "parquet");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--format 'parquet' is unknown; use csv, excel, json or xml");
  }

  /** readxl's deaths.xlsx (MIT), from the engine's test resources. */
  private Path workbook() throws IOException {
    Path source = Path.of("../engine/src/test/resources/excel/deaths.xlsx");
    Path copy = dir.resolve("deaths.xlsx");
    Files.copy(source, copy);
    return copy;
  }
}
