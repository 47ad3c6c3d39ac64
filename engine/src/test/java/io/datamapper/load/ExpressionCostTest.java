package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.format.RawRecord;
import io.datamapper.mapping.Mapping;
import io.datamapper.testing.ImportFixture;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What expressions cost per row: the row mapper alone over 1,000,000 records, and a 1,000,000-row
 * CSV imported on the real PostgreSQL with and without two expression columns and a filter. Prints
 * the figures; asserts only loose bounds (the machine is shared).
 */
class ExpressionCostTest {
  static final int ROWS = 1_000_000;
  private static final List<String> FIELDS = List.of("id", "first", "last", "qty", "status");

  @TempDir Path dir;

  private static String mapping(String schema, String table, boolean expressions) {
    return """
        source: { format: csv }
        target: { schema: %s, table: %s }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: first, name: first_name }
          - { source: last, name: last_name }
          - { source: qty, name: qty, type: integer }
          - { source: status, name: status }
        %s
        """
        .formatted(
            schema,
            table,
            expressions
                ? """
          - { name: full_name, expr: "first_name + ' ' + last_name" }
          - { name: qty2, type: bigint, expr: "qty * 2" }
        filter: "status != 'test'"
        """
                : "");
  }

  private static String[] record(int i) {
    return new String[] {
      Integer.toString(i),
      "First" + (i % 1000),
      "Last" + (i % 777),
      Integer.toString(i % 100),
      i % 10 == 0 ? "test" : "live"
    };
  }

  @Test
  void the_row_mapper_costs_a_few_microseconds_more_per_row_with_two_expressions_and_a_filter() {
    ImportFixture fx = new ImportFixture(dir, "exprcost");
    RawRecord[] records = new RawRecord[10_000];
    for (int i = 0; i < records.length; i++) records[i] = new RawRecord(i + 1, i + 2, record(i));
    double plain = nanosPerRow(fx.mapping(mapping(fx.schema(), "t", false)), records);
    double withExpr = nanosPerRow(fx.mapping(mapping(fx.schema(), "t", true)), records);

    System.out.printf(
        "RowMapper over %,d rows: %.0f ns/row plain, %.0f ns/row with 2 expressions + filter (+%.0f ns)%n",
        ROWS, plain, withExpr, withExpr - plain);
    assertThat(withExpr - plain).isLessThan(50_000);
  }

  private static double nanosPerRow(Mapping mapping, RawRecord[] records) {
    LoadPlan plan = LoadPlan.create(mapping, FIELDS, null);
    RowMapper mapper = new RowMapper(plan, io.datamapper.format.ReadLimits.DEFAULT, FIELDS);
    Object[] out = new Object[mapper.width()];
    long kept = 0;
    for (int i = 0; i < 200_000; i++)
      if (mapper.map(records[i % records.length], out)) kept++; // warm-up
    long start = System.nanoTime();
    for (int i = 0; i < ROWS; i++) if (mapper.map(records[i % records.length], out)) kept++;
    long nanos = System.nanoTime() - start;
    assertThat(kept).isPositive();
    return nanos / (double) ROWS;
  }

  @Test
  void a_million_row_import_with_two_expressions_and_a_filter_keeps_most_of_the_throughput()
      throws IOException {
    ImportFixture fx = new ImportFixture(dir, "exprbench");
    Path file = dir.resolve("million.csv");
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write(String.join(",", FIELDS));
      w.newLine();
      for (int i = 0; i < ROWS; i++) {
        w.write(String.join(",", record(i)));
        w.newLine();
      }
    }
    fx.run(file, mapping(fx.schema(), "warm_plain", false));
    fx.run(file, mapping(fx.schema(), "warm_expr", true));
    ImportSummary plain = fx.run(file, mapping(fx.schema(), "plain", false));
    ImportSummary expr = fx.run(file, mapping(fx.schema(), "expr", true));

    double ratio = expr.rowsPerSecond() / plain.rowsPerSecond();
    System.out.printf(
        "1,000,000-row CSV: %,.0f rows/s plain (%d ms), %,.0f rows/s with 2 expressions + filter (%d ms): ratio %.2f%n",
        plain.rowsPerSecond(),
        plain.durationMillis(),
        expr.rowsPerSecond(),
        expr.durationMillis(),
        ratio);
    assertThat(expr.rowsFiltered()).isEqualTo(ROWS / 10);
    assertThat(expr.rowsInserted()).isEqualTo(ROWS - ROWS / 10);
    assertThat(ratio).isGreaterThan(0.5);
  }
}
