package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.storage.FaultyProxy;
import io.datamapper.storage.S3TestServer;
import io.datamapper.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code datamapper import} and {@code detect} with b2:// and s3:// sources, against s3proxy on
 * loopback.
 */
class ObjectStoreCliTest {
  private static S3TestServer s3;
  private String schema;

  record Result(int exitCode, String out, String err) {}

  @BeforeAll
  static void startServer() throws Exception {
    s3 = S3TestServer.start(true);
    s3.createBucket("exports");
  }

  @AfterAll
  static void stopServer() throws Exception {
    s3.close();
  }

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("cli_s3");
  }

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = DataMapperCommand.commandLine(args);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
    all.addAll(java.util.List.of("--db", TestDatabase.jdbcUrl()));
    boolean storage = args[0].equals("import") || args[0].equals("detect");
    if (storage && !all.contains("--endpoint"))
      all.addAll(java.util.List.of("--endpoint", s3.endpoint.toString()));
    int code = cl.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void a_prefix_imports_each_object_with_a_line_each_and_a_total_and_skips_them_the_second_time() {
    s3.put("exports", "2026/jan.csv", "id,city\n1,Bern\n2,Zurich\n");
    s3.put("exports", "2026/feb.csv", "id,city\n3,Basel\n");
    String table = schema + ".cities";

    Result first = run("import", "b2://exports/2026/", "--table", table);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .containsSubsequence(
            "imported b2://exports/2026/feb.csv: 1 row into " + table,
            "imported b2://exports/2026/jan.csv: 2 rows into " + table,
            "2 objects: 2 imported (3 rows), 0 skipped as already imported, 0 failed");
    assertThat(TestDatabase.count(table)).isEqualTo(3);

    s3.put("exports", "2026/mar.csv", "id,city\n4,Geneva\n");
    Result second = run("import", "b2://exports/2026/", "--table", table, "--json");

    assertThat(second.exitCode()).as(second.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(second.out());
    assertThat(json.get("imported").asInt()).isEqualTo(1);
    assertThat(json.get("skipped").asInt()).isEqualTo(2);
    assertThat(json.get("objects").get(0).get("status").asString()).isEqualTo("skipped");
    assertThat(json.get("objects").get(2).get("uri").asString())
        .isEqualTo("b2://exports/2026/mar.csv");
    assertThat(TestDatabase.count(table)).isEqualTo(4);
    assertThat(run("imports").out()).contains("b2://exports/2026/mar.csv");
  }

  @Test
  void a_prefix_with_a_detected_mapping_and_a_table_skips_imported_objects_without_reading_them()
      throws Exception {
    s3.put("exports", "daily/d1.csv", "id,city\n1,Bern\n");
    s3.put("exports", "daily/d2.csv", "id,city\n2,Basel\n");
    String table = schema + ".daily";
    try (FaultyProxy proxy = new FaultyProxy(s3.endpoint.getPort(), "/exports/daily/")) {
      String endpoint = proxy.endpoint().toString();
      assertThat(
              run("import", "s3://exports/daily/", "--table", table, "--endpoint", endpoint)
                  .exitCode())
          .isZero();
      int gets = proxy.gets();
      assertThat(gets).as("a sample for detection and the import, per object").isEqualTo(4);

      Result again = run("import", "s3://exports/daily/", "--table", table, "--endpoint", endpoint);

      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out())
          .contains("skipped  s3://exports/daily/d1.csv: already imported as import #")
          .contains("2 objects: 0 imported (0 rows), 2 skipped as already imported, 0 failed");
      assertThat(proxy.gets()).isEqualTo(gets);
    }
  }

  @Test
  void a_single_object_imports_like_a_file_and_detect_reads_it_too() {
    s3.put("exports", "one/people.csv", "Person ID,Name\n1,Ada\n");

    Result detect = run("detect", "s3://exports/one/people.csv");
    Result imported = run("import", "s3://exports/one/people.csv", "--table", schema + ".people");

    assertThat(detect.exitCode()).as(detect.err()).isZero();
    assertThat(detect.out()).contains("table: people").contains("name: person_id");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains("Imported 1 row from people.csv into " + schema + ".people");
  }

  @Test
  void a_missing_object_exits_1_with_the_url() {
    Result r = run("import", "s3://exports/none/such.csv", "--table", schema + ".x");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("There is no object s3://exports/none/such.csv");
  }
}
