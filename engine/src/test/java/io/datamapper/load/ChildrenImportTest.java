package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.datamapper.mapping.MappingException;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import io.datamapper.undo.Undoer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapping v2 children: arrays of objects inside records loaded into child tables. */
class ChildrenImportTest {
  @TempDir Path dir;
  private ImportFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "kids");
  }

  private static final String ORDERS_JSON =
      """
      {"order_id": 1, "customer": "Ada", "items": [{"sku": "A", "qty": 2, "price": 1.50}, {"sku": "B", "qty": 1, "price": 10}]}
      {"order_id": 2, "customer": "Bob", "items": []}
      {"order_id": 3, "customer": "Cy", "items": [{"sku": "C", "qty": 5, "price": 0.10, "dims": {"w": 3}}]}
      """;

  private static String mapping(String duplicateRow) {
    return """
        source: { format: json }
        target: { schema: "%s", table: baskets }
        columns:
          - { source: order_id, name: order_id, type: integer }
          - { source: customer, name: customer }
        keys: [order_id]
        policies: { duplicateRow: DUP }
        children:
          - path: items
            table: basket_items
            columns:
              - { source: sku, name: sku }
              - { source: qty, name: qty, type: integer }
              - { source: price, name: price, type: "numeric(10,2)" }
              - { source: dims.w, name: width, type: integer }
        """
        .replace("DUP", duplicateRow);
  }

  @Test
  void a_json_file_with_nested_arrays_loads_parents_and_items_with_keys_and_positions() {
    Path file = fx.write("baskets.ndjson", ORDERS_JSON);

    ImportSummary s = fx.run(file, mapping("keep"));

    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(TestDatabase.count(fx.table("baskets"))).isEqualTo(3);
    List<Map<String, Object>> items =
        fx.rows(
            "basket_items",
            "order_id, _position, sku, qty, price, width, _import_id",
            "order_id, _position");
    assertThat(items).hasSize(3);
    assertThat(items.get(0))
        .containsEntry("order_id", 1)
        .containsEntry("_position", 1)
        .containsEntry("sku", "A")
        .containsEntry("qty", 2)
        .containsEntry("price", new BigDecimal("1.50"))
        .containsEntry("_import_id", s.importId());
    assertThat(items.get(1))
        .containsEntry("order_id", 1)
        .containsEntry("_position", 2)
        .containsEntry("sku", "B");
    assertThat(items.get(2))
        .containsEntry("order_id", 3)
        .containsEntry("_position", 1)
        .containsEntry("price", new BigDecimal("0.10"))
        .containsEntry("width", 3);
    assertThat(s.notes()).anyMatch(n -> n.contains("basket_items") && n.contains("3 rows"));
  }

  @Test
  void a_bad_child_value_rejects_the_whole_record_naming_path_element_and_column() {
    Path file =
        fx.write(
            "baskets.ndjson",
            ORDERS_JSON
                + "{\"order_id\": 4, \"customer\": \"Dee\", \"items\": [{\"sku\": \"D\", \"qty\": 1}, {\"sku\": \"E\", \"qty\": \"lots\"}]}\n");
    String skip = mapping("keep, badRows: skip");

    ImportSummary s = fx.run(file, skip);

    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(s.rowsRejected()).isEqualTo(1);
    assertThat(TestDatabase.count(fx.table("basket_items"))).isEqualTo(3);
    List<RejectRecord> rejects = new Ledger(TestDatabase.dataSource()).rejects(s.importId(), 10);
    assertThat(rejects).hasSize(1);
    assertThat(rejects.getFirst().column()).isEqualTo("items[2].qty");
    assertThat(rejects.getFirst().value()).isEqualTo("lots");

    Path again = fx.write("baskets2.ndjson", "{\"order_id\": 9, \"items\": [{\"qty\": \"x\"}]}\n");
    assertThatThrownBy(() -> fx.run(again, mapping("keep")))
        .isInstanceOf(RejectedRowException.class)
        .hasMessageContaining("items[1].qty");
  }

  @Test
  void undo_removes_the_child_rows_and_a_dry_run_writes_neither_table() {
    Path file = fx.write("baskets.ndjson", ORDERS_JSON);
    ImportSummary dry = fx.dryRun(file, mapping("keep"));
    assertThat(dry.status()).isEqualTo("dry-run");
    assertThat(
            TestDatabase.query(
                    "SELECT to_regclass('" + fx.table("basket_items") + "') IS NULL AS gone")
                .getFirst())
        .containsEntry("gone", true);

    ImportSummary first = fx.run(file, mapping("skip"));
    Path more =
        fx.write(
            "more.ndjson",
            """
            {"order_id": 3, "customer": "Cy again", "items": [{"sku": "Z", "qty": 1}]}
            {"order_id": 5, "customer": "Eve", "items": [{"sku": "F", "qty": 1}, {"sku": "G", "qty": 2}]}
            {"order_id": 5, "customer": "Eve twice", "items": [{"sku": "H", "qty": 9}]}
            """);
    ImportSummary second = fx.run(more, mapping("skip"));

    assertThat(second.rowsInserted()).isEqualTo(1);
    assertThat(second.rowsDuplicateInTable()).isEqualTo(1);
    assertThat(second.rowsDuplicateInFile()).isEqualTo(1);
    assertThat(fx.rows("basket_items", "order_id, sku", "order_id, _position"))
        .extracting(r -> r.get("order_id") + r.get("sku").toString())
        .containsExactly("1A", "1B", "3C", "5F", "5G");

    new Undoer(TestDatabase.dataSource()).undo(second.importId());
    assertThat(TestDatabase.count(fx.table("basket_items"))).isEqualTo(3);
    assertThat(TestDatabase.count(fx.table("baskets"))).isEqualTo(3);
    new Undoer(TestDatabase.dataSource()).undo(first.importId());
    assertThat(
            TestDatabase.query(
                    "SELECT to_regclass('" + fx.table("basket_items") + "') IS NULL AS gone")
                .getFirst())
        .containsEntry("gone", true);
  }

  @Test
  void children_nest_twice_and_the_grandchild_gets_the_parent_position() {
    Path file =
        fx.write(
            "baskets.json",
            """
            [{"id": "o1", "lines": [{"sku": "A", "parts": [{"n": "a1"}, {"n": "a2"}]}, {"sku": "B", "parts": []}]},
             {"id": "o2", "lines": [{"sku": "C", "parts": [{"n": "c1"}]}]}]
            """);
    String yaml =
        """
        target: { schema: "%s", table: baskets }
        columns: [ { source: id, name: id } ]
        keys: [id]
        children:
          - path: lines
            table: lines
            columns: [ { source: sku, name: sku } ]
            children:
              - path: parts
                table: parts
                columns: [ { source: n, name: n } ]
        """;

    fx.run(file, yaml);

    assertThat(TestDatabase.count(fx.table("lines"))).isEqualTo(3);
    assertThat(
            fx.rows("parts", "id, lines_position, _position, n", "id, lines_position, _position"))
        .extracting(
            r ->
                r.get("id")
                    + "/"
                    + r.get("lines_position")
                    + "/"
                    + r.get("_position")
                    + "/"
                    + r.get("n"))
        .containsExactly("o1/1/1/a1", "o1/1/2/a2", "o2/1/1/c1");
  }

  @Test
  void an_xml_file_loads_repeated_elements_into_the_child_table() {
    Path file =
        fx.write(
            "baskets.xml",
            """
            <orders>
              <order id="1"><customer>Ada</customer><items><item sku="A"><qty>2</qty></item><item sku="B"><qty>1</qty></item></items></order>
              <order id="2"><customer>Bob</customer><items><item sku="C"><qty>7</qty></item></items></order>
              <order id="3"><customer>Cy</customer></order>
            </orders>
            """);
    String yaml =
        """
        source: { format: xml, xml: { recordPath: order } }
        target: { schema: "%s", table: baskets }
        columns: [ { source: "@id", name: id, type: integer }, { source: customer, name: customer } ]
        keys: [id]
        children:
          - path: items.item
            table: basket_items
            columns: [ { source: "@sku", name: sku }, { source: qty, name: qty, type: integer } ]
        """;

    ImportSummary s = fx.run(file, yaml);

    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(fx.rows("basket_items", "id, _position, sku, qty", "id, _position"))
        .extracting(
            r -> r.get("id") + "/" + r.get("_position") + "/" + r.get("sku") + "/" + r.get("qty"))
        .containsExactly("1/1/A/2", "1/2/B/1", "2/1/C/7");
  }

  @Test
  void an_xml_file_whose_records_hold_one_element_each_still_loads_it_as_a_child() {
    Path file =
        fx.write(
            "one.xml",
            """
            <orders>
              <order id="1"><items><item sku="A"><qty>2</qty></item></items></order>
              <order id="2"><items><item sku="B"><qty>3</qty></item></items></order>
            </orders>
            """);
    String yaml =
        """
        source: { format: xml, xml: { recordPath: order } }
        target: { schema: "%s", table: baskets }
        columns: [ { source: "@id", name: id, type: integer } ]
        keys: [id]
        children:
          - { path: items.item, table: basket_items, columns: [ { source: "@sku", name: sku }, { source: qty, name: qty, type: integer } ] }
        """;

    fx.run(file, yaml);

    assertThat(fx.rows("basket_items", "id, _position, sku, qty", "id"))
        .extracting(
            r -> r.get("id") + "/" + r.get("_position") + "/" + r.get("sku") + "/" + r.get("qty"))
        .containsExactly("1/1/A/2", "2/1/B/3");
  }

  @Test
  void detect_proposes_children_for_arrays_of_objects_and_its_mapping_loads_the_file() {
    Path json =
        fx.write(
            "baskets.json",
            """
            [{"order_id": 1, "items": [{"sku": "A", "qty": 2, "parts": [{"n": "x"}]}, {"sku": "B", "qty": 1}]},
             {"order_id": 2, "items": [{"sku": "C", "qty": 5}], "tags": ["a", "b"]}]
            """);

    io.datamapper.detect.Detection d = io.datamapper.detect.Detector.detect(json);

    io.datamapper.mapping.Mapping m = d.mapping();
    assertThat(m.keys()).containsExactly("order_id");
    assertThat(m.columns())
        .extracting(io.datamapper.mapping.ColumnSpec::source)
        .containsExactly("order_id", "tags");
    assertThat(m.children()).hasSize(1);
    io.datamapper.mapping.ChildSpec items = m.children().getFirst();
    assertThat(items.path()).isEqualTo("items");
    assertThat(items.table()).isEqualTo("baskets_items");
    assertThat(items.columns())
        .extracting(io.datamapper.mapping.ColumnSpec::name)
        .containsExactly("sku", "qty");
    assertThat(items.columns().get(1).type()).isEqualTo(io.datamapper.mapping.ColumnType.BIGINT);
    assertThat(items.children())
        .extracting(io.datamapper.mapping.ChildSpec::table)
        .containsExactly("baskets_items_parts");
    // the proposal survives writing and reading, as `detect` writes it and `import` reads it
    io.datamapper.mapping.Mapping again =
        io.datamapper.mapping.MappingReader.parse(
            io.datamapper.mapping.MappingWriter.toYaml(m), "detected.yaml");
    assertThat(again.children()).isEqualTo(m.children());

    fx.run(json, again.withTable(fx.schema() + ".baskets"));
    assertThat(TestDatabase.count(fx.table("baskets_items"))).isEqualTo(3);
    assertThat(TestDatabase.count(fx.table("baskets_items_parts"))).isEqualTo(1);

    Path xml =
        fx.write(
            "baskets.xml",
            """
            <orders>
              <order><id>1</id><line><sku>A</sku></line><line><sku>B</sku></line></order>
              <order><id>2</id><line><sku>C</sku></line><line><sku>D</sku></line></order>
            </orders>
            """);
    io.datamapper.mapping.Mapping fromXml = io.datamapper.detect.Detector.detect(xml).mapping();
    assertThat(fromXml.children())
        .extracting(io.datamapper.mapping.ChildSpec::path)
        .containsExactly("line");
    fx.run(xml, fromXml.withTable(fx.schema() + ".xbaskets"));
    assertThat(TestDatabase.count(fx.table("baskets_line"))).isEqualTo(4);
  }

  @Test
  void a_second_import_into_existing_tables_stages_its_children_and_keeps_the_last_duplicate() {
    fx.run(fx.write("baskets.ndjson", ORDERS_JSON), mapping("keep"));
    Path more =
        fx.write(
            "more.ndjson",
            """
            {"order_id": 7, "customer": "first", "items": [{"sku": "X", "qty": 1}]}
            {"order_id": 7, "customer": "last", "items": [{"sku": "Y", "qty": 2}, {"sku": "Z", "qty": 3}]}
            {"order_id": 8, "customer": "bad", "items": [{"sku": "\\ud800", "qty": 1}]}
            """);
    String last =
        mapping("{ mode: keep }")
            .replace("policies: { duplicateRow: { mode: keep } }", "policies: { badRows: skip }");

    ImportSummary s = fx.run(more, last);

    assertThat(s.rowsInserted()).isEqualTo(2);
    assertThat(s.rowsRejected()).isEqualTo(1);
    assertThat(fx.rows("basket_items", "order_id, _position, sku", "order_id, _position"))
        .extracting(r -> r.get("order_id") + "/" + r.get("_position") + "/" + r.get("sku"))
        .containsExactly("1/1/A", "1/2/B", "3/1/C", "7/1/X", "7/1/Y", "7/2/Z");
    assertThat(TestDatabase.count(fx.table("baskets"))).isEqualTo(5);

    Path again =
        fx.write(
            "again.ndjson",
            """
            {"order_id": 9, "customer": "first", "items": [{"sku": "P", "qty": 1}]}
            {"order_id": 9, "customer": "last", "items": [{"sku": "Q", "qty": 2}]}
            """);
    String skipLast =
        mapping("{ mode: skip, keep: last }")
            .replace("table: baskets", "table: sbaskets")
            .replace("table: basket_items", "table: sbasket_items");
    fx.run(again, skipLast);
    assertThat(fx.rows("sbasket_items", "order_id, sku", "sku"))
        .extracting(r -> r.get("order_id") + "/" + r.get("sku"))
        .containsExactly("9/Q");
  }

  @Test
  void a_rejected_record_is_exported_with_its_items_and_the_fixed_file_replays_into_both_tables()
      throws java.io.IOException {
    Path file =
        fx.write(
            "baskets.ndjson",
            ORDERS_JSON
                + "{\"order_id\": 4, \"customer\": \"Dee\", \"items\": [{\"sku\": \"D\", \"qty\": 1}, {\"sku\": \"E\", \"qty\": \"lots\"}]}\n");
    ImportSummary first = fx.run(file, mapping("keep, badRows: skip"));
    Path exported = dir.resolve("rejects.jsonl");
    new io.datamapper.rejects.RejectExporter(TestDatabase.dataSource())
        .export(first.importId(), exported);
    String text = java.nio.file.Files.readString(exported);
    assertThat(text).contains("lots").contains("\"sku\"");
    java.nio.file.Files.writeString(exported, text.replace("lots", "4"));

    io.datamapper.mapping.Mapping replay =
        io.datamapper.rejects.Replay.mapping(TestDatabase.dataSource(), first.importId());
    ImportSummary fixed =
        fx.importer()
            .run(
                new ImportRequest(
                    ImportSource.of(exported), replay, false, false, null, first.importId()));

    assertThat(fixed.rowsInserted()).isEqualTo(1);
    assertThat(fx.rows("basket_items", "order_id, _position, sku, qty", "order_id, _position"))
        .extracting(
            r ->
                r.get("order_id")
                    + "/"
                    + r.get("_position")
                    + "/"
                    + r.get("sku")
                    + "/"
                    + r.get("qty"))
        .endsWith("4/1/D/1", "4/2/E/4");
  }

  @Test
  void children_without_keys_are_a_mapping_problem() {
    assertThatThrownBy(
            () ->
                fx.mapping(
                    """
                    target: { table: baskets }
                    columns: [ { source: id, name: id } ]
                    children: [ { path: items, table: items, columns: [ { source: sku, name: sku } ] } ]
                    """))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("children need keys");
  }
}
