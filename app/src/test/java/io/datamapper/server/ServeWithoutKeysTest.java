package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `datamapper serve` started without keys says why in one line and exits 1: the user's to fix, not
 * a Spring stack trace.
 */
class ServeWithoutKeysTest {
  @TempDir static Path dir;

  @Test
  void serve_without_api_keys_prints_the_one_line_reason_and_exits_1_without_a_stack_trace()
      throws Exception {
    Path log = dir.resolve("serve.log");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            "io.datamapper.app.DataMapper",
            "serve",
            "--port",
            "0",
            "--db",
            TestDatabase.jdbcUrl());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("DATAMAPPER_API_KEYS");
    pb.environment().remove("DATAMAPPER_NO_AUTH");
    Process serve = pb.start();
    try {
      assertThat(serve.waitFor(120, TimeUnit.SECONDS)).as("serve ends by itself").isTrue();
      String out = Files.readString(log);

      assertThat(serve.exitValue()).as(out).isEqualTo(1);
      assertThat(out)
          .contains("Error: Cannot start the server: No API keys are configured")
          .doesNotContain("\tat ")
          .doesNotContain("Application run failed")
          .doesNotContain("Exception encountered");
    } finally {
      serve.destroyForcibly();
    }
  }
}
