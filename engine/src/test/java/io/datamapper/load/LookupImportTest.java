package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.MappingException;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import io.datamapper.undo.Undoer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookups on the real PostgreSQL beyond the golden cases: refusals before any row moves, dry run,
 * undo, the import role and bad match values.
 */
class LookupImportTest {
  @TempDir Path dir;
  private ImportFixture fx;

  private static final String ORDERS =
      """
      order_no,customer_email
      1,ada@example.com
      2,cy@example.com
      3,cy@example.com
      """;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "lookup");
    TestDatabase.execute(
        "CREATE TABLE "
            + fx.table("customers")
            + " (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, note text);"
            + " INSERT INTO "
            + fx.table("customers")
            + " (email) VALUES ('ada@example.com')");
  }

  private static String mapping(String lookup) {
    return """
        source: { format: csv }
        target: { schema: %s, table: purchases }
        columns:
          - { source: order_no, name: order_no, type: integer }
          - { name: customer_id, type: bigint, lookup: LOOKUP }
        """
        .replace("LOOKUP", lookup);
  }

  @Test
  void a_dry_run_with_missing_insert_leaves_the_looked_up_table_as_it_was() {
    Path file = fx.write("purchases.csv", ORDERS);

    ImportSummary s =
        fx.dryRun(
            file,
            mapping(
                "{ table: customers, match: { email: customer_email }, return: id, missing: insert }"));

    assertThat(s.status()).isEqualTo("dry-run");
    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(s.notes()).anyMatch(n -> n.contains("added 1 row to " + fx.table("customers")));
    assertThat(TestDatabase.count(fx.table("customers"))).isEqualTo(1);
  }

  @Test
  void undo_removes_the_imported_rows_and_leaves_the_rows_a_lookup_added() {
    TestDatabase.execute(
        "CREATE TABLE "
            + fx.table("purchases")
            + " (order_no integer, customer_id bigint, _import_id bigint)");
    Path file = fx.write("purchases.csv", ORDERS);
    ImportSummary s =
        fx.run(
            file,
            mapping(
                "{ table: customers, match: { email: customer_email }, return: id, missing: insert }"));
    assertThat(TestDatabase.count(fx.table("customers"))).isEqualTo(2);
    assertThat(
            TestDatabase.query(
                    "SELECT count(DISTINCT customer_id) AS n FROM "
                        + fx.table("purchases")
                        + " WHERE order_no IN (2, 3)")
                .getFirst())
        .containsEntry("n", 1L);

    new Undoer(TestDatabase.dataSource()).undo(s.importId());

    assertThat(TestDatabase.count(fx.table("purchases"))).isZero();
    assertThat(TestDatabase.count(fx.table("customers"))).isEqualTo(2);
  }

  @Test
  void a_lookup_into_data_mappers_own_schema_is_refused_before_any_row_moves() {
    Path file = fx.write("purchases.csv", ORDERS);

    assertThatThrownBy(
            () ->
                fx.run(
                    file,
                    mapping(
                        "{ table: datamapper.imports, match: { file_name: customer_email }, return: id }")))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining(
            "column 'customer_id': lookup.table: schema 'datamapper' is internal");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + fx.table("purchases") + "') AS t")
                .getFirst())
        .containsEntry("t", null);
  }

  @Test
  void match_columns_without_a_unique_index_or_an_unfillable_insert_are_mapping_problems() {
    TestDatabase.execute(
        "CREATE TABLE " + fx.table("people") + " (id serial, email text, must text NOT NULL)");
    Path file = fx.write("purchases.csv", ORDERS);

    assertThatThrownBy(
            () ->
                fx.run(
                    file,
                    mapping(
                        "{ table: people, match: { email: customer_email }, return: id, missing: insert }")))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining(
            "has no unique index on (\"email\"), so a value could match several rows")
        .hasMessageContaining("its column 'must' is NOT NULL without a default");
  }

  @Test
  void a_match_value_the_looked_up_column_cannot_hold_is_a_bad_row() {
    TestDatabase.execute(
        "CREATE TABLE " + fx.table("codes") + " (code bigint PRIMARY KEY, id bigint)");
    TestDatabase.execute("INSERT INTO " + fx.table("codes") + " VALUES (7, 70)");
    Path file = fx.write("purchases.csv", "order_no,customer_email\n1,7\n2,seven\n");

    ImportSummary s =
        fx.run(
            file,
            mapping(
                    "{ table: codes, match: { code: customer_email }, return: id, missing: \"null\" }")
                + "policies: { badRows: skip }\n");

    assertThat(s.rowsInserted()).isEqualTo(1);
    assertThat(s.rowsRejected()).isEqualTo(1);
    assertThat(
            TestDatabase.query(
                    "SELECT code, column_name FROM datamapper.rejects WHERE import_id = "
                        + s.importId())
                .getFirst())
        .containsEntry("code", RowProblem.BAD_VALUE)
        .containsEntry("column_name", "customer_id");
    assertThat(fx.rows("purchases", "order_no, customer_id", "order_no").getFirst())
        .containsEntry("customer_id", 70L);
  }

  @Test
  void the_import_role_is_given_select_and_insert_on_the_looked_up_table() {
    Path file = fx.write("purchases.csv", ORDERS);

    fx.run(
        file,
        mapping(
            "{ table: customers, match: { email: customer_email }, return: id, missing: insert }"));

    assertThat(
            TestDatabase.query(
                    "SELECT has_table_privilege('datamapper_import', '"
                        + fx.table("customers")
                        + "', 'SELECT') AS s, has_table_privilege('datamapper_import', '"
                        + fx.table("customers")
                        + "', 'UPDATE') AS u")
                .getFirst())
        .containsEntry("s", true)
        .containsEntry("u", false);
  }
}
