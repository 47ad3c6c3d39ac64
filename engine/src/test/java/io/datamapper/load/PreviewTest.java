package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.MappingException;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewTest {
  @TempDir Path dir;
  private ImportFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "preview");
  }

  private static final String MAPPING =
      """
      target: { schema: "%s", table: people }
      columns:
        - { source: id, type: bigint }
        - { source: name, name: who, transform: [trim, upper] }
        - { source: born, type: date, format: "dd/MM/yyyy" }
        - { source: amount, type: "numeric(10,2)" }
      """;

  @Test
  void rows_come_back_as_an_import_would_store_them_and_nothing_is_written() {
    Path file =
        fx.write(
            "people.csv",
            "id,name,born,amount\n1, ada ,10/12/1815,10.5\n2,alan,23/06/1912,\n3,grace,09/12/1906,7\n");

    Preview p =
        Preview.of(ImportSource.of(file), fx.mapping(MAPPING), 2, TestDatabase.dataSource());

    assertThat(p.columns()).containsExactly("id", "who", "born", "amount");
    assertThat(p.types()).containsExactly("bigint", "text", "date", "numeric(10,2)");
    assertThat(p.rows()).hasSize(2);
    assertThat(p.rows().get(0).values()).containsExactly("1", "ADA", "1815-12-10", "10.50");
    assertThat(p.rows().get(1).values()).containsExactly("2", "ALAN", "1912-06-23", null);
    assertThat(p.rows().get(1).line()).isEqualTo(3);
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + fx.table("people") + "') AS t")
                .getFirst()
                .get("t"))
        .isNull();
  }

  @Test
  void a_bad_value_is_shown_with_its_line_column_and_value_instead_of_failing() {
    Path file = fx.write("people.csv", "id,name,born,amount\n1,ada,10/12/1815,12.3.4\n");

    Preview p = Preview.of(ImportSource.of(file), fx.mapping(MAPPING), 10, null);

    Preview.Row row = p.rows().getFirst();
    assertThat(row.rejected()).isTrue();
    assertThat(row.problem().line()).isEqualTo(2);
    assertThat(row.problem().column()).isEqualTo("amount");
    assertThat(row.problem().value()).isEqualTo("12.3.4");
  }

  @Test
  void an_existing_table_decides_the_types_as_it_would_for_an_import() {
    TestDatabase.execute(
        "CREATE TABLE " + fx.table("people") + " (id integer, who text, born date, amount text)");
    Path file = fx.write("people.csv", "id,name,born,amount\n1,ada,10/12/1815,12.3.4\n");

    Preview p =
        Preview.of(ImportSource.of(file), fx.mapping(MAPPING), 10, TestDatabase.dataSource());

    assertThat(p.types()).containsExactly("integer", "text", "date", "text");
    assertThat(p.rows().getFirst().values()).containsExactly("1", "ADA", "1815-12-10", "12.3.4");
    assertThat(p.notes()).anyMatch(n -> n.contains("column 'amount'"));
  }

  @Test
  void a_mapping_that_does_not_fit_the_file_is_refused_with_every_problem() {
    Path file = fx.write("people.csv", "id,name\n1,ada\n");

    assertThatThrownBy(() -> Preview.of(ImportSource.of(file), fx.mapping(MAPPING), 10, null))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("\"born\"")
        .hasMessageContaining("\"amount\"");
  }
}
