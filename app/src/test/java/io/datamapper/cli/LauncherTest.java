package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher keeps a database password off the java command line (what ps and /proc/PID/cmdline
 * show every user). It runs the real ./datamapper script in a copy of the repository's layout, with
 * a stand-in JDK whose "java" records its own /proc/PID/cmdline and the DATAMAPPER_DB_URL it was
 * given.
 */
class LauncherTest {
  private static final String SECRET = "s3cr3t-Pa55";
  @TempDir Path dir;

  private Path layout() throws Exception {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    Files.copy(repo.resolve("datamapper"), dir.resolve("datamapper"));
    Files.copy(repo.resolve("jdk.sh"), dir.resolve("jdk.sh"));
    Path target = Files.createDirectories(dir.resolve("app/target/run"));
    // a built jar and its extracted copy, newer than the jar: nothing to build or extract
    Files.writeString(dir.resolve("app/target/datamapper.jar"), "");
    Files.writeString(target.resolve("datamapper.jar"), "");
    Files.setLastModifiedTime(
        dir.resolve("app/target/datamapper.jar"),
        FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
    Files.writeString(dir.resolve("jdk/release"), "JAVA_VERSION=\"21.0.1\"\n");
    Path java = jdk.resolve("java");
    Files.writeString(
        java,
        """
        #!/usr/bin/env bash
        { tr '\\0' '\\n' < /proc/$$/cmdline; echo "DATAMAPPER_DB_URL=${DATAMAPPER_DB_URL:-}"; } > "$LAUNCHER_TEST_OUT"
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir.resolve("datamapper");
  }

  /** What the stand-in java saw: its command line, then the DATAMAPPER_DB_URL line. */
  private String launch(Path launcher, String... args) throws Exception {
    Path out = dir.resolve("seen.txt");
    List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    pb.environment().put("LAUNCHER_TEST_OUT", out.toString());
    pb.environment().remove("DATAMAPPER_DB_URL");
    pb.environment().remove("DATAMAPPER_JAVA_OPTS");
    Process p = pb.start();
    String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(console).isZero();
    return Files.readString(out);
  }

  @Test
  void a_password_in_db_never_reaches_the_java_command_line() throws Exception {
    Path launcher = layout();
    for (String[] args :
        new String[][] {
          {
            "serve",
            "--port",
            "0",
            "--db",
            "jdbc:postgresql://db:5432/data?user=dm&password=" + SECRET
          },
          {"import", "x.csv", "--db=postgresql://dm:" + SECRET + "@db/data", "--table", "t"},
          {
            "tables",
            "--db",
            "jdbc:postgresql://db/data?user=dm&PASSWORD=" + SECRET + "&sslmode=require"
          }
        }) {
      String seen = launch(launcher, args);
      String commandLine = seen.substring(0, seen.indexOf("DATAMAPPER_DB_URL="));
      assertThat(commandLine)
          .as(String.join(" ", args))
          .doesNotContain(SECRET)
          .doesNotContain("--db")
          .contains(args[0]);
      assertThat(seen).contains("DATAMAPPER_DB_URL=").contains(SECRET);
    }

    String plain =
        launch(launcher, "tables", "--db", "jdbc:postgresql://db/data?user=dm", "--", "--db=x:y@z");
    assertThat(plain)
        .contains("--db\njdbc:postgresql://db/data?user=dm\n--\n--db=x:y@z")
        .endsWith("DATAMAPPER_DB_URL=\n");
  }
}
