package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import io.datamapper.undo.Undoer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mode {@code replace} and its undo keep the table's index names and its serial sequence: the new
 * table takes the old one's index names and sequence, and the kept table carries names of its own,
 * so tables of the same name in two schemas can both be replaced.
 */
class ReplaceHandOverTest {
  @TempDir Path dir;
  private ImportFixture one;
  private ImportFixture two;

  private static final String MAPPING =
      """
      source: { format: csv }
      target: { schema: %s, table: carts, mode: replace }
      policies: { duplicateFile: allow }
      columns:
        - { source: name, name: name, type: text }
      """;

  @BeforeEach
  void setUp() {
    one = new ImportFixture(dir, "handone");
    two = new ImportFixture(dir, "handtwo");
    for (ImportFixture fx : List.of(one, two)) {
      TestDatabase.execute(
          "CREATE TABLE "
              + fx.table("carts")
              + " (id serial PRIMARY KEY, name text UNIQUE, _import_id bigint);"
              + " CREATE INDEX carts_lower ON "
              + fx.table("carts")
              + " (lower(name)) WHERE name IS NOT NULL;"
              + " INSERT INTO "
              + fx.table("carts")
              + " (name) VALUES ('old1'), ('old2')");
    }
  }

  private static List<String> indexes(ImportFixture fx) {
    return TestDatabase.query(
            "SELECT indexname FROM pg_indexes WHERE schemaname = '"
                + fx.schema()
                + "' AND tablename = 'carts' ORDER BY indexname")
        .stream()
        .map(r -> (String) r.get("indexname"))
        .toList();
  }

  private static Object nextId(ImportFixture fx, String name) {
    List<Map<String, Object>> r =
        TestDatabase.query(
            "INSERT INTO " + fx.table("carts") + " (name) VALUES ('" + name + "') RETURNING id");
    return r.get(0).get("id");
  }

  @Test
  void tables_of_the_same_name_in_two_schemas_are_both_replaced_and_keep_their_index_names() {
    Path file = one.write("carts.csv", "name\nnew1\nnew2\nnew3\n");
    ImportSummary a = one.run(file, MAPPING);
    ImportSummary b = two.run(file, MAPPING);

    assertThat(a.rowsInserted()).isEqualTo(3);
    assertThat(b.rowsInserted()).isEqualTo(3);
    for (ImportFixture fx : List.of(one, two)) {
      assertThat(indexes(fx)).containsExactly("carts_lower", "carts_name_key", "carts_pkey");
      assertThat(TestDatabase.count(fx.table("carts"))).isEqualTo(3);
    }
  }

  @Test
  void the_serial_sequence_stays_with_the_table_through_two_replaces_and_an_undo() {
    Path file = one.write("carts.csv", "name\nnew1\nnew2\nnew3\n");
    one.run(file, MAPPING);
    // the sequence still counts from where the first table left it (ids 1 and 2 were taken)
    assertThat(nextId(one, "added")).isEqualTo(6);
    ImportSummary second = one.run(file, MAPPING);
    assertThat(nextId(one, "added again")).isEqualTo(10);
    assertThat(
            TestDatabase.query(
                    "SELECT count(*) AS n FROM pg_class WHERE relname = 'carts_id_seq'"
                        + " AND relnamespace = '"
                        + one.schema()
                        + "'::regnamespace")
                .get(0)
                .get("n"))
        .isEqualTo(1L);

    new Undoer(TestDatabase.dataSource()).undo(second.importId());

    assertThat(indexes(one)).containsExactly("carts_lower", "carts_name_key", "carts_pkey");
    assertThat(one.rows("carts", "name", "name"))
        .extracting(r -> r.get("name"))
        .containsExactly("added", "new1", "new2", "new3");
    assertThat(nextId(one, "after undo")).isEqualTo(11);
  }
}
