package io.datamapper.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.db.Migrations;
import io.datamapper.testing.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1,000,000-record JSON Lines file streams through the reader, and imports, in a JVM limited to
 * 256 MB of heap: the document is never held in memory. In the same heap, a string that never ends
 * is refused at the string limit rather than exhausting memory.
 */
class JsonMemoryTest {
  static final int RECORDS = 1_000_000;
  @TempDir Path dir;

  static Path writeEvents(Path file, int records) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 1; i <= records; i++) {
        w.write(
            "{\"id\":"
                + i
                + ",\"ts\":\"2024-01-"
                + (10 + i % 20)
                + "T12:"
                + (10 + i % 50)
                + ":00Z\",\"kind\":\"k"
                + (i % 7)
                + "\",\"amount\":"
                + (i % 1000)
                + "."
                + (i % 100)
                + ",\"ok\":"
                + (i % 2 == 0)
                + ",\"user\":{\"name\":\"user "
                + i
                + "\",\"geo\":{\"lat\":"
                + (i % 90)
                + ".5}},\"tags\":[\"a\",\"b"
                + (i % 3)
                + "\"]}\n");
      }
    }
    return file;
  }

  private String runChild(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                JsonMemoryCheck.class.getName()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) p.destroyForcibly();
    String log = Files.readString(dir.resolve("child.log"));
    assertThat(done).as("finished in time; output: %s", log).isTrue();
    assertThat(p.exitValue()).as("exit code; output: %s", log).isZero();
    String figures =
        log.lines()
            .filter(l -> l.startsWith("records=") || l.startsWith("refused="))
            .findFirst()
            .orElseThrow();
    System.out.println("JsonMemoryTest " + args[0] + ": " + figures);
    return figures;
  }

  @Test
  void a_million_json_lines_read_and_import_within_256_mb_of_heap()
      throws IOException, InterruptedException {
    Path file = writeEvents(dir.resolve("events.jsonl"), RECORDS);

    assertThat(runChild("read", file.toString())).startsWith("records=" + RECORDS + " ");

    Migrations.migrate(TestDatabase.dataSource());
    String schema = TestDatabase.freshSchema("json_memory");
    assertThat(runChild("import", file.toString(), TestDatabase.jdbcUrl(), schema))
        .startsWith("records=" + RECORDS + " ");
    assertThat(TestDatabase.count(schema + ".events")).isEqualTo(RECORDS);
    assertThat(
            TestDatabase.query(
                "SELECT user_name, lat, tags->>1 AS tag FROM "
                    + schema
                    + ".events WHERE id = 999999"))
        .containsExactly(java.util.Map.of("user_name", "user 999999", "lat", 9.5, "tag", "b0"));
  }

  @Test
  void an_endless_string_is_refused_within_256_mb_of_heap()
      throws IOException, InterruptedException {
    assertThat(runChild("endless"))
        .startsWith("refused=endless.json: the string at line 1, column")
        .contains(
            "is longer than 16,777,216 characters; the limit is 16 MB (datamapper.limits.max-value-size)");
  }
}
