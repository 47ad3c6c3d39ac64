package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.mapping.Transform;
import io.datamapper.testing.HostileFiles;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports stay bounded whatever a value does: a huge field is a bad file before it is held, a big
 * bad value is rejected with its value shortened, a catastrophic {@code replace} pattern rejects
 * its row after the time budget instead of hanging the import. (The COPY buffer's own bound is
 * tested in {@code BinaryCopyEncoderTest}.)
 */
class ImportLimitsTest {
  @TempDir Path dir;

  private static ReadLimits regexBudget(Duration budget) {
    ReadLimits d = ReadLimits.DEFAULT;
    return new ReadLimits(
        d.maxValueChars(),
        d.maxRecordChars(),
        d.maxNestingDepth(),
        d.maxRecordElements(),
        d.maxXlsxPartBytes(),
        d.maxXlsxMetadataBytes(),
        d.maxSharedStrings(),
        d.maxSharedStringsBytes(),
        budget);
  }

  @Test
  void a_50_mb_bigint_field_is_a_bad_file_and_nothing_is_imported() throws IOException {
    ImportFixture f = new ImportFixture(dir, "limits");
    Path file = HostileFiles.csvWithHugeField(dir.resolve("big.csv"), "amount", 50L << 20, true);

    assertThatThrownBy(
            () ->
                f.run(
                    file,
                    "target: { schema: %s, table: t }\ncolumns:\n"
                        + "  - { source: id, name: id, type: bigint }\n  - { source: amount, name: amount, type: bigint }\n"))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageStartingWith(
            "big.csv: the field in line 2, column 'amount' is longer than 16,777,216 characters");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + f.table("t") + "') AS t").get(0).get("t"))
        .isNull();
  }

  @Test
  void a_10_mb_value_that_is_no_bigint_is_rejected_with_the_value_shortened() throws IOException {
    ImportFixture f = new ImportFixture(dir, "limits");
    Path file = HostileFiles.csvWithHugeField(dir.resolve("wide.csv"), "amount", 10L << 20, false);

    assertThatThrownBy(
            () ->
                f.run(
                    file,
                    "target: { schema: %s, table: t }\ncolumns:\n"
                        + "  - { source: id, name: id, type: bigint }\n  - { source: amount, name: amount, type: bigint }\n"))
        .isInstanceOf(RejectedRowException.class)
        .satisfies(
            e -> {
              RowProblem p = ((RejectedRowException) e).problem();
              assertThat(p.value())
                  .startsWith("aaaa")
                  .endsWith("… (10,485,760 characters)")
                  .hasSizeLessThan(260);
              assertThat(e.getMessage()).hasSizeLessThan(600);
            });
    assertThat(
            TestDatabase.query(
                    "SELECT length(value) AS n FROM datamapper.rejects ORDER BY id DESC LIMIT 1")
                .get(0)
                .get("n"))
        .isEqualTo(225);
  }

  @Test
  void a_catastrophic_pattern_rejects_its_row_after_the_budget_and_the_import_goes_on()
      throws IOException {
    ImportFixture f = new ImportFixture(dir, "limits");
    Importer importer =
        Importer.builder()
            .dataSource(TestDatabase.dataSource())
            .limits(regexBudget(Duration.ofMillis(200)))
            .build();
    Path file = f.write("names.csv", "id,name\n1,alice\n2," + "a".repeat(5_000) + "b\n3,bob\n");
    String mapping =
        "target: { schema: %s, table: t }\ncolumns:\n  - { source: id, name: id, type: bigint }\n"
            + "  - { source: name, name: name, transform: [{ replace: { pattern: \"(a+)+$\", with: \"x\" } }] }\n"
            + "policies: { badRows: { mode: skip } }\n";

    long start = System.nanoTime();
    ImportSummary summary =
        importer.run(ImportRequest.of(ImportSource.of(file), f.mapping(mapping)));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(summary.rowsRejected()).isEqualTo(1);
    assertThat(summary.rowsInserted()).isEqualTo(2);
    assertThat(millis).as("the import is not hung by the pattern").isLessThan(20_000);
    assertThat(
            TestDatabase.query(
                    "SELECT reason FROM datamapper.rejects WHERE import_id = " + summary.importId())
                .get(0)
                .get("reason"))
        .asString()
        .startsWith(
            "the replace pattern '(a+)+$' took more than 200 ms on this value of 5,001 characters");
    assertThat(f.rows("t", "id, name", "id"))
        .extracting(r -> r.get("name"))
        .containsExactly("alice", "bob");
  }

  @Test
  void the_pattern_budget_also_stops_a_pattern_applied_on_its_own() {
    Transform.Replace slow = new Transform.Replace("(a+)+$", "x");
    String hostile = "a".repeat(5_000) + "b";

    long start = System.nanoTime();
    assertThatThrownBy(() -> slow.apply(hostile, Duration.ofMillis(100), 1 << 20))
        .isInstanceOf(io.datamapper.mapping.PatternTimeoutException.class)
        .hasMessageContaining("took more than 100 ms");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    assertThat(new Transform.Replace("\\s+", " ").apply("a  b\t c")).isEqualTo("a b c");
    assertThatThrownBy(
            () ->
                new Transform.Replace("a", "aaaa")
                    .apply("a".repeat(1000), Duration.ofSeconds(1), 2_000))
        .hasMessageContaining("makes this value longer than 2,000 characters");
  }
}
