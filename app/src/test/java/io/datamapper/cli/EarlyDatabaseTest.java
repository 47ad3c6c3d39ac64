package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.app.DataMapper;
import io.datamapper.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database is opened at the top of main only when the command line names one external
 * PostgreSQL beyond doubt; otherwise the command opens it as before, after picocli has parsed.
 */
class EarlyDatabaseTest {
  private static final String URL = "jdbc:postgresql://db:5432/data?user=me";
  private static final String ENV = "jdbc:postgresql://env:5432/data";
  @TempDir Path dir;

  private static String scan(String... args) {
    return EarlyDatabase.scan(args, null);
  }

  @Test
  void an_import_with_one_db_option_in_either_spelling_is_opened_early() {
    assertThat(scan("import", "f.csv", "--db", URL, "-m", "m.yaml")).isEqualTo(URL);
    assertThat(scan("import", "--db=" + URL, "f.csv")).isEqualTo(URL);
    assertThat(EarlyDatabase.scan(new String[] {"import", "f.csv", "--db", URL}, ENV))
        .as("--db wins over DATAMAPPER_DB_URL, as in DbOptions")
        .isEqualTo(URL);
    assertThat(EarlyDatabase.scan(new String[] {"import", "f.csv", "-m", "m.yaml"}, ENV))
        .isEqualTo(ENV);
  }

  @Test
  void anything_ambiguous_or_not_an_import_opens_nothing_early() {
    assertThat(scan("import", "f.csv")).as("the embedded server is never started early").isNull();
    assertThat(EarlyDatabase.scan(new String[] {"import", "f.csv"}, " ")).isNull();
    assertThat(scan("import", "f.csv", "--db", URL, "--db=" + ENV)).as("two of them").isNull();
    assertThat(scan("import", "f.csv", "--db")).as("no value").isNull();
    assertThat(scan("import", "@args.txt")).as("picocli expands argument files").isNull();
    assertThat(scan("import", "f.csv", "--db", URL, "--help")).isNull();
    assertThat(scan("import", "-h", "--db", URL)).isNull();
    assertThat(scan("import", "--version", "--db", URL)).isNull();
    assertThat(scan("tables", "--db", URL)).isNull();
    assertThat(scan("--db", URL, "import")).isNull();
    assertThat(scan()).isNull();
    assertThat(scan("import", "--", "--db", URL)).as("after --, only file names").isNull();
  }

  /** Runs main in a child JVM, as the launcher does. */
  private static Process main(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DataMapper.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("DATAMAPPER_DB_URL");
    return pb.start();
  }

  private static String finish(Process p, int exitCode) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(exitCode);
    return out;
  }

  @Test
  void an_import_through_main_loads_its_rows_and_a_mistyped_option_still_fails_as_before()
      throws Exception {
    String schema = TestDatabase.freshSchema("early");
    Path csv = dir.resolve("tiny.csv");
    Files.writeString(csv, "id,name\n1,alice\n2,bob\n");
    Path mapping = dir.resolve("tiny.yaml");
    Files.writeString(
        mapping,
        """
        target: { schema: %s, table: tiny, create: true }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: name, name: name, type: text }
        """
            .formatted(schema));
    String db = TestDatabase.jdbcUrl();

    String out = finish(main("import", csv.toString(), "-m", mapping.toString(), "--db", db), 0);
    assertThat(out).contains("Imported 2 rows");
    assertThat(TestDatabase.query("SELECT count(*) AS n FROM " + schema + ".tiny").get(0))
        .containsEntry("n", 2L);

    String typo = finish(main("import", csv.toString(), "--mapp", "x", "--db", db), 2);
    assertThat(typo).contains("Unknown options: '--mapp'", "Possible solutions: --mapping");
  }
}
