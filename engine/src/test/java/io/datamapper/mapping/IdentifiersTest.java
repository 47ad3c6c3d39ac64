package io.datamapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void turns_headers_into_snake_case() {
    assertThat(Identifiers.snakeCase("Order ID")).isEqualTo("order_id");
    assertThat(Identifiers.snakeCase("orderDate")).isEqualTo("order_date");
    assertThat(Identifiers.snakeCase("  Größe (cm) ")).isEqualTo("grosse_cm");
    assertThat(Identifiers.snakeCase("% done")).isEqualTo("pct_done");
    assertThat(Identifiers.snakeCase("2024 total")).isEqualTo("c_2024_total");
    assertThat(Identifiers.snakeCase("")).isEqualTo("column");
    assertThat(Identifiers.snakeCase("a\"; drop table x; --")).isEqualTo("a_drop_table_x");
    assertThat(Identifiers.snakeCase("_import_id")).isEqualTo("import_id");
  }

  @Test
  void deduplicates_names_with_numbered_suffixes() {
    assertThat(Identifiers.uniqueSnakeCase(List.of("Name", "name", "NAME", "")))
        .containsExactly("name", "name_2", "name_3", "column");
  }

  @Test
  void keeps_names_within_postgresql_identifier_length() {
    String name = Identifiers.snakeCase("x".repeat(100));

    assertThat(name).hasSize(63);
    assertThat(Identifiers.uniqueSnakeCase(List.of("x".repeat(100), "x".repeat(100))).get(1))
        .hasSize(63)
        .endsWith("_2");
  }

  @Test
  void quotes_every_identifier_so_names_cannot_inject_sql() {
    assertThat(Identifiers.quote("a\"; drop table x; --")).isEqualTo("\"a\"\"; drop table x; --\"");
    assertThat(Identifiers.problem("bad\u0000name")).contains("control character");
    assertThat(Identifiers.problem("ctid")).contains("reserved");
  }
}
