package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.security.ApiKeys;
import io.datamapper.testing.HostileFiles;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16 findings 4 and 5, as found: a real server in a child JVM with a 256 MB heap gets the
 * lying xlsx (a shared-strings part that declares 100 bytes and inflates to 340 MB) at {@code
 * /detect-mapping} with a reader key and at {@code /map-data}, a sheet that inflates to 300 MB, and
 * a 50 MB CSV field as text and as a bigint. Each is a small 422 naming the limit and its setting;
 * after each, health is UP and an ordinary import succeeds.
 */
class HostileUploadsTest {
  private static final String IMPORTER = "dm_hostile_test_importer_key_0123456789";
  private static final String READER = "dm_hostile_test_reader_key_01234567890";
  private static final Pattern SERVING =
      Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+) \\(node (\\S+)\\)");
  private static final long FIFTY_MB = 50L << 20;

  /** A problem detail is a few hundred bytes; the finding was a 52 MB one. */
  private static final int SMALL_BODY = 4096;

  @TempDir static Path dir;
  private static Process server;
  private static Path log;
  private static String base;
  private static int imports;

  @BeforeAll
  static void startServer() throws Exception {
    String db = "dm_hostile_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    TestDatabase.execute("CREATE DATABASE " + db);
    String url = TestDatabase.jdbcUrl().replace("/postgres?", "/" + db + "?");
    log = dir.resolve("server.log");
    List<String> cmd =
        new ArrayList<>(
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
                "--node",
                "hostile",
                "--staging-dir",
                Files.createDirectories(dir.resolve("staging")).toString(),
                "--db",
                url));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment()
        .put(
            "DATAMAPPER_API_KEYS",
            "importer:" + ApiKeys.sha256(IMPORTER) + ",reader:" + ApiKeys.sha256(READER));
    pb.environment()
        .put(
            "DATAMAPPER_LIMITS_MAX_XLSX_PART_SIZE",
            "64MB"); // a setting from the environment, as deployed
    server = pb.start();
    Instant deadline = Instant.now().plusSeconds(90);
    while (base == null) {
      Matcher m = SERVING.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) base = "http://127.0.0.1:" + m.group(1);
      else if (!server.isAlive())
        throw new AssertionError("server exited: " + Files.readString(log));
      else if (Instant.now().isAfter(deadline))
        throw new AssertionError("server did not start in 90 s: " + Files.readString(log));
      else Thread.sleep(100);
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.destroyForcibly();
      server.waitFor();
    }
  }

  private static Http as(String key) {
    return new Http(base, key);
  }

  private static byte[] bytes(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  /** Health is UP, an ordinary import succeeds, and the server never ran out of memory. */
  private static void assertServerHealthy() throws IOException {
    Http.Response health = as(null).get("/actuator/health");
    assertThat(health.status()).as(health.body()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
    String table = "after_" + (++imports);
    Http.Response ok =
        as(IMPORTER).upload("/map-data?table=" + table, "ok.csv", "id,name\n1,a\n2,b\n", null);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("rowsInserted").asLong()).isEqualTo(2);
    assertThat(server.isAlive()).isTrue();
    assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
  }

  private static void assertSmall422(Http.Response r, String... contains) {
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.body().length()).as("problem detail size").isLessThan(SMALL_BODY);
    assertThat(r.body()).contains(contains);
  }

  @Test
  void the_lying_xlsx_is_a_small_422_at_detect_mapping_and_map_data_and_the_server_stays_up()
      throws IOException {
    Path file =
        HostileFiles.xlsx(dir.resolve("lying.xlsx"), HostileFiles.oneHugeString(340L << 20), null);
    HostileFiles.declareSize(file, "xl/sharedStrings.xml", 100);
    assertThat(Files.size(file)).isLessThan(2L << 20);

    Http.Response detect =
        as(READER).upload("/detect-mapping", "lying.xlsx", bytes(file), Map.of());
    assertSmall422(
        detect,
        "shared-strings table is longer than 16,777,216 characters",
        "datamapper.limits.max-value-size");
    assertThat(detect.json().get("setting").asString())
        .isEqualTo("datamapper.limits.max-value-size");
    assertServerHealthy();

    Http.Response imported =
        as(IMPORTER)
            .upload(
                "/map-data?table=lying",
                "lying.xlsx",
                bytes(file),
                Map.of(
                    "mapping",
                    "{\"target\":{\"table\":\"hostile\"},\"columns\":[{\"source\":\"name\",\"name\":\"name\"}]}"));
    assertSmall422(imported, "datamapper.limits.max-value-size");
    assertServerHealthy();
  }

  @Test
  void a_sheet_that_inflates_to_300_mb_stops_at_the_part_limit_set_in_the_environment()
      throws IOException {
    Path file =
        HostileFiles.xlsx(
            dir.resolve("sheet.xlsx"),
            HostileFiles.smallStrings(),
            HostileFiles.hugeSheet(300L << 20));
    HostileFiles.declareSize(file, "xl/worksheets/sheet1.xml", 100);

    Http.Response detect =
        as(READER).upload("/detect-mapping", "sheet.xlsx", bytes(file), Map.of());
    assertSmall422(
        detect,
        "the xlsx part xl/worksheets/sheet1.xml inflates to more than 64 MB",
        "datamapper.limits.max-xlsx-part-size");
    Http.Response imported =
        as(IMPORTER).upload("/map-data?table=sheet", "sheet.xlsx", bytes(file), Map.of());
    assertSmall422(imported, "datamapper.limits.max-xlsx-part-size");
    assertServerHealthy();
  }

  @Test
  void a_50_mb_csv_field_as_text_and_as_bigint_is_a_small_422_and_the_server_stays_up()
      throws IOException {
    Path text = HostileFiles.csvWithHugeField(dir.resolve("note.csv"), "note", FIFTY_MB, false);
    Path number =
        HostileFiles.csvWithHugeField(dir.resolve("amount.csv"), "amount", FIFTY_MB, true);

    Http.Response asText =
        as(IMPORTER)
            .upload(
                "/map-data?table=notes",
                "note.csv",
                bytes(text),
                Map.of(
                    "mapping",
                    "{\"target\":{\"table\":\"hostile\"},\"columns\":[{\"source\":\"id\",\"name\":\"id\",\"type\":\"bigint\"},{\"source\":\"note\",\"name\":\"note\"}]}"));
    assertSmall422(
        asText,
        "note.csv: the field in line 2, column 'note' is longer than 16,777,216 characters; the limit is 16 MB"
            + " (datamapper.limits.max-value-size)");
    assertServerHealthy();

    Http.Response asBigint =
        as(IMPORTER)
            .upload(
                "/map-data?table=amounts",
                "amount.csv",
                bytes(number),
                Map.of(
                    "mapping",
                    "{\"target\":{\"table\":\"hostile\"},\"columns\":[{\"source\":\"id\",\"name\":\"id\",\"type\":\"bigint\"},{\"source\":\"amount\",\"name\":\"amount\",\"type\":\"bigint\"}]}"));
    assertSmall422(asBigint, "column 'amount' is longer than 16,777,216 characters");
    assertServerHealthy();
  }

  @Test
  void a_10_mb_bad_bigint_is_a_rejected_row_whose_value_is_shortened() throws IOException {
    Path number = HostileFiles.csvWithHugeField(dir.resolve("ten.csv"), "amount", 10L << 20, false);

    Http.Response r =
        as(IMPORTER)
            .upload(
                "/map-data?table=ten",
                "ten.csv",
                bytes(number),
                Map.of(
                    "mapping",
                    "{\"target\":{\"table\":\"hostile\"},\"columns\":[{\"source\":\"id\",\"name\":\"id\",\"type\":\"bigint\"},{\"source\":\"amount\",\"name\":\"amount\",\"type\":\"bigint\"}]}"));

    assertSmall422(r, "rejected-row");
    assertThat(r.json().get("value").asString())
        .endsWith("… (10,485,760 characters)")
        .hasSizeLessThan(260);
    assertServerHealthy();
  }
}
