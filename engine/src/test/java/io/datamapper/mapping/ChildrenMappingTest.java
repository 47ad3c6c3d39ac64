package io.datamapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Reading, writing and checking the mapping v2 {@code children} setting. */
class ChildrenMappingTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonSchema schema() throws IOException {
    try (InputStream in =
        ChildrenMappingTest.class.getResourceAsStream(
            "/io/datamapper/mapping/mapping.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(new ObjectMapper().readTree(in));
    }
  }

  private static final String ORDERS =
      """
      target: { table: orders }
      columns: [ { source: id, name: order_id, type: integer } ]
      keys: [order_id]
      children:
        - path: items
          table: order_items
          columns: [ { source: sku, name: sku }, { source: qty, name: qty, type: integer } ]
          children:
            - { path: parts, table: parts, columns: [ { source: n, name: n } ] }
      """;

  @Test
  void a_mapping_with_nested_children_validates_and_round_trips_through_the_writer()
      throws IOException {
    Mapping read = MappingReader.parse(ORDERS, "orders.yaml");

    assertThat(read.children()).hasSize(1);
    ChildSpec items = read.children().getFirst();
    assertThat(items.path()).isEqualTo("items");
    assertThat(items.columns()).extracting(ColumnSpec::name).containsExactly("sku", "qty");
    assertThat(items.children().getFirst().table()).isEqualTo("parts");
    assertThat(items.positionColumn()).isEqualTo("order_items_position");
    assertThat(schema().validate(YAML.readTree(ORDERS))).isEmpty();
    assertThat(schema().validate(YAML.readTree(MappingWriter.toYaml(read)))).isEmpty();
    assertThat(MappingReader.parse(MappingWriter.toYaml(read), "again.yaml")).isEqualTo(read);
    assertThat(MappingReader.parse(MappingWriter.toJson(read), "again.json")).isEqualTo(read);
    assertThat(read.withTable("other").children()).isEqualTo(read.children());
  }

  @Test
  void children_refuse_no_keys_and_clashing_names_all_at_once() {
    assertThatThrownBy(
            () ->
                MappingReader.parse(
                    """
                    target: { table: orders, mode: replace }
                    columns: [ { source: id, name: order_id } ]
                    children:
                      - path: items
                        table: orders
                        columns: [ { source: p, name: _position }, { source: q, name: order_id } ]
                    """,
                    "bad.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("children need keys")
        .hasMessageContaining("table 'orders' is loaded twice")
        .hasMessageContaining("column '_position' is a column the child table gets");
  }

  @Test
  void children_take_every_mode_and_duplicate_rule() {
    assertThat(
            MappingReader.parse(ORDERS + "policies: { duplicateRow: update }\n", "update.yaml")
                .duplicateRule())
        .isEqualTo(Policies.DuplicateRow.UPDATE);
    for (String mode : new String[] {"upsert", "replace", "truncate-insert"}) {
      Mapping m =
          MappingReader.parse(
              ORDERS.replace("{ table: orders }", "{ table: orders, mode: " + mode + " }"),
              mode + ".yaml");
      assertThat(m.target().mode().spelling()).isEqualTo(mode);
      assertThat(m.children()).hasSize(1);
    }
  }

  @Test
  void a_problem_inside_a_child_names_its_path() throws IOException {
    String typo =
        """
        target: { table: orders }
        columns: [ { source: id, name: order_id } ]
        keys: [order_id]
        children:
          - { path: items, table: order_items, colums: [] }
          - { path: lines, table: lines, columns: [ { source: q, name: q, type: wat } ] }
        """;

    assertThatThrownBy(() -> MappingReader.parse(typo, "typo.yaml"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("children 'items': unknown setting 'colums'")
        .hasMessageContaining("children 'lines': column 'q'");
    assertThat(schema().validate(YAML.readTree(typo))).isNotEmpty();
  }
}
