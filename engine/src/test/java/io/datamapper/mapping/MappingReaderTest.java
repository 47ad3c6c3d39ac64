package io.datamapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MappingReaderTest {

  private static final String ORDERS =
      """
      source:
        format: csv
        encoding: UTF-8
        csv: { delimiter: ";", quote: "\\"", header: true, nullTokens: ["", "NULL"] }
      target: { schema: sales, table: orders, create: true, mode: truncate-insert }
      columns:
        - { source: "Order ID", name: order_id, type: bigint, nullable: false }
        - { source: "Customer", name: customer, type: text, transform: [trim, { replace: { pattern: "\\\\s+", with: " " } }] }
        - { source: "Date", name: ordered_on, type: date, format: "dd/MM/yyyy" }
        - { source: "Total", name: total, type: "numeric(12,2)", format: ",." }
        - { source: "Status", type: text, transform: [lower, { map: { values: { "p": "paid" }, otherwise: "open" } }, { defaultIfEmpty: "open" }] }
      keys: [order_id]
      policies: { duplicateFile: allow, duplicateRow: skip, badRows: { mode: skip, max: 100 } }
      """;

  @Test
  void reads_every_part_of_a_yaml_mapping() {
    Mapping m = MappingReader.parse(ORDERS, "orders.yaml");

    assertThat(m.source().format()).isEqualTo(Format.CSV);
    assertThat(m.source().csv().delimiter()).isEqualTo(';');
    assertThat(m.source().csv().nullTokens()).containsExactly("", "NULL");
    assertThat(m.target())
        .isEqualTo(new TargetSpec("sales", "orders", true, LoadMode.TRUNCATE_INSERT));
    assertThat(m.columns())
        .extracting(ColumnSpec::name)
        .containsExactly("order_id", "customer", "ordered_on", "total", "status");
    assertThat(m.columns().get(0).nullable()).isFalse();
    assertThat(m.columns().get(3).type()).isEqualTo(new ColumnType.Numeric(12, 2));
    assertThat(m.columns().get(1).transforms())
        .containsExactly(Transform.TRIM, new Transform.Replace("\\s+", " "));
    assertThat(m.columns().get(4).transforms().get(1).apply("P")).isEqualTo("open");
    assertThat(m.columns().get(4).transforms().get(1).apply("p")).isEqualTo("paid");
    assertThat(m.keys()).containsExactly("order_id");
    assertThat(m.policies().badRows()).isEqualTo(Policies.BadRows.SKIP);
    assertThat(m.policies().badRowsMax()).isEqualTo(100L);
    assertThat(m.policies().duplicateFile()).isEqualTo(Policies.DuplicateFile.ALLOW);
  }

  @Test
  void writes_yaml_and_json_that_read_back_to_the_same_mapping() {
    Mapping m = MappingReader.parse(ORDERS, "orders.yaml");

    assertThat(MappingReader.parse(MappingWriter.toYaml(m), "again.yaml")).isEqualTo(m);
    assertThat(MappingReader.parse(MappingWriter.toJson(m), "again.json")).isEqualTo(m);
  }

  @Test
  void lists_every_problem_by_column_name_before_anything_runs() {
    String bad =
        """
        target: { table: orders, mode: sideways }
        columns:
          - { source: a, name: id, type: bigintt }
          - { source: b, name: id, type: text }
          - { source: c, name: amount, type: "numeric(2,5)" }
          - { source: d, name: note, transform: [trimm, { replace: { pattern: "(" } }] }
          - { source: e, name: "_import_id" }
          - { source: f, name: flag, type: boolean, tranform: [trim] }
        keys: [missing]
        policies: { badRows: maybe }
        """;

    assertThatThrownBy(() -> MappingReader.parse(bad, "bad.yaml"))
        .isInstanceOfSatisfying(
            MappingException.class,
            e ->
                assertThat(e.problems())
                    .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).contains("target.mode 'sideways'"),
                        p ->
                            assertThat(p)
                                .contains("column 'id'")
                                .contains("unknown type 'bigintt'"),
                        p -> assertThat(p).contains("column 'id'").contains("used twice"),
                        p -> assertThat(p).contains("column 'amount'").contains("scale"),
                        p -> assertThat(p).contains("column 'note'").contains("'trimm' is unknown"),
                        p ->
                            assertThat(p)
                                .contains("column 'note'")
                                .contains("not a valid regular expression"),
                        p -> assertThat(p).contains("column '_import_id'").contains("reserved"),
                        p ->
                            assertThat(p)
                                .contains("column 'flag'")
                                .contains("unknown setting 'tranform'"),
                        p -> assertThat(p).contains("keys: 'missing'"),
                        p -> assertThat(p).contains("'badRows' value 'maybe'")));
  }

  @Test
  void refuses_a_mapping_without_target_or_columns() {
    assertThatThrownBy(() -> MappingReader.parse("source: { format: csv }", "m.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("target is missing")
        .hasMessageContaining("columns is missing");
  }

  @Test
  void refuses_text_that_is_not_yaml_with_the_position() {
    assertThatThrownBy(() -> MappingReader.parse("columns: [ { a: 1 ", "m.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("not valid YAML/JSON")
        .hasMessageContaining("line");
  }

  @Test
  void derives_the_column_name_from_the_source_and_defaults_the_type_to_text() {
    Mapping m =
        MappingReader.parse(
            "target: { table: t }\ncolumns: [ { source: \"Order Date\" } ]", "m.yaml");

    assertThat(m.columns())
        .containsExactly(
            new ColumnSpec(
                "Order Date", "order_date", ColumnType.TEXT, true, null, null, List.of()));
  }
}
