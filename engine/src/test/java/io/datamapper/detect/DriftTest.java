package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.mapping.MappingReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Matching a file's fields to a saved mapping's or a table's columns, and the drift between them.
 */
class DriftTest {
  private static final String SAVED =
      """
      target: { schema: public, table: orders }
      columns:
        - { source: "Order ID", name: order_id, type: bigint }
        - { source: "Customer", name: customer }
        - { source: "Qty", name: qty, type: integer }
        - { source: "Unit Price", name: unit_price, type: "numeric(12,2)" }
        - { source: "Notes", name: notes }
      """;

  @Test
  void a_saved_mapping_meets_a_file_with_an_added_a_removed_and_a_renamed_column() {
    List<ExpectedColumn> expected = ExpectedColumn.of(MappingReader.parse(SAVED, "saved.yaml"));
    // this month's export: Qty became Quantity, Notes is gone, Discount is new, Order ID is spelled
    // order_id
    Detection d =
        Fixtures.detectText(
            "order_id,Customer,Quantity,Unit Price,Discount\n1,Ada,2,9.50,0\n2,Bob,1,3.25,5\n",
            "orders.csv");
    List<String> fields = d.mapping().columns().stream().map(c -> c.source()).toList();

    Drift drift = Drift.of(fields, expected);

    assertThat(drift.renamed())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.field()).isEqualTo("Quantity");
              assertThat(m.column().source()).isEqualTo("Qty");
            });
    assertThat(drift.added()).containsExactly("Discount");
    assertThat(drift.missing()).extracting(ExpectedColumn::source).containsExactly("Notes");
    assertThat(drift.matched())
        .extracting(Drift.Match::field)
        .containsExactly("Customer", "Unit Price", "order_id");
    assertThat(drift.matched())
        .filteredOn(m -> m.field().equals("order_id"))
        .extracting(Drift.Match::kind)
        .containsExactly(Drift.Kind.NORMALIZED);
    String text = drift.text("mapping saved.yaml");
    assertThat(text)
        .contains("'Quantity' in the file looks like 'Qty'")
        .contains("'Discount' is in the file but not expected")
        .contains("'Notes' (column notes) is not in the file")
        .contains("1 renamed?, 1 new, 1 missing");
  }

  @Test
  void the_same_columns_give_no_drift() {
    List<ExpectedColumn> expected = ExpectedColumn.of(MappingReader.parse(SAVED, "saved.yaml"));

    Drift drift = Drift.of(List.of("Order ID", "Customer", "Qty", "Unit Price", "Notes"), expected);

    assertThat(drift.none()).isTrue();
    assertThat(drift.text("mapping saved.yaml")).contains("no drift");
  }

  @Test
  void table_columns_match_headers_by_normalized_name() {
    List<ExpectedColumn> table =
        List.of(
            new ExpectedColumn("prenom", "prenom", "text"),
            new ExpectedColumn("date_of_birth", "date_of_birth", "date"),
            new ExpectedColumn("city", "city", "text"));

    Drift drift = Drift.of(List.of("Prénom", "Date Of Birth", "CITY"), table);

    assertThat(drift.none()).isTrue();
    assertThat(drift.matched()).extracting(Drift.Match::kind).containsOnly(Drift.Kind.NORMALIZED);
  }

  @Test
  void unrelated_names_are_new_and_missing_not_renamed() {
    Drift drift =
        Drift.of(List.of("Discount"), List.of(new ExpectedColumn("Notes", "notes", "text")));

    assertThat(drift.renamed()).isEmpty();
    assertThat(drift.added()).containsExactly("Discount");
    assertThat(drift.missing()).hasSize(1);
  }

  @Test
  void names_are_normalized_split_into_words_and_compared() {
    assertThat(ColumnMatcher.normalize("Unit-Price (€)")).isEqualTo("unitprice");
    assertThat(ColumnMatcher.normalize("Prénom")).isEqualTo("prenom");
    assertThat(ColumnMatcher.words("customerName_v2")).containsExactly("customer", "name", "v2");
    assertThat(ColumnMatcher.similarity("unit_price", "Unit Price")).isEqualTo(1.0);
    assertThat(ColumnMatcher.similarity("Qty", "Quantity"))
        .isGreaterThanOrEqualTo(ColumnMatcher.RENAME_THRESHOLD);
    assertThat(ColumnMatcher.similarity("Total", "Total Amount"))
        .isGreaterThanOrEqualTo(ColumnMatcher.RENAME_THRESHOLD);
    assertThat(ColumnMatcher.similarity("Adress", "Address"))
        .isGreaterThanOrEqualTo(ColumnMatcher.RENAME_THRESHOLD);
    assertThat(ColumnMatcher.similarity("Notes", "Discount"))
        .isLessThan(ColumnMatcher.RENAME_THRESHOLD);
    assertThat(ColumnMatcher.similarity("City", "Country"))
        .isLessThan(ColumnMatcher.RENAME_THRESHOLD);
  }

  @Test
  void the_most_similar_pair_wins_and_each_name_is_used_once() {
    List<ExpectedColumn> expected =
        List.of(
            new ExpectedColumn("Ship Date", "ship_date", "date"),
            new ExpectedColumn("Order Date", "order_date", "date"));

    Drift drift = Drift.of(List.of("Order Dt", "Shipping Date"), expected);

    assertThat(drift.renamed())
        .extracting(m -> m.field() + "->" + m.column().source())
        .containsExactlyInAnyOrder("Order Dt->Order Date", "Shipping Date->Ship Date");
  }

  @Test
  void a_column_whose_values_no_longer_fit_its_type_is_reported() {
    List<ExpectedColumn> expected = ExpectedColumn.of(MappingReader.parse(SAVED, "saved.yaml"));
    Detection d =
        Fixtures.detectText(
            "Order ID,Customer,Qty,Unit Price,Notes\n1,Ada,2 pcs,9.50,x\n2,Bob,1 pc,3.25,y\n",
            "orders.csv");
    List<String> fields = d.mapping().columns().stream().map(c -> c.source()).toList();

    List<Drift.TypeChange> changes = Drift.of(fields, expected).typeChanges(d.mapping().columns());

    assertThat(changes)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.field()).isEqualTo("Qty");
              assertThat(t.column().type()).isEqualTo("integer");
              assertThat(t.detected()).isEqualTo("text");
            });
  }
}
