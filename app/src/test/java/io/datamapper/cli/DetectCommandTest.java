package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code datamapper detect} as a user runs it (no database needed without --table). */
class DetectCommandTest {
  @TempDir Path dir;

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = DataMapperCommand.commandLine(args);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void json_output_has_the_dialect_characters_columns_and_notes_with_evidence() throws IOException {
    Path file = dir.resolve("sales.csv");
    Files.writeString(
        file,
        "Order ID;Day;Total\r\n1;03/04/2024;1,50\r\n2;05/04/2024;2,25\r\n3;07/04/2024;NULL\r\n");

    Result r = run("detect", file.toString(), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(r.out());
    JsonNode csv = json.get("source").get("csv");
    assertThat(csv.get("delimiter").asString()).isEqualTo(";");
    assertThat(csv.get("quote").asString()).isEqualTo("\"");
    assertThat(csv.get("escape").asString()).isEqualTo("\"");
    assertThat(csv.get("lineSeparator").asString()).isEqualTo("\r\n");
    assertThat(csv.get("header").isBoolean()).isTrue();
    assertThat(csv.get("header").asBoolean()).isTrue();
    assertThat(json.get("source").get("encoding").asString()).isEqualTo("UTF-8");

    JsonNode columns = json.get("columns");
    assertThat(columns).hasSize(3);
    assertThat(columns.get(0).get("source").asString()).isEqualTo("Order ID");
    assertThat(columns.get(0).get("name").asString()).isEqualTo("order_id");
    assertThat(columns.get(0).get("type").asString()).isEqualTo("bigint");
    assertThat(columns.get(1).get("type").asString()).isEqualTo("date");
    assertThat(columns.get(1).get("format").asString()).isEqualTo("dd/MM/yyyy");
    assertThat(columns.get(2).get("type").asString()).isEqualTo("numeric");
    assertThat(columns.get(2).get("format").asString()).isEqualTo(",");

    JsonNode notes = json.get("notes");
    assertThat(notes.size()).isPositive();
    for (JsonNode n : notes) {
      assertThat(n.has("column")).isTrue();
      assertThat(n.get("message").asString()).isNotBlank();
      assertThat(n.get("evidence").isArray()).isTrue();
    }
    JsonNode dayNote = null;
    for (JsonNode n : notes) {
      if ("day".equals(n.get("column").asString(null))
          && n.get("message").asString().contains("DD/MM")) dayNote = n;
    }
    assertThat(dayNote).as("DD/MM ambiguity note in " + notes).isNotNull();
    assertThat(dayNote.get("evidence").toString()).contains("03/04/2024");
    JsonNode fileNote = notes.get(0);
    assertThat(fileNote.get("column").isNull()).isTrue();
  }

  @Test
  void yaml_output_carries_the_notes_as_comments() throws IOException {
    Path file = dir.resolve("t.csv");
    Files.writeString(file, "a,b\n1,x\n2,y\n");

    Result r = run("detect", file.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("# ").contains("delimiter: \",\"").contains("source: a");
  }

  @Test
  void detect_with_a_saved_mapping_reports_new_missing_and_renamed_columns() throws IOException {
    Path mapping = dir.resolve("orders.yaml");
    Files.writeString(
        mapping,
        """
        target: { schema: public, table: orders }
        columns:
          - { source: "Order ID", name: order_id, type: bigint }
          - { source: "Qty", name: qty, type: integer }
          - { source: "Notes", name: notes }
        """);
    Path file = dir.resolve("orders-2024-06.csv");
    Files.writeString(file, "Order ID,Quantity,Discount\n1,2,0\n2,1,5\n");

    Result text = run("detect", file.toString(), "--mapping", mapping.toString());
    Result json = run("detect", file.toString(), "--mapping", mapping.toString(), "--json");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("# Compared with mapping " + mapping)
        .contains("'Quantity' in the file looks like 'Qty'")
        .contains("'Discount' is in the file but not expected")
        .contains("'Notes' (column notes) is not in the file");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode drift = JsonMapper.builder().build().readTree(json.out()).get("drift");
    assertThat(drift.get("renamed").get(0).get("field").asString()).isEqualTo("Quantity");
    assertThat(drift.get("renamed").get(0).get("source").asString()).isEqualTo("Qty");
    assertThat(drift.get("new").get(0).asString()).isEqualTo("Discount");
    assertThat(drift.get("missing").get(0).get("source").asString()).isEqualTo("Notes");
    assertThat(drift.get("matched").get(0).get("how").asString()).isEqualTo("exact");
  }

  @Test
  void detect_with_a_table_compares_the_file_with_its_columns() throws IOException {
    String schema = io.datamapper.testing.TestDatabase.freshSchema("drift");
    io.datamapper.testing.TestDatabase.execute(
        "CREATE TABLE "
            + schema
            + ".people (person_id bigint, full_name text, born date, _import_id bigint)");
    Path file = dir.resolve("people.csv");
    Files.writeString(file, "Person ID,Name,Born,Email\n1,Ada,1815-12-10,ada@example.org\n");

    Result r =
        run(
            "detect",
            file.toString(),
            "--table",
            schema + ".people",
            "--json",
            "--db",
            io.datamapper.testing.TestDatabase.jdbcUrl());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode drift = JsonMapper.builder().build().readTree(r.out()).get("drift");
    assertThat(drift.get("matched").toString()).contains("person_id").contains("born");
    assertThat(drift.get("renamed").get(0).get("field").asString()).isEqualTo("Name");
    assertThat(drift.get("renamed").get(0).get("column").asString()).isEqualTo("full_name");
    assertThat(drift.get("new").get(0).asString()).isEqualTo("Email");
    assertThat(drift.get("missing")).isEmpty();
    assertThat(drift.get("typeChanges")).isEmpty();
  }

  @Test
  void detect_with_a_saved_mapping_warns_when_values_no_longer_fit_a_column_type()
      throws IOException {
    Path mapping = dir.resolve("stock.yaml");
    Files.writeString(
        mapping,
        "target: { table: stock }\ncolumns: [ { source: sku }, { source: qty, type: bigint } ]\n");
    Path file = dir.resolve("stock.csv");
    Files.writeString(file, "sku,qty\nA1,3 boxes\nB2,n/a\n");

    Result r = run("detect", file.toString(), "-m", mapping.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("'qty' (column qty) is bigint there but its sampled values are text now");
  }

  @Test
  void what_detect_proposes_for_flags_and_year_named_headers_imports() throws IOException {
    String schema = io.datamapper.testing.TestDatabase.freshSchema("detected");
    Path file = dir.resolve("flags.csv");
    Files.writeString(
        file, "id,is_paid,amount,2021,2022,2023\n1,1,9.50,1.5,2.5,3.5\n2,0,12.25,4.5,5.5,6.5\n");

    Result r =
        run(
            "import",
            file.toString(),
            "--table",
            schema + ".flags",
            "--db",
            io.datamapper.testing.TestDatabase.jdbcUrl());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(
            io.datamapper.testing.TestDatabase.query(
                "SELECT is_paid, amount FROM " + schema + ".flags ORDER BY id"))
        .extracting(m -> m.get("is_paid"))
        .containsExactly(true, false);
  }

  @Test
  void json_output_says_null_for_a_file_without_quoting() throws IOException {
    Path file = dir.resolve("notes.tsv");
    Files.writeString(file, "id\tremark\n1\t\"?\" he wrote\n2\tsize 5'10\" tall\n3\tplain\n");

    Result r = run("detect", file.toString(), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode csv = JsonMapper.builder().build().readTree(r.out()).get("source").get("csv");
    assertThat(csv.get("delimiter").asString()).isEqualTo("\t");
    assertThat(csv.get("quote").isNull()).isTrue();
    assertThat(csv.get("escape").isNull()).isTrue();
  }
}
