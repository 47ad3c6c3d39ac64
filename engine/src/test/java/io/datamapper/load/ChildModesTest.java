package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.ledger.Ledger;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import io.datamapper.undo.UndoRefusedException;
import io.datamapper.undo.Undoer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child tables under the load modes that change rows: upsert (duplicateRow update), replace and
 * truncate-insert, with undo, dry run and rejects.
 */
class ChildModesTest {
  @TempDir Path dir;
  private ImportFixture fx;
  private Undoer undoer;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "kidmodes");
    undoer = new Undoer(TestDatabase.dataSource());
  }

  private static final String FIRST =
      """
      {"order_id": 1, "customer": "Ada", "items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}, {"sku": "C", "qty": 3}]}
      {"order_id": 2, "customer": "Bob", "items": [{"sku": "D", "qty": 4}]}
      """;

  /** Order 1 goes from 3 items to 2, order 2 is as before, order 3 is new. */
  private static final String SECOND =
      """
      {"order_id": 1, "customer": "Ada", "items": [{"sku": "A", "qty": 5}, {"sku": "E", "qty": 6}]}
      {"order_id": 2, "customer": "Bob", "items": [{"sku": "D", "qty": 4}]}
      {"order_id": 3, "customer": "Cy", "items": [{"sku": "F", "qty": 7}]}
      """;

  private static String mapping(String mode, String policies) {
    return """
        source: { format: json }
        target: { schema: "%s", table: orders, mode: MODE }
        columns:
          - { source: order_id, name: order_id, type: integer }
          - { source: customer, name: customer }
        keys: [order_id]
        policies: { duplicateFile: allow, POLICIES }
        children:
          - path: items
            table: order_items
            columns:
              - { source: sku, name: sku }
              - { source: qty, name: qty, type: integer }
        """
        .replace("MODE", mode)
        .replace("POLICIES", policies);
  }

  private List<String> orders() {
    return fx.rows("orders", "order_id, customer, _import_id", "order_id").stream()
        .map(r -> r.get("order_id") + " " + r.get("customer") + " #" + r.get("_import_id"))
        .toList();
  }

  private List<String> items() {
    return fx.rows("order_items", "order_id, _position, sku, qty, _import_id", "1, 2, 3").stream()
        .map(
            r ->
                r.get("order_id")
                    + "/"
                    + r.get("_position")
                    + " "
                    + r.get("sku")
                    + "x"
                    + r.get("qty")
                    + " #"
                    + r.get("_import_id"))
        .toList();
  }

  @Test
  void an_upsert_replaces_the_items_of_a_changed_order_adds_new_ones_and_undo_restores_both() {
    long first =
        fx.run(fx.write("day1.ndjson", FIRST), mapping("append", "duplicateRow: skip")).importId();
    List<String> ordersBefore = orders();
    List<String> itemsBefore = items();

    ImportSummary s = fx.run(fx.write("day2.ndjson", SECOND), mapping("upsert", "badRows: abort"));

    long id = s.importId();
    assertThat(s.rowsInserted()).isEqualTo(1);
    assertThat(s.rowsUpdated()).isEqualTo(1);
    assertThat(orders()).containsExactly("1 Ada #" + id, "2 Bob #" + first, "3 Cy #" + id);
    assertThat(items())
        .containsExactly("1/1 Ax5 #" + id, "1/2 Ex6 #" + id, "2/1 Dx4 #" + first, "3/1 Fx7 #" + id);
    assertThat(s.notes())
        .anyMatch(n -> n.contains("order_items") && n.contains("3 rows inserted, 3 replaced"));

    undoer.undo(id);

    assertThat(orders()).isEqualTo(ordersBefore);
    assertThat(items()).isEqualTo(itemsBefore);
  }

  @Test
  void an_order_whose_only_change_is_its_items_counts_as_updated_and_an_earlier_undo_waits() {
    long first =
        fx.run(fx.write("day1.ndjson", FIRST), mapping("append", "duplicateRow: skip")).importId();
    String onlyItems =
        "{\"order_id\": 2, \"customer\": \"Bob\", \"items\": [{\"sku\": \"D\", \"qty\": 40}]}\n";

    ImportSummary s =
        fx.run(fx.write("fix.ndjson", onlyItems), mapping("upsert", "badRows: abort"));

    assertThat(s.rowsUpdated()).isEqualTo(1);
    assertThat(items()).contains("2/1 Dx40 #" + s.importId()).doesNotContain("2/1 Dx4 #" + first);
    assertThatThrownBy(() -> undoer.undo(first))
        .isInstanceOf(UndoRefusedException.class)
        .hasMessageContaining("import #" + s.importId());
  }

  @Test
  void a_dry_run_upsert_reports_the_child_counts_and_changes_neither_table() {
    fx.run(fx.write("day1.ndjson", FIRST), mapping("append", "duplicateRow: skip"));
    List<String> ordersBefore = orders();
    List<String> itemsBefore = items();

    ImportSummary dry =
        fx.dryRun(fx.write("day2.ndjson", SECOND), mapping("upsert", "badRows: abort"));

    assertThat(dry.status()).isEqualTo("dry-run");
    assertThat(dry.rowsInserted()).isEqualTo(1);
    assertThat(dry.rowsUpdated()).isEqualTo(1);
    assertThat(dry.notes())
        .anyMatch(n -> n.contains("order_items") && n.contains("3 rows inserted, 3 replaced"));
    assertThat(orders()).isEqualTo(ordersBefore);
    assertThat(items()).isEqualTo(itemsBefore);
  }

  @Test
  void a_bad_item_under_upsert_rejects_the_whole_order_and_its_old_items_stay() {
    long first =
        fx.run(fx.write("day1.ndjson", FIRST), mapping("append", "duplicateRow: skip")).importId();
    String bad =
        """
        {"order_id": 1, "customer": "Ada", "items": [{"sku": "A", "qty": "many"}]}
        {"order_id": 2, "customer": "Bob B.", "items": [{"sku": "D", "qty": 4}]}
        """;

    ImportSummary s = fx.run(fx.write("bad.ndjson", bad), mapping("upsert", "badRows: skip"));

    assertThat(s.rowsRejected()).isEqualTo(1);
    assertThat(s.rowsUpdated()).isEqualTo(1);
    assertThat(new Ledger(TestDatabase.dataSource()).rejects(s.importId(), 10).getFirst().column())
        .isEqualTo("items[1].qty");
    assertThat(orders()).containsExactly("1 Ada #" + first, "2 Bob B. #" + s.importId());
    assertThat(items())
        .containsExactly(
            "1/1 Ax1 #" + first,
            "1/2 Bx2 #" + first,
            "1/3 Cx3 #" + first,
            "2/1 Dx4 #" + s.importId());
  }

  @Test
  void a_grandchild_level_is_replaced_under_upsert_and_undo_puts_it_back() {
    String yaml =
        """
        target: { schema: "%s", table: carts, mode: upsert }
        columns: [ { source: id, name: id }, { source: who, name: who } ]
        keys: [id]
        policies: { duplicateFile: allow }
        children:
          - path: lines
            table: lines
            columns: [ { source: sku, name: sku } ]
            children:
              - path: parts
                table: parts
                columns: [ { source: n, name: n } ]
        """;
    fx.run(
        fx.write(
            "a.json",
            """
            [{"id": "o1", "who": "Ada", "lines": [{"sku": "A", "parts": [{"n": "a1"}, {"n": "a2"}]}]},
             {"id": "o2", "who": "Bob", "lines": [{"sku": "C", "parts": [{"n": "c1"}]}]}]
            """),
        yaml);
    String parts = "SELECT id, lines_position, _position, n, _import_id FROM ";
    List<?> before = TestDatabase.query(parts + fx.table("parts") + " ORDER BY 1, 2, 3");
    List<?> linesBefore =
        TestDatabase.query("SELECT * FROM " + fx.table("lines") + " ORDER BY 1, 2");

    // only a grandchild of o1 changes: o1 counts as updated, o2 stays as it was
    ImportSummary s =
        fx.run(
            fx.write(
                "b.json",
                """
                [{"id": "o1", "who": "Ada", "lines": [{"sku": "A", "parts": [{"n": "a9"}]}]},
                 {"id": "o2", "who": "Bob", "lines": [{"sku": "C", "parts": [{"n": "c1"}]}]}]
                """),
            yaml);

    assertThat(s.rowsUpdated()).isEqualTo(1);
    assertThat(fx.rows("parts", "id, lines_position, _position, n", "1, 2, 3"))
        .extracting(
            r ->
                r.get("id")
                    + "/"
                    + r.get("lines_position")
                    + "/"
                    + r.get("_position")
                    + " "
                    + r.get("n"))
        .containsExactly("o1/1/1 a9", "o2/1/1 c1");
    assertThat(TestDatabase.count(fx.table("lines"))).isEqualTo(2);

    undoer.undo(s.importId());

    assertThat(TestDatabase.query(parts + fx.table("parts") + " ORDER BY 1, 2, 3"))
        .isEqualTo(before);
    assertThat(TestDatabase.query("SELECT * FROM " + fx.table("lines") + " ORDER BY 1, 2"))
        .isEqualTo(linesBefore);
  }

  @Test
  void replace_swaps_the_child_table_with_the_parent_and_undo_puts_both_back() {
    long first =
        fx.run(fx.write("day1.ndjson", FIRST), mapping("append", "duplicateRow: skip")).importId();
    List<String> ordersBefore = orders();
    List<String> itemsBefore = items();

    ImportSummary s = fx.run(fx.write("full.ndjson", SECOND), mapping("replace", "badRows: abort"));

    long id = s.importId();
    assertThat(orders()).containsExactly("1 Ada #" + id, "2 Bob #" + id, "3 Cy #" + id);
    assertThat(items())
        .containsExactly("1/1 Ax5 #" + id, "1/2 Ex6 #" + id, "2/1 Dx4 #" + id, "3/1 Fx7 #" + id);
    assertThat(s.ddl()).anyMatch(d -> d.contains("_dm_old_" + id + "_1"));
    assertThat(first).isLessThan(id);

    undoer.undo(id);

    assertThat(orders()).isEqualTo(ordersBefore);
    assertThat(items()).isEqualTo(itemsBefore);
    assertThat(
            TestDatabase.query(
                    "SELECT to_regclass('datamapper_undo._dm_old_" + id + "_1') IS NULL AS gone")
                .getFirst())
        .containsEntry("gone", true);
  }

  @Test
  void a_second_replace_drops_the_child_table_the_first_one_kept() {
    fx.run(fx.write("day1.ndjson", FIRST), mapping("append", "duplicateRow: skip"));
    long one =
        fx.run(fx.write("full.ndjson", SECOND), mapping("replace", "badRows: abort")).importId();
    long two =
        fx.run(fx.write("full2.ndjson", FIRST), mapping("replace", "badRows: abort")).importId();

    String kept = "SELECT to_regclass('datamapper_undo._dm_old_%d_1') IS NULL AS gone";
    assertThat(TestDatabase.query(kept.formatted(one)).getFirst()).containsEntry("gone", true);
    assertThat(TestDatabase.query(kept.formatted(two)).getFirst()).containsEntry("gone", false);
    assertThat(items()).hasSize(4).allMatch(i -> i.endsWith("#" + two));
    assertThatThrownBy(() -> undoer.undo(one)).isInstanceOf(UndoRefusedException.class);
  }

  @Test
  void
      truncate_insert_empties_the_child_table_with_the_parent_and_its_undo_is_refused_as_the_parents() {
    fx.run(fx.write("day1.ndjson", FIRST), mapping("append", "duplicateRow: skip"));
    String only =
        "{\"order_id\": 9, \"customer\": \"Zed\", \"items\": [{\"sku\": \"Z\", \"qty\": 1}]}\n";

    ImportSummary s =
        fx.run(fx.write("only.ndjson", only), mapping("truncate-insert", "badRows: abort"));

    long id = s.importId();
    assertThat(orders()).containsExactly("9 Zed #" + id);
    assertThat(items()).containsExactly("9/1 Zx1 #" + id);
    assertThat(s.ddl()).anyMatch(d -> d.startsWith("TRUNCATE") && d.contains("order_items"));
    assertThatThrownBy(() -> undoer.undo(id))
        .isInstanceOf(UndoRefusedException.class)
        .hasMessageContaining("truncate-insert");
    assertThat(items()).containsExactly("9/1 Zx1 #" + id);
  }

  @Test
  void a_first_truncate_insert_with_children_creates_both_tables_and_undo_drops_them() {
    ImportSummary s =
        fx.run(fx.write("day1.ndjson", FIRST), mapping("truncate-insert", "badRows: abort"));
    assertThat(items()).hasSize(4);

    undoer.undo(s.importId());

    assertThat(
            TestDatabase.query(
                    "SELECT to_regclass('"
                        + fx.table("order_items")
                        + "') IS NULL AND to_regclass('"
                        + fx.table("orders")
                        + "') IS NULL AS gone")
                .getFirst())
        .containsEntry("gone", true);
  }

  @Test
  void dry_runs_of_replace_and_truncate_insert_report_the_child_rows_and_change_nothing() {
    fx.run(fx.write("day1.ndjson", FIRST), mapping("append", "duplicateRow: skip"));
    List<String> ordersBefore = orders();
    List<String> itemsBefore = items();
    Path full = fx.write("full.ndjson", SECOND);

    for (String mode : List.of("replace", "truncate-insert")) {
      ImportSummary dry = fx.dryRun(full, mapping(mode, "badRows: abort"));

      assertThat(dry.status()).isEqualTo("dry-run");
      assertThat(dry.rowsInserted()).isEqualTo(3);
      assertThat(dry.notes())
          .anyMatch(n -> n.contains("order_items") && n.contains("4 rows inserted"));
      assertThat(orders()).isEqualTo(ordersBefore);
      assertThat(items()).isEqualTo(itemsBefore);
    }
    assertThat(
            TestDatabase.query(
                    "SELECT count(*) AS n FROM pg_class WHERE relname LIKE '\\_dm\\_%dry\\_run%'")
                .getFirst())
        .containsEntry("n", 0L);
  }

  @Test
  void two_upserts_at_once_take_turns_and_each_order_keeps_the_items_of_one_of_them()
      throws Exception {
    fx.run(fx.write("day1.ndjson", FIRST), mapping("append", "duplicateRow: skip"));
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int order = 1; order <= 200; order++) {
      a.append(order(order, "a", 3));
      b.append(order(order, "b", 2));
    }
    Path fileA = fx.write("a.ndjson", a.toString());
    Path fileB = fx.write("b.ndjson", b.toString());
    String upsert = mapping("upsert", "badRows: abort");

    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var one = pool.submit(() -> fx.run(fileA, upsert));
      var two = pool.submit(() -> fx.run(fileB, upsert));
      assertThat(one.get().rowsInserted() + two.get().rowsInserted()).isEqualTo(198);
    }

    // per order: every item from the same file as the order row, and as many as that file has
    List<?> mixed =
        TestDatabase.query(
            "SELECT o.order_id FROM "
                + fx.table("orders")
                + " o JOIN "
                + fx.table("order_items")
                + " i USING (order_id) GROUP BY o.order_id, o.customer"
                + " HAVING count(*) <> CASE o.customer WHEN 'a' THEN 3 ELSE 2 END"
                + " OR bool_or(i.sku NOT LIKE o.customer || '%')");
    assertThat(mixed).isEmpty();
    assertThat(TestDatabase.count(fx.table("orders"))).isEqualTo(200);
  }

  private static String order(int id, String file, int items) {
    StringBuilder s = new StringBuilder();
    s.append("{\"order_id\": ").append(id).append(", \"customer\": \"").append(file);
    s.append("\", \"items\": [");
    for (int i = 1; i <= items; i++)
      s.append(i > 1 ? ", " : "")
          .append("{\"sku\": \"")
          .append(file)
          .append(i)
          .append("\", \"qty\": 1}");
    return s.append("]}\n").toString();
  }
}
