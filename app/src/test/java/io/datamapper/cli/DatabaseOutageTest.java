package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.app.DataMapper;
import io.datamapper.testing.Await;
import io.datamapper.testing.StoppablePostgres;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped (fast shutdown, as an administrator's restart) while a CLI process is moving a
 * large import: the CLI fails cleanly with exit code 3 and says the database became unreachable,
 * the table keeps exactly the rows it had, and once PostgreSQL is back the same command loads every
 * row once while the ledger shows the first attempt as interrupted. A PostgreSQL of the test's own:
 * the shared test database is never stopped.
 */
class DatabaseOutageTest {
  private static final int ROWS = 1_000_000;
  @TempDir Path dir;

  @Test
  void
      postgresql_stopped_mid_import_is_exit_3_with_nothing_written_and_the_same_command_later_loads_every_row_once()
          throws Exception {
    try (StoppablePostgres pg = StoppablePostgres.start(dir.resolve("pgdata"))) {
      Path mapping = dir.resolve("big.yaml");
      Files.writeString(
          mapping,
          """
          target: { table: big }
          columns:
            - { source: id, name: id, type: bigint }
            - { source: name, name: name, type: text }
            - { source: amount, name: amount, type: "numeric(12,2)" }
          """);
      Path seed = dir.resolve("seed.csv");
      Files.writeString(seed, "id,name,amount\n-1,seeded,1.00\n-2,seeded,2.00\n");
      assertThat(run(pg, "import", seed.toString(), "-m", mapping.toString()).exitCode()).isZero();
      Path big = dir.resolve("big.csv");
      write(big);

      Process child = start(pg, big, mapping);
      waitForCopy(pg, child);
      pg.stop();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the CLI ends on its own").isTrue();
      String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(child.exitValue()).as(out).isEqualTo(DataMapperCommand.ENVIRONMENT);
      assertThat(out)
          .contains("Error: The database became unreachable while importing big.csv (")
          .contains("Nothing was imported; run the same import again once PostgreSQL is back.")
          .doesNotContain("Internal error")
          .doesNotContain("\tat ");

      pg.start();
      assertThat(pg.queryOne("SELECT string_agg(id::text, ',' ORDER BY id) FROM public.big"))
          .isEqualTo("-2,-1");
      CliRun again = run(pg, "import", big.toString(), "-m", mapping.toString());
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(
              pg.queryOne(
                  "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || min(id) || ' ' || max(id) FROM public.big"))
          .isEqualTo((ROWS + 2) + " " + (ROWS + 2) + " -2 " + ROWS);
      CliRun imports = run(pg, "imports", "--json");
      assertThat(imports.exitCode()).isZero();
      assertThat(
              pg.queryOne(
                  "SELECT string_agg(status || ':' || coalesce(error, ''), ' | ' ORDER BY id) FROM datamapper.imports "
                      + "WHERE file_name = 'big.csv'"))
          .asString()
          .startsWith("failed:interrupted: the importing process stopped, or lost PostgreSQL")
          .endsWith(" | succeeded:");
    }
  }

  @Test
  void a_database_that_cannot_be_reached_at_all_is_exit_3_too() throws Exception {
    Path file = dir.resolve("one.csv");
    Files.writeString(file, "id\n1\n");
    String url;
    try (StoppablePostgres pg = StoppablePostgres.start(dir.resolve("gone"))) {
      url = pg.jdbcUrl();
    }

    CliRun r = CliRun.withDb(url, "import", file.toString(), "--table", "one");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(DataMapperCommand.ENVIRONMENT);
    assertThat(r.err())
        .contains("Error: Cannot connect to jdbc:postgresql://127.0.0.1:")
        .contains("refused");
  }

  private static CliRun run(StoppablePostgres pg, String... args) {
    return CliRun.withDb(pg.jdbcUrl(), args);
  }

  private static Process start(StoppablePostgres pg, Path file, Path mapping) throws IOException {
    List<String> cmd =
        new ArrayList<>(
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
                pg.jdbcUrl()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Waits until the child's COPY is under way past 50,000 rows. */
  private static void waitForCopy(StoppablePostgres pg, Process p) {
    Await.until(
        "the import's COPY past 50,000 rows",
        Duration.ofSeconds(120),
        () -> {
          if (!p.isAlive())
            throw new AssertionError("the import exited before its COPY got under way");
          Object n = pg.queryOne("SELECT max(tuples_processed) FROM pg_stat_progress_copy");
          return n == null ? 0L : ((Number) n).longValue();
        },
        n -> n > 50_000);
  }

  private static void write(Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,name,amount\n");
      for (int i = 1; i <= ROWS; i++) {
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
