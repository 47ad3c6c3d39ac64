package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.app.DataMapper;
import io.datamapper.testing.Await;
import io.datamapper.testing.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a separate process, killed with SIGKILL while COPY is moving a large keyed import: the
 * table keeps exactly the rows it had, the ledger shows the import as interrupted, and the same
 * command run again loads exactly the right rows.
 */
class KillMidImportTest {
  private static final int ROWS = 1_000_000;
  @TempDir Path dir;

  @Test
  void
      a_kill_9_during_a_large_import_leaves_the_table_as_it_was_and_the_rerun_loads_every_row_once()
          throws Exception {
    String schema = TestDatabase.freshSchema("kill");
    String table = schema + ".big";
    Path mapping = dir.resolve("big.yaml");
    Files.writeString(
        mapping,
        """
        target: { schema: %s, table: big }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: name, name: name, type: text }
          - { source: amount, name: amount, type: "numeric(12,2)" }
        keys: [id]
        policies: { duplicateRow: skip, duplicateFile: reject }
        """
            .formatted(schema));
    Path seed = dir.resolve("seed.csv");
    Files.writeString(seed, "id,name,amount\n" + "0,seeded,1.00\n" + "7,seeded,7.00\n");
    assertThat(CliRun.of("import", seed.toString(), "-m", mapping.toString()).exitCode()).isZero();
    Path big = dir.resolve("big.csv");
    write(big);

    Process p = start(big, mapping);
    long seen = waitForCopy(p);
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(seen)
        .as("rows COPY had taken when the process was killed")
        .isBetween(1L, (long) ROWS - 1);
    assertThat(TestDatabase.query("SELECT id, name FROM " + table + " ORDER BY id"))
        .extracting(r -> r.get("id") + ":" + r.get("name"))
        .containsExactly("0:seeded", "7:seeded");
    CliRun imports = CliRun.of("imports", "--json");
    assertThat(imports.out()).contains("interrupted");

    Process again = start(big, mapping);
    assertThat(again.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String out = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(again.exitValue()).as(out).isZero();
    Map<String, Object> check =
        TestDatabase.query(
                "SELECT count(*) AS n, count(DISTINCT id) AS d, min(id) AS lo, max(id) AS hi, "
                    + "count(*) FILTER (WHERE name = 'seeded') AS seeded FROM "
                    + table)
            .get(0);
    assertThat(check)
        .containsEntry("n", (long) ROWS)
        .containsEntry("d", (long) ROWS)
        .containsEntry("lo", 0L)
        .containsEntry("hi", (long) ROWS - 1)
        .containsEntry("seeded", 2L);
    assertThat(out).contains("2 rows had a key already in the table");
  }

  private static Process start(Path file, Path mapping) throws IOException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            DataMapper.class.getName(),
            "import",
            file.toString(),
            "-m",
            mapping.toString(),
            "--db",
            TestDatabase.jdbcUrl());
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /**
   * Waits until PostgreSQL reports the child's COPY under way, past 100,000 rows; returns the rows
   * seen.
   */
  private static long waitForCopy(Process p) {
    return Await.until(
        "the import's COPY past 100,000 rows",
        Duration.ofSeconds(120),
        () -> {
          if (!p.isAlive())
            throw new AssertionError("the import exited before its COPY got under way");
          return TestDatabase.query("SELECT tuples_processed FROM pg_stat_progress_copy").stream()
              .mapToLong(row -> ((Number) row.get("tuples_processed")).longValue())
              .max()
              .orElse(0L);
        },
        n -> n > 100_000);
  }

  private static void write(Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,name,amount\n");
      for (int i = 0; i < ROWS; i++) {
        w.write(Integer.toString(i));
        w.write(",name ");
        w.write(Integer.toString(i % 977));
        w.write(',');
        w.write(Integer.toString(i % 10_000));
        w.write(".25\n");
      }
    }
  }
}
