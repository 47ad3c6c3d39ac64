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

/** Mapping v2 lookups and PII steps through the CLI: exit codes and messages. */
class LookupCliTest {
  @TempDir Path dir;
  private String schema;

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("clilookup");
    TestDatabase.execute(
        "CREATE TABLE "
            + schema
            + ".customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);"
            + " INSERT INTO "
            + schema
            + ".customers (email) VALUES ('ada@example.com')");
  }

  private Path mapping(String lookup) throws IOException {
    return Files.writeString(
        dir.resolve("m.yaml"),
        """
        target: { schema: %s, table: purchases }
        policies: { badRows: skip }
        columns:
          - { source: no, name: order_no, type: integer }
          - { name: customer_id, type: bigint, lookup: LOOKUP }
        """
            .formatted(schema)
            .replace("LOOKUP", lookup));
  }

  @Test
  void a_lookup_import_reports_its_rejects_and_inserts_the_rows_that_resolve() throws IOException {
    Path file =
        Files.writeString(dir.resolve("o.csv"), "no,email\n1,ada@example.com\n2,bob@example.com\n");

    CliRun r =
        CliRun.of(
            "import",
            file.toString(),
            "-m",
            mapping("{ table: customers, match: { email: email }, return: id }").toString(),
            "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(r.out());
    assertThat(json.get("rowsInserted").asLong()).isEqualTo(1);
    assertThat(json.get("rowsRejected").asLong()).isEqualTo(1);
    CliRun rejects = CliRun.of("rejects", json.get("importId").asString());
    assertThat(rejects.out()).contains("lookup-missing").contains("bob@example.com");
  }

  @Test
  void a_lookup_of_an_unknown_column_exits_1_naming_the_column_before_any_row_moves()
      throws IOException {
    Path file = Files.writeString(dir.resolve("o.csv"), "no,email\n1,ada@example.com\n");

    CliRun r =
        CliRun.of(
            "import",
            file.toString(),
            "-m",
            mapping("{ table: customers, match: { mail: email }, return: id }").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("column 'customer_id': lookup.match")
        .contains("has no column 'mail'");
    assertThat(TestDatabase.query("SELECT to_regclass('" + schema + ".purchases') AS t").getFirst())
        .containsEntry("t", null);
  }
}
