package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.RejectedRowException;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detected type that a value far past the sample breaks widens on import instead of rejecting the
 * row: a ~3 MB file whose breaking values lie between the head, middle and end samples that
 * detection reads.
 */
class TypeWideningImportTest {
  static final int ROWS = 100_000;
  static final int DECIMAL_AT = 42_000; // ~1.3 MB: after the 1 MB head, before the middle
  static final int NA_AT = 70_000; // ~2.2 MB: after the middle region, before the end one

  @TempDir Path dir;
  private ImportFixture fx;
  private Path file;

  @BeforeEach
  void setUp() throws IOException {
    fx = new ImportFixture(dir, "widen");
    file = dir.resolve("ledger.csv");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,amount,booked_on,label\n");
      for (int i = 1; i <= ROWS; i++) {
        String amount = i == DECIMAL_AT ? "12.5" : String.valueOf(i % 977);
        String day = i == NA_AT ? "n/a" : "2024-03-" + String.format("%02d", 1 + i % 28);
        w.write(i + "," + amount + "," + day + ",row number " + i + "\n");
      }
    }
  }

  private Mapping detected(String table) {
    Mapping m = Detector.detect(file).mapping();
    return m.withTarget(new TargetSpec(fx.schema(), table, true, m.target().mode()))
        .withPolicies(Policies.defaults());
  }

  @Test
  void values_past_the_sample_widen_bigint_to_numeric_and_date_to_text_and_every_row_loads() {
    Mapping m = detected("ledger");
    assertThat(m.columns())
        .extracting(c -> c.type())
        .containsExactly(ColumnType.BIGINT, ColumnType.BIGINT, ColumnType.DATE, ColumnType.TEXT);

    ImportSummary s =
        fx.importer().run(ImportRequest.of(ImportSource.of(file), m).withWidening(true));

    assertThat(s.rowsRejected()).isZero();
    assertThat(s.rowsInserted()).isEqualTo(ROWS);
    assertThat(s.notes())
        .anySatisfy(n -> assertThat(n).contains("'amount' widened from bigint to numeric"))
        .anySatisfy(n -> assertThat(n).contains("'booked_on' widened from date to text"));
    assertThat(
            TestDatabase.query(
                "SELECT id, amount::text AS amount, booked_on FROM "
                    + fx.table("ledger")
                    + " WHERE id IN ("
                    + (DECIMAL_AT - 1)
                    + ", "
                    + DECIMAL_AT
                    + ", "
                    + NA_AT
                    + ") ORDER BY id"))
        .containsExactly(
            Map.of("id", (long) DECIMAL_AT - 1, "amount", "965", "booked_on", "2024-03-28"),
            Map.of("id", (long) DECIMAL_AT, "amount", "12.5", "booked_on", "2024-03-01"),
            Map.of("id", (long) NA_AT, "amount", "633", "booked_on", "n/a"));
    assertThat(
            TestDatabase.query(
                "SELECT data_type FROM information_schema.columns WHERE table_schema = '"
                    + fx.schema()
                    + "' AND table_name = 'ledger' AND column_name NOT LIKE '\\_%' ORDER BY ordinal_position"))
        .extracting(r -> r.get("data_type"))
        .containsExactly("bigint", "numeric", "text", "text");
  }

  @Test
  void a_saved_mapping_keeps_its_types_and_the_breaking_row_is_refused_as_before() {
    Mapping m = detected("chosen");

    assertThatThrownBy(() -> fx.run(file, m))
        .isInstanceOf(RejectedRowException.class)
        .hasMessageContaining("12.5");
    assertThat(
            TestDatabase.query(
                "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = '"
                    + fx.schema()
                    + "' AND table_name = 'chosen'"))
        .containsExactly(Map.of("n", 0L));
  }
}
