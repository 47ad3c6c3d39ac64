package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.security.ApiKeys;
import io.datamapper.server.security.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Only `serve` boots Spring: other commands (here help, which builds every subcommand, and keys)
 * never load it.
 */
class CliWithoutSpringTest {

  private static String run(String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info",
                "-cp",
                System.getProperty("java.class.path"),
                "io.datamapper.app.DataMapper"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void help_and_keys_run_without_loading_spring() throws Exception {
    String help = run("--help");
    assertThat(help).contains("serve", "keys").doesNotContain("org.springframework");

    String keys = run("keys", "new", "--role", "importer");
    assertThat(keys).doesNotContain("org.springframework");
    Matcher key = Pattern.compile("API key [^:]*: (dm_\\S+)").matcher(keys);
    Matcher entry =
        Pattern.compile("DATAMAPPER_API_KEYS[^:]*: (importer:[0-9a-f]{64})").matcher(keys);
    assertThat(key.find()).as(keys).isTrue();
    assertThat(entry.find()).as(keys).isTrue();
    assertThat(ApiKeys.parse(List.of(entry.group(1))).roleOf(key.group(1))).contains(Role.IMPORTER);
  }
}
