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

/**
 * Mapping v2 through the CLI: expression columns, a filter, rowsFiltered in import --json and
 * imports.
 */
class MappingV2CliTest {
  @TempDir Path dir;
  private String schema;

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("cliv2");
  }

  @Test
  void import_json_and_imports_show_the_rows_the_filter_left_out() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("people.csv"),
            "First,Last,Status\nAda,Lovelace,live\nTest,User,test\nAlan,Turing,live\n");
    Path mapping =
        Files.writeString(
            dir.resolve("people.yaml"),
            """
        target: { schema: %s, table: people }
        filter: "status != 'test'"
        columns:
          - { source: First, name: first_name }
          - { source: Last, name: last_name }
          - { source: Status, name: status }
          - { name: full_name, expr: "first_name + ' ' + last_name" }
        """
                .formatted(schema));

    CliRun r = CliRun.of("import", file.toString(), "-m", mapping.toString(), "--json");
    CliRun text = CliRun.of("imports", "--json");
    CliRun table = CliRun.of("imports");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(r.out());
    assertThat(json.get("rowsRead").asLong()).isEqualTo(3);
    assertThat(json.get("rowsInserted").asLong()).isEqualTo(2);
    assertThat(json.get("rowsFiltered").asLong()).isEqualTo(1);
    assertThat(json.get("rowsRejected").asLong()).isZero();
    long id = json.get("importId").asLong();
    JsonNode listed = null;
    for (JsonNode n : JsonMapper.builder().build().readTree(text.out()).values()) {
      if (n.get("id").asLong() == id) listed = n;
    }
    assertThat(listed).isNotNull();
    assertThat(listed.get("rowsFiltered").asLong()).isEqualTo(1);
    assertThat(table.out()).contains("filtered");
    assertThat(TestDatabase.query("SELECT full_name FROM " + schema + ".people ORDER BY 1"))
        .extracting(m -> m.get("full_name"))
        .containsExactly("Ada Lovelace", "Alan Turing");
  }

  @Test
  void a_bad_expression_fails_the_import_before_any_row_moves_naming_column_and_position()
      throws IOException {
    Path file = Files.writeString(dir.resolve("q.csv"), "qty\n1\n2\n");
    Path mapping =
        Files.writeString(
            dir.resolve("q.yaml"),
            """
        target: { schema: %s, table: q }
        columns:
          - { source: qty, name: qty, type: integer }
          - { name: qty2, type: bigint, expr: "qty * * 2" }
        """
                .formatted(schema));

    CliRun r = CliRun.of("import", file.toString(), "-m", mapping.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("column 'qty2': expression \"qty * * 2\" at line 1, column");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".q') AS t").getFirst().get("t"))
        .isNull();
  }
}
