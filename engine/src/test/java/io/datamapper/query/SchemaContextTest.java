package io.datamapper.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the model is told: tables ranked by the question, columns, keys, lineage from the ledger,
 * samples, and a size cap.
 */
class SchemaContextTest {
  @TempDir Path dir;

  @Test
  void the_description_has_columns_keys_foreign_keys_lineage_and_sample_values() {
    ImportFixture fx = new ImportFixture(dir, "context");
    String s = fx.schema();
    fx.run(
        fx.write("shops.csv", "shop_id,city\n1,Leeds\n2,York\n3,Leeds\n"),
        """
        target: { schema: %s, table: shops }
        columns: [ { source: shop_id, type: bigint }, { source: city } ]
        keys: [ shop_id ]
        policies: { duplicateRow: skip }
        """);
    TestDatabase.execute(
        "CREATE TABLE "
            + s
            + ".sales (id bigint PRIMARY KEY, shop_id bigint REFERENCES "
            + s
            + ".shops (shop_id), "
            + "\"Sold On\" date, note text); INSERT INTO "
            + s
            + ".sales VALUES (1, 1, '2024-05-01', repeat('x', 300))");

    // the shared test database holds other tests' tables too: the question names these
    String text =
        QueryFixture.console()
            .describe("sales of each shop by city, and the file the shops were imported from");

    assertThat(text)
        .contains(
            "-- table " + s + ".sales (~1 row)",
            "CREATE TABLE " + s + ".sales (",
            "\"Sold On\" date",
            "PRIMARY KEY (id)",
            "FOREIGN KEY (shop_id) REFERENCES " + s + ".shops(shop_id)");
    assertThat(text).contains("-- imported from: shops.csv (import #", "3 rows)");
    assertThat(text)
        .contains("UNIQUE (shop_id)", "city text, -- e.g. 'Leeds', 'York'", "_import_id bigint");
    assertThat(text).doesNotContain("xxxxxxxxxx"); // a long text is no sample
    assertThat(text).contains("-- table datamapper.imports", "the import ledger");
    int described =
        text.contains("-- Not described") ? text.indexOf("-- Not described") : text.length();
    assertThat(text.indexOf("-- table " + s + ".sales")).isLessThan(described);
    assertThat(text.indexOf("-- table " + s + ".shops")).isLessThan(described);
  }

  @Test
  void tables_are_ranked_by_the_questions_words_and_the_ledger_comes_first_for_file_questions() {
    TableSchema orders = table("shop", "orders", "order_id", "total");
    TableSchema invoices = table("shop", "invoices", "invoice_id", "amount");
    TableSchema ledger =
        new TableSchema(
            "datamapper",
            "imports",
            "table",
            3,
            List.of(new TableSchema.Column("file_name", "text", true)),
            List.of(),
            List.of(),
            List.of());
    List<TableSchema> all = List.of(orders, invoices, ledger);

    assertThat(SchemaContext.rank(all, "What is the amount of each invoice?")).startsWith(invoices);
    assertThat(SchemaContext.rank(all, "Which file did the orders come from?").subList(0, 2))
        .containsExactlyInAnyOrder(orders, ledger);
    assertThat(SchemaContext.rank(all, "Which files were loaded last week?")).startsWith(ledger);
  }

  @Test
  void a_big_database_is_cut_at_the_budget_and_the_rest_named() {
    List<TableSchema> many = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String[] cols = new String[20];
      for (int c = 0; c < cols.length; c++) cols[c] = "measurement_column_" + c;
      many.add(table("lab", "experiment_" + i, cols));
    }
    many.add(table("lab", "invoices", "invoice_id", "amount"));

    String text =
        SchemaContext.describe(
            SchemaContext.rank(many, "total invoice amount"), t -> Map.of(), 16_000);

    assertThat(text.length()).isLessThan(16_000 + 2_100);
    assertThat(text).startsWith("-- table lab.invoices");
    assertThat(text)
        .contains("-- Not described here (less related to the question): lab.experiment_");
  }

  private static TableSchema table(String schema, String name, String... columns) {
    return new TableSchema(
        schema,
        name,
        "table",
        10,
        java.util.Arrays.stream(columns)
            .map(c -> new TableSchema.Column(c, "text", false))
            .toList(),
        List.of(),
        List.of(),
        List.of());
  }
}
