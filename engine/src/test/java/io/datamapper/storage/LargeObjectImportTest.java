package io.datamapper.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.db.Migrations;
import io.datamapper.testing.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ~100 MB object streams from the S3 server straight into the import, in a child JVM with a 256
 * MB heap: the download is never held in memory or copied to disk first.
 */
class LargeObjectImportTest {
  static final int ROWS = 1_500_000;
  @TempDir Path dir;

  @Test
  void a_100_mb_object_streams_into_the_import_within_256_mb_of_heap() throws Exception {
    Path file = dir.resolve("big.csv");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,name,amount\n");
      for (int i = 1; i <= ROWS; i++) {
        w.write(
            i + ",customer number " + i + " of the large object test," + (i % 10_000) + ".50\n");
      }
    }
    long size = Files.size(file);
    assertThat(size).isGreaterThan(90_000_000L);

    try (S3TestServer s3 = new S3TestServer()) {
      s3.createBucket("large");
      s3.put("large", "exports/big.csv", file);
      Files.delete(file);
      Migrations.migrate(TestDatabase.dataSource());
      String schema = TestDatabase.freshSchema("s3_large");

      String figures =
          runChild(
              s3.endpoint.toString(), "s3://large/exports/big.csv", TestDatabase.jdbcUrl(), schema);

      assertThat(figures).startsWith("records=" + ROWS + " bytes=" + size + " ");
      assertThat(
              TestDatabase.query("SELECT count(*) AS n, max(id) AS m FROM " + schema + ".big")
                  .get(0))
          .isEqualTo(Map.of("n", (long) ROWS, "m", (long) ROWS));
    }
  }

  private String runChild(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                LargeObjectImportCheck.class.getName()));
    command.addAll(List.of(args));
    Path log = dir.resolve("child.log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(180, TimeUnit.SECONDS);
    if (!done) p.destroyForcibly();
    String output = Files.readString(log);
    assertThat(done).as("finished in time; output: %s", output).isTrue();
    assertThat(p.exitValue()).as("exit code; output: %s", output).isZero();
    String figures = output.lines().filter(l -> l.startsWith("records=")).findFirst().orElseThrow();
    System.out.println("LargeObjectImportTest: " + figures);
    return figures;
  }
}
