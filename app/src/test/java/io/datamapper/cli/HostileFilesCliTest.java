package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.HostileFiles;
import io.datamapper.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with a 256 MB heap, as a user runs it: a 50 MB CSV field is the file's fault (exit 1, a
 * one-line message naming line, column, limit and setting), never an OutOfMemoryError; and a limit
 * set in the environment ({@code DATAMAPPER_LIMITS_*}) is honoured, a wrong one named.
 */
class HostileFilesCliTest {
  @TempDir Path dir;

  private record Run(int exit, String output) {}

  private Run run(Map<String, String> env, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.datamapper.app.DataMapper"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--db", TestDatabase.jdbcUrl()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void a_50_mb_field_exits_1_with_the_limit_and_its_setting() throws Exception {
    Path file = HostileFiles.csvWithHugeField(dir.resolve("big.csv"), "amount", 50L << 20, true);
    String schema = TestDatabase.freshSchema("hostile_cli");
    Path mapping =
        Files.writeString(
            dir.resolve("m.yaml"),
            "target: { schema: "
                + schema
                + ", table: big }\ncolumns:\n"
                + "  - { source: id, name: id, type: bigint }\n  - { source: amount, name: amount, type: bigint }\n");

    Run r = run(Map.of(), "import", file.toString(), "-m", mapping.toString());

    assertThat(r.exit()).as(r.output()).isEqualTo(1);
    assertThat(r.output())
        .contains(
            "big.csv: the field in line 2, column 'amount' is longer than 16,777,216 characters; the limit is"
                + " 16 MB (datamapper.limits.max-value-size)")
        .doesNotContain("OutOfMemoryError")
        .hasSizeLessThan(2000);
  }

  @Test
  void a_limit_set_in_the_environment_is_honoured_and_a_wrong_one_is_named() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("small.json"), "[{\"id\": 1, \"note\": \"" + "x".repeat(2000) + "\"}]");

    Run limited = run(Map.of("DATAMAPPER_LIMITS_MAX_VALUE_SIZE", "1KB"), "detect", file.toString());
    Run wrong = run(Map.of("DATAMAPPER_LIMITS_MAX_VALUE_SIZE", "lots"), "detect", file.toString());
    Run defaults = run(Map.of(), "detect", file.toString());

    assertThat(limited.exit()).as(limited.output()).isEqualTo(1);
    assertThat(limited.output())
        .contains(
            "is longer than 1,024 characters; the limit is 1 KB (datamapper.limits.max-value-size)");
    assertThat(defaults.exit()).as(defaults.output()).isZero();
    assertThat(wrong.exit()).as(wrong.output()).isEqualTo(1);
    assertThat(wrong.output())
        .contains(
            "DATAMAPPER_LIMITS_MAX_VALUE_SIZE must be a positive size such as 16MB, 512KB or 1GB");
  }
}
