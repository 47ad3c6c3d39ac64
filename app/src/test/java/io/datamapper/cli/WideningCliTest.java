package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datamapper import FILE} without a mapping: a detected type that a value far past the
 * sample breaks widens, and every row loads.
 */
class WideningCliTest {
  @TempDir Path dir;

  @Test
  void import_without_a_mapping_widens_a_column_a_late_decimal_breaks_and_loads_every_row()
      throws IOException {
    Path file = dir.resolve("late.csv");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,amount,note\n");
      for (int i = 1; i <= 100_000; i++) {
        // ~1.3 MB in: past the 1 MB head, before the middle sample
        w.write(i + "," + (i == 42_000 ? "12.5" : String.valueOf(i % 977)) + ",row " + i + "\n");
      }
    }
    String schema = TestDatabase.freshSchema("widen_cli");

    CliRun run = CliRun.of("import", file.toString(), "--table", schema + ".late");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("widened from bigint to numeric");
    assertThat(TestDatabase.count(schema + ".late")).isEqualTo(100_000);
    assertThat(
            TestDatabase.query(
                "SELECT amount::text AS a FROM " + schema + ".late WHERE id = 42000"))
        .containsExactly(Map.of("a", "12.5"));
  }
}
