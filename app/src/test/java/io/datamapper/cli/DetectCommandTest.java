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
    Files.writeString(file, "Order ID;Day;Total\r\n1;03/04/2024;1,50\r\n2;05/04/2024;2,25\r\n3;07/04/2024;NULL\r\n");

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
      if ("day".equals(n.get("column").asString(null)) && n.get("message").asString().contains("DD/MM")) dayNote = n;
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
}
