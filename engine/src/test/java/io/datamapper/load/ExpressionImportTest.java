package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.datamapper.mapping.MappingException;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapping v2 expression columns and row filters, imported on the real PostgreSQL. */
class ExpressionImportTest {
  @TempDir Path dir;
  private ImportFixture fx;
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "expr");
    ledger = new Ledger(TestDatabase.dataSource());
  }

  private static final String ORDERS =
      """
      First Name,Last Name,Qty,Price,Paid,Ordered,Status
      Ada,Lovelace,3,2.50,yes,2024-03-04,live
      Bob,,0,,no,2024-04-17,test
      Cy,Young,7,1.25,,2024-12-31,live
      """;

  private String mapping(String columns, String extra) {
    return """
        source: { format: csv }
        target: { schema: %s, table: orders }
        columns:
          - { source: "First Name", name: first_name }
          - { source: "Last Name", name: last_name }
          - { source: Qty, name: qty, type: integer }
          - { source: Price, name: price, type: "numeric(12,2)" }
          - { source: Paid, name: paid, type: boolean, format: "yes|no" }
          - { source: Ordered, name: ordered, type: date }
          - { source: Status, name: status }
        %s
        %s
        """
        .formatted(fx.schema(), columns, extra);
  }

  @Test
  void expression_columns_of_each_type_see_the_coerced_columns_and_the_raw_source_text() {
    Path file = fx.write("orders.csv", ORDERS);
    String columns =
        """
          - { name: full_name, expr: "first_name + ' ' + (last_name == null ? '?' : last_name)" }
          - { name: qty2, type: bigint, expr: "qty * 2" }
          - { name: qty_small, type: integer, expr: "qty + 1" }
          - { name: total, type: "numeric(12,2)", expr: "price == null ? 0.0 : price * double(qty)" }
          - { name: ratio, type: double, expr: "double(qty) / 2.0" }
          - { name: unpaid, type: boolean, expr: "paid == null || !paid" }
          - { name: due, type: date, expr: "ordered + duration('240h')" }
          - { name: due_at, type: timestamptz, expr: "ordered + duration('36h')" }
          - { name: raw_first, expr: "src['First Name'] + '/' + ('Last Name' in src ? src['Last Name'] : 'none')" }
          - { name: year, type: integer, expr: "ordered.getFullYear()" }
        """;

    ImportSummary s = fx.run(file, mapping(columns, ""));

    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(s.rowsRejected()).isZero();
    List<Map<String, Object>> rows =
        fx.rows(
            "orders",
            "full_name, qty2, qty_small, total, ratio, unpaid, due, due_at, raw_first, year",
            "first_name");
    assertThat(rows.get(0))
        .containsEntry("full_name", "Ada Lovelace")
        .containsEntry("qty2", 6L)
        .containsEntry("qty_small", 4)
        .containsEntry("total", new BigDecimal("7.50"))
        .containsEntry("ratio", 1.5)
        .containsEntry("unpaid", false)
        .containsEntry("due", java.sql.Date.valueOf(LocalDate.of(2024, 3, 14)))
        .containsEntry("raw_first", "Ada/Lovelace")
        .containsEntry("year", 2024);
    assertThat(rows.get(0).get("due_at").toString()).startsWith("2024-03-05");
    assertThat(rows.get(1))
        .containsEntry("full_name", "Bob ?")
        .containsEntry("total", new BigDecimal("0.00"))
        .containsEntry("unpaid", true)
        .containsEntry("raw_first", "Bob/none");
    assertThat(rows.get(2))
        .containsEntry("unpaid", true)
        .containsEntry("total", new BigDecimal("8.75"))
        .containsEntry("due", java.sql.Date.valueOf(LocalDate.of(2025, 1, 10)));
    assertThat(
            TestDatabase.query(
                    "SELECT data_type FROM information_schema.columns WHERE table_schema = '"
                        + fx.schema()
                        + "' AND table_name = 'orders' AND column_name = 'qty2'")
                .getFirst())
        .containsEntry("data_type", "bigint");
  }

  @Test
  void a_compile_error_is_listed_with_column_and_position_before_any_row_moves() {
    Path file = fx.write("orders.csv", ORDERS);
    fx.run(file, mapping("", ""));
    long before = TestDatabase.count(fx.table("orders"));
    Path again = fx.write("orders2.csv", ORDERS + "Dee,Dee,1,1,no,2024-01-01,live\n");

    assertThatThrownBy(
            () ->
                fx.run(
                    again,
                    mapping(
                        """
          - { name: qty3, type: bigint, expr: "qty * " }
          - { name: bad_ref, expr: "nosuch + 'x'" }
        """,
                        "filter: \"status = 'x'\"")))
        .isInstanceOf(MappingException.class)
        .satisfies(
            e ->
                assertThat(((MappingException) e).problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "column 'qty3': expression \"qty * \" at line 1, column 7"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("column 'bad_ref'")
                                .contains("column 1")
                                .contains("undeclared reference to 'nosuch'"))
                    .anySatisfy(p -> assertThat(p).startsWith("filter: expression")));
    assertThat(TestDatabase.count(fx.table("orders"))).isEqualTo(before);
  }

  @Test
  void an_expression_cannot_read_another_computed_column_and_its_type_must_fit() {
    assertThatThrownBy(
            () ->
                fx.mapping(
                    mapping(
                        """
          - { name: a, type: bigint, expr: "qty * 2" }
          - { name: b, type: bigint, expr: "a + 1" }
          - { name: c, type: integer, expr: "first_name" }
        """,
                        "")))
        .isInstanceOf(MappingException.class)
        .satisfies(
            e ->
                assertThat(((MappingException) e).problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("column 'b'")
                                .contains("undeclared reference to 'a'"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("column 'c'")
                                .contains("gives string, but a integer column needs int")));
  }

  @Test
  void a_runtime_error_rejects_the_row_as_bad_expression_and_the_import_goes_on_under_skip() {
    Path file = fx.write("orders.csv", ORDERS);
    String columns =
        """
          - { name: per_item, type: bigint, expr: "100 / qty" }
          - { name: huge, type: bigint, expr: "9223372036854775807 + (qty == 3 ? 1 : 0)" }
        """;

    ImportSummary s = fx.run(file, mapping(columns, "policies: { badRows: skip }"));

    assertThat(s.rowsRead()).isEqualTo(3);
    assertThat(s.rowsInserted()).isEqualTo(1);
    assertThat(s.rowsRejected()).isEqualTo(2);
    List<RejectRecord> rejects = ledger.rejects(s.importId(), 10);
    assertThat(rejects).extracting(RejectRecord::code).containsOnly("bad-expression");
    assertThat(rejects.get(0).column()).isEqualTo("huge");
    assertThat(rejects.get(0).reason()).contains("long overflow");
    assertThat(rejects.get(1).column()).isEqualTo("per_item");
    assertThat(rejects.get(1).reason()).contains("/ by zero");
    assertThat(fx.rows("orders", "first_name, per_item", "first_name"))
        .singleElement()
        .satisfies(
            r -> assertThat(r).containsEntry("first_name", "Cy").containsEntry("per_item", 14L));
  }

  @Test
  void a_null_result_takes_the_default_or_is_a_missing_value_in_a_required_column() {
    Path file = fx.write("orders.csv", ORDERS);
    String columns =
        """
          - { name: last_or_default, expr: "last_name", default: "n/a" }
          - { name: price_required, type: "numeric(12,2)", expr: "price", nullable: false }
        """;

    ImportSummary s = fx.run(file, mapping(columns, "policies: { badRows: skip }"));

    assertThat(s.rowsInserted()).isEqualTo(2);
    RejectRecord reject = ledger.rejects(s.importId(), 10).getFirst();
    assertThat(reject.code()).isEqualTo("missing-value");
    assertThat(reject.column()).isEqualTo("price_required");
    assertThat(fx.rows("orders", "last_or_default", "first_name"))
        .extracting(r -> r.get("last_or_default"))
        .containsExactly("Lovelace", "Young");
  }

  @Test
  void a_filter_leaves_rows_out_and_counts_them_in_the_summary_and_the_ledger() {
    Path file = fx.write("orders.csv", ORDERS);

    ImportSummary s = fx.run(file, mapping("", "filter: \"status != 'test' && qty > 0\""));

    assertThat(s.rowsRead()).isEqualTo(3);
    assertThat(s.rowsInserted()).isEqualTo(2);
    assertThat(s.rowsFiltered()).isEqualTo(1);
    assertThat(s.rowsRejected()).isZero();
    ImportRecord record = ledger.find(s.importId()).orElseThrow();
    assertThat(record.rowsFiltered()).isEqualTo(1);
    assertThat(ledger.rejects(s.importId(), 10)).isEmpty();
    assertThat(fx.rows("orders", "first_name", "first_name"))
        .extracting(r -> r.get("first_name"))
        .containsExactly("Ada", "Cy");
  }

  @Test
  void a_filter_failing_on_a_row_rejects_it_as_bad_expression() {
    Path file = fx.write("orders.csv", ORDERS);

    ImportSummary s =
        fx.run(file, mapping("", "filter: \"10 / qty >= 1\"\npolicies: { badRows: skip }"));

    assertThat(s.rowsInserted()).isEqualTo(2);
    assertThat(s.rowsFiltered()).isZero();
    RejectRecord reject = ledger.rejects(s.importId(), 10).getFirst();
    assertThat(reject.code()).isEqualTo("bad-expression");
    assertThat(reject.reason())
        .startsWith("filter: expression \"10 / qty >= 1\" failed")
        .contains("/ by zero");
  }

  @Test
  void a_v1_mapping_loads_as_before_with_nothing_filtered() {
    Path file = fx.write("orders.csv", ORDERS);

    ImportSummary s = fx.run(file, mapping("", ""));

    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(s.rowsFiltered()).isZero();
    assertThat(ledger.find(s.importId()).orElseThrow().rowsFiltered()).isZero();
  }

  @Test
  void src_reaches_a_json_field_no_column_reads() {
    Path file = fx.write("items.json", "[{\"id\": 1, \"note\": \"first\"}, {\"id\": 2}]");

    ImportSummary s =
        fx.run(
            file,
            """
        source: { format: json }
        target: { schema: %s, table: items }
        columns:
          - { source: id, name: id, type: bigint }
          - { name: note, expr: "'note' in src ? src['note'] : 'none'" }
        """
                .formatted(fx.schema()));

    assertThat(s.rowsInserted()).isEqualTo(2);
    assertThat(fx.rows("items", "note", "id"))
        .extracting(r -> r.get("note"))
        .containsExactly("first", "none");
  }

  @Test
  void a_computed_column_can_be_the_key_of_an_upsert() {
    String m =
        """
        source: { format: csv }
        target: { schema: %s, table: people, mode: upsert }
        keys: [code]
        columns:
          - { source: First, name: first_name }
          - { source: Score, name: score, type: integer }
          - { name: code, expr: "first_name.lowerAscii()", nullable: false }
        """
            .formatted(fx.schema());
    fx.run(fx.write("a.csv", "First,Score\nAda,1\nBob,2\n"), m);

    ImportSummary s = fx.run(fx.write("b.csv", "First,Score\nADA,5\nCy,3\n"), m);

    assertThat(s.rowsInserted()).isEqualTo(1);
    assertThat(s.rowsUpdated()).isEqualTo(1);
    assertThat(fx.rows("people", "code, score", "code"))
        .extracting(r -> r.get("code") + "=" + r.get("score"))
        .containsExactly("ada=5", "bob=2", "cy=3");
  }
}
