package io.datamapper.undo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.DataMapperException;
import io.datamapper.load.ImportSummary;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UndoerTest {
  @TempDir Path dir;
  private ImportFixture fx;
  private Undoer undoer;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "undo");
    undoer = new Undoer(TestDatabase.dataSource());
  }

  private static final String ITEMS =
      """
      source: { format: csv }
      target: { schema: %s, table: items, mode: MODE }
      columns:
        - { source: sku, name: sku, type: text }
        - { source: price, name: price, type: "numeric(10,2)" }
        - { source: since, name: since, type: date }
        - { source: note, name: note, type: text }
      keys: [sku]
      policies: { duplicateFile: allow, duplicateRow: DUP }
      """;

  private static String items(String mode, String dup) {
    return ITEMS.replace("MODE", mode).replace("DUP", dup);
  }

  private List<Map<String, Object>> snapshot() {
    return fx.rows("items", "*", "sku");
  }

  private String status(long id) {
    return (String)
        TestDatabase.query("SELECT status FROM datamapper.imports WHERE id = " + id)
            .get(0)
            .get("status");
  }

  @Test
  void
      undo_after_an_upsert_restores_the_previous_values_exactly_and_deletes_the_rows_it_inserted() {
    fx.run(
        fx.write(
            "base.csv",
            "sku,price,since,note\nA,1.10,2024-01-01,first\nB,2.20,2024-02-02,\nC,3.30,,plain\n"),
        items("append", "skip"));
    fx.run(
        fx.write("more.csv", "sku,price,since,note\nD,4.40,2024-04-04,other import\n"),
        items("append", "skip"));
    List<Map<String, Object>> before = snapshot();
    ImportSummary upsert =
        fx.run(
            fx.write(
                "up.csv",
                "sku,price,since,note\nA,9.99,2025-01-01,changed\nB,2.20,2024-02-02,\n"
                    + "C,3.30,2024-03-03,\nE,5.50,2025-05-05,new\n"),
            items("upsert", "update"));
    assertThat(upsert.rowsUpdated()).isEqualTo(2);
    assertThat(upsert.rowsInserted()).isEqualTo(1);
    assertThat(snapshot()).isNotEqualTo(before);

    UndoResult result = undoer.undo(upsert.importId());

    assertThat(snapshot()).isEqualTo(before);
    assertThat(result.rowsRestored()).isEqualTo(2);
    assertThat(result.rowsDeleted()).isEqualTo(1);
    assertThat(status(upsert.importId())).isEqualTo("undone");
    assertThat(TestDatabase.count("datamapper.row_images WHERE import_id = " + upsert.importId()))
        .isZero();
  }

  @Test
  void undo_of_an_append_deletes_only_its_own_rows() {
    ImportSummary first =
        fx.run(fx.write("a.csv", "sku,price,since,note\nA,1,,\n"), items("append", "skip"));
    ImportSummary second =
        fx.run(fx.write("b.csv", "sku,price,since,note\nB,2,,\nC,3,,\n"), items("append", "skip"));

    UndoResult result = undoer.undo(second.importId());

    assertThat(fx.rows("items", "sku", "sku")).extracting(r -> r.get("sku")).containsExactly("A");
    assertThat(result.describe()).isEqualTo("deleted 2 rows");
    assertThat(status(first.importId())).isEqualTo("succeeded");
  }

  @Test
  void undo_of_the_import_that_created_a_table_drops_it_when_nothing_else_is_in_it() {
    ImportSummary only =
        fx.run(fx.write("a.csv", "sku,price,since,note\nA,1,,\n"), items("append", "skip"));

    UndoResult result = undoer.undo(only.importId());

    assertThat(result.droppedTable()).isTrue();
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + fx.table("items") + "') IS NULL AS gone")
                .get(0)
                .get("gone"))
        .isEqualTo(true);
  }

  @Test
  void undo_is_refused_when_a_later_import_updated_its_rows_and_allowed_once_that_one_is_undone() {
    fx.run(fx.write("seed.csv", "sku,price,since,note\nZ,0,,\n"), items("append", "skip"));
    ImportSummary first =
        fx.run(fx.write("a.csv", "sku,price,since,note\nA,1,,\nB,2,,\n"), items("append", "skip"));
    ImportSummary later =
        fx.run(fx.write("b.csv", "sku,price,since,note\nA,5,,\n"), items("append", "update"));

    assertThatThrownBy(() -> undoer.undo(first.importId()))
        .isInstanceOf(UndoRefusedException.class)
        .hasMessageContaining(
            "import #" + later.importId() + " (b.csv) later updated 1 of its rows")
        .hasMessageContaining("Undo import #" + later.importId() + " first");
    assertThat(fx.rows("items", "sku, price::text AS price", "sku"))
        .extracting(r -> r.get("sku") + "=" + r.get("price"))
        .containsExactly("A=5.00", "B=2.00", "Z=0.00");

    undoer.undo(later.importId());
    undoer.undo(first.importId());

    assertThat(fx.rows("items", "sku", "sku")).extracting(r -> r.get("sku")).containsExactly("Z");
  }

  @Test
  void undo_of_a_replace_puts_back_the_table_it_replaced() {
    fx.run(fx.write("a.csv", "sku,price,since,note\nA,1,,\nB,2,,\n"), items("append", "skip"));
    List<Map<String, Object>> before = snapshot();
    ImportSummary replace =
        fx.run(fx.write("r.csv", "sku,price,since,note\nX,9,,\n"), items("replace", "skip"));
    assertThat(fx.rows("items", "sku", "sku")).extracting(r -> r.get("sku")).containsExactly("X");

    UndoResult result = undoer.undo(replace.importId());

    assertThat(result.restoredTable()).isTrue();
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void undo_is_refused_after_a_later_replace_and_for_a_truncate_insert_into_an_existing_table() {
    ImportSummary first =
        fx.run(fx.write("a.csv", "sku,price,since,note\nA,1,,\n"), items("append", "skip"));
    ImportSummary truncate =
        fx.run(
            fx.write("t.csv", "sku,price,since,note\nT,1,,\n"), items("truncate-insert", "skip"));

    assertThatThrownBy(() -> undoer.undo(first.importId()))
        .hasMessageContaining(
            "import #"
                + truncate.importId()
                + " (t.csv, mode truncate-insert) replaced the table's rows after it");
    assertThatThrownBy(() -> undoer.undo(truncate.importId()))
        .hasMessageContaining("it emptied the table first (mode truncate-insert)");
    assertThat(fx.rows("items", "sku", "sku")).extracting(r -> r.get("sku")).containsExactly("T");
  }

  @Test
  void undo_twice_a_failed_import_and_an_unknown_import_are_refused_with_reasons() {
    ImportSummary done =
        fx.run(fx.write("a.csv", "sku,price,since,note\nA,1,,\nB,2,,\n"), items("append", "skip"));
    fx.run(fx.write("b.csv", "sku,price,since,note\nC,3,,\n"), items("append", "skip"));
    undoer.undo(done.importId());

    assertThatThrownBy(() -> undoer.undo(done.importId()))
        .isInstanceOf(UndoRefusedException.class)
        .hasMessageContaining("was already undone on");
    assertThatThrownBy(
            () ->
                fx.run(
                    fx.write("bad.csv", "sku,price,since,note\nQ,notanumber,,\n"),
                    items("append", "skip")))
        .isInstanceOf(DataMapperException.class);
    long failed =
        (Long)
            TestDatabase.query(
                    "SELECT max(id) AS id FROM datamapper.imports WHERE status = 'failed'")
                .get(0)
                .get("id");
    assertThatThrownBy(() -> undoer.undo(failed))
        .hasMessageContaining("failed, so it wrote no rows");
    assertThatThrownBy(() -> undoer.undo(987_654_321L))
        .hasMessageContaining("There is no import #987654321");
  }

  @Test
  void a_new_version_of_a_file_takes_the_place_of_the_rows_its_previous_version_loaded() {
    String newVersion =
        items("append", "keep").replace("duplicateFile: allow", "duplicateFile: new-version");
    ImportSummary v1 =
        fx.run(fx.write("prices.csv", "sku,price,since,note\nA,1,,\nB,2,,\n"), newVersion);
    fx.run(fx.write("other.csv", "sku,price,since,note\nC,3,,\n"), newVersion);

    ImportSummary v2 =
        fx.run(fx.write("prices.csv", "sku,price,since,note\nA,1.5,,\nD,4,,\n"), newVersion);

    assertThat(fx.rows("items", "sku, price::text AS price", "sku"))
        .extracting(r -> r.get("sku") + "=" + r.get("price"))
        .containsExactly("A=1.50", "C=3.00", "D=4.00");
    assertThat(status(v1.importId())).isEqualTo("undone");
    assertThat(v2.notes()).anyMatch(n -> n.contains("undid import #" + v1.importId()));
    ImportSummary same =
        fx.run(fx.write("prices.csv", "sku,price,since,note\nA,1.5,,\nD,4,,\n"), newVersion);
    assertThat(same.rowsInserted()).isEqualTo(2);
    assertThat(TestDatabase.count(fx.table("items"))).isEqualTo(3);
  }
}
