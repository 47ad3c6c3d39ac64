package io.datamapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Table names as users write them, parsed once for every place that takes one. */
class TableNameTest {

  @Test
  void a_bare_name_has_no_schema_and_the_caller_picks_the_default() {
    TableName t = TableName.parse("orders");

    assertThat(t.schema()).isNull();
    assertThat(t.schemaOr("public")).isEqualTo("public");
    assertThat(t.qualified()).isEqualTo("orders");
    assertThat(t.quoted()).isEqualTo("\"orders\"");
  }

  @Test
  void the_first_dot_separates_the_schema_as_before() {
    assertThat(TableName.parse("sales.orders")).isEqualTo(new TableName("sales", "orders"));
    assertThat(TableName.parse("sales.orders.2024"))
        .isEqualTo(new TableName("sales", "orders.2024"));
    assertThat(TableName.parse(".orders")).isEqualTo(new TableName(null, ".orders"));
  }

  @Test
  void quoted_parts_keep_dots_spaces_and_doubled_quotes() {
    TableName t = TableName.parse("\"My Schema\".\"odd.\"\"name\"\"\"");

    assertThat(t).isEqualTo(new TableName("My Schema", "odd.\"name\""));
    assertThat(t.qualified()).isEqualTo("My Schema.odd.\"name\"");
    assertThat(t.quoted()).isEqualTo("\"My Schema\".\"odd.\"\"name\"\"\"");
    assertThat(TableName.parse(t.quoted())).isEqualTo(t);
    assertThat(TableName.parse("\"a.b\"")).isEqualTo(new TableName(null, "a.b"));
    assertThat(TableName.parse("s.\"T\"")).isEqualTo(new TableName("s", "T"));
  }

  @Test
  void an_unclosed_quote_or_text_after_a_quoted_part_is_refused_with_the_name() {
    assertThatThrownBy(() -> TableName.parse("\"sales.orders")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> TableName.parse("\"sales\"x")).hasMessageContaining("\"sales\"x");
    assertThatThrownBy(() -> TableName.parse("s.\"t\"x"))
        .hasMessageContaining("after the closing quote");
  }
}
