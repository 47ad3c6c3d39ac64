package io.datamapper.format.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.db.Migrations;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1,000,000-record XML file is read and imported by a child JVM limited to 256 MB of heap: memory
 * does not grow with the file. The figures are printed to the test output.
 */
class XmlMemoryTest {
  static final int ROWS = 1_000_000;

  @TempDir Path dir;

  @Test
  void a_million_records_read_and_import_with_a_256_mb_heap() throws Exception {
    Path file = dir.resolve("big.xml");
    XmlMemoryProbe.generate(file, ROWS);
    Migrations.migrate(TestDatabase.dataSource());
    String schema = TestDatabase.freshSchema("xmlbig");

    String read = runChild("read", file.toString());
    String imported = runChild("import", file.toString(), TestDatabase.jdbcUrl(), schema);

    System.out.println(
        "XmlMemoryTest " + file.toFile().length() / 1_000_000 + " MB: " + read + " | " + imported);
    assertThat(read).contains("read records=" + ROWS + " ").contains("max_heap_mb=256");
    assertThat(imported).contains("import records=" + ROWS + " ");
    assertThat(TestDatabase.count(schema + ".big")).isEqualTo(ROWS);
    assertThat(
            TestDatabase.query(
                "SELECT kind, name, price::text AS price, currency, day::text AS day, tags::text AS tags, city, zip"
                    + " FROM "
                    + schema
                    + ".big WHERE id = 123457"))
        .containsExactly(
            Map.of(
                "kind",
                "k5",
                "name",
                "Name 123457 & Co",
                "price",
                "457.57",
                "currency",
                "EUR",
                "day",
                "2024-02-14",
                "tags",
                "[\"t2\", \"u1\"]",
                "city",
                "City 57",
                "zip",
                43457));
  }

  /**
   * Runs {@link XmlMemoryProbe} with -Xmx256m; returns its last output line, failing on a non-zero
   * exit.
   */
  private static String runChild(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                XmlMemoryProbe.class.getName()));
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream out = child.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }
}
