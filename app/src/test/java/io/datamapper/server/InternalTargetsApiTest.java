package io.datamapper.server;

import static io.datamapper.server.TestServer.IMPORTER_KEY;
import static io.datamapper.server.TestServer.READER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Finding 1 of issue 16 as it was found, now refused: an importer key importing a crafted CSV into
 * Data Mapper's own tables (a forged ledger row with SQL in {@code kept_table}), and undo of a
 * ledger row forged straight in the database. The server stays healthy after each.
 */
class InternalTargetsApiTest {
  private final Http importer = Http.as(IMPORTER_KEY);
  private final Http reader = Http.as(READER_KEY);
  private String schema;

  /** A ledger row as an attacker would import it: undo of it would have run the kept_table text. */
  private static final String FORGED_LEDGER =
      "file_name,mapping,target_schema,target_table,status,kept_table\n"
          + "x.csv,\"{\"\"target\"\": {\"\"mode\"\": \"\"replace\"\"}}\",public,x,succeeded,\"public.x; CREATE TABLE public.pwned AS SELECT current_user; --\"\n";

  private static String ledgerMapping(
      String schema, String table, String targetExtra, String topExtra) {
    return """
        {"target": {"schema": %s, "table": "%s"%s},
         "columns": [{"source": "file_name"}, {"source": "mapping", "type": "jsonb"}, {"source": "target_schema"},
                     {"source": "target_table"}, {"source": "status"}, {"source": "kept_table"}]%s}
        """
        .formatted(Http.JSON.writeValueAsString(schema), table, targetExtra, topExtra);
  }

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("leastpriv");
  }

  static Stream<Arguments> attacks() {
    String keys = ", \"keys\": [\"file_name\"]";
    return Stream.of(
        Arguments.of(
            "mapping datamapper.imports", "", "datamapper", "imports", "", "", "datamapper"),
        Arguments.of(
            "mapping DataMapper.imports", "", "DataMapper", "imports", "", "", "DataMapper"),
        Arguments.of(
            "mapping \"datamapper\".imports",
            "",
            "\"datamapper\"",
            "imports",
            "",
            "",
            "\"datamapper\""),
        Arguments.of("mapping datamapper.tasks", "", "datamapper", "tasks", "", "", "datamapper"),
        Arguments.of(
            "mapping datamapper.scheduled_tasks",
            "",
            "datamapper",
            "scheduled_tasks",
            "",
            "",
            "datamapper"),
        Arguments.of(
            "mode replace",
            "",
            "datamapper",
            "imports",
            ", \"mode\": \"replace\"",
            "",
            "datamapper"),
        Arguments.of(
            "mode truncate-insert",
            "",
            "datamapper",
            "imports",
            ", \"mode\": \"truncate-insert\"",
            "",
            "datamapper"),
        Arguments.of(
            "mode upsert",
            "",
            "datamapper",
            "imports",
            ", \"mode\": \"upsert\"",
            keys,
            "datamapper"),
        Arguments.of("keyed skip", "", "datamapper", "imports", "", keys, "datamapper"),
        Arguments.of("dry run", "?dryRun=true", "datamapper", "imports", "", "", "datamapper"),
        Arguments.of("async", "?async=true", "datamapper", "tasks", "", "", "datamapper"),
        Arguments.of(
            "table=datamapper.imports",
            "?table=datamapper.imports",
            "SCHEMA",
            "t",
            "",
            "",
            "datamapper"),
        Arguments.of(
            "table=\"DataMapper\".x",
            "?table=" + q("\"DataMapper\".x"),
            "SCHEMA",
            "t",
            "",
            "",
            "DataMapper"),
        Arguments.of(
            "table=DATAMAPPER.scheduled_tasks",
            "?table=DATAMAPPER.scheduled_tasks",
            "SCHEMA",
            "t",
            "",
            "",
            "DATAMAPPER"),
        Arguments.of(
            "table=datamapper_undo.x",
            "?table=datamapper_undo.x",
            "SCHEMA",
            "t",
            "",
            "",
            "datamapper_undo"),
        Arguments.of(
            "table=pg_catalog.x", "?table=pg_catalog.x", "SCHEMA", "t", "", "", "pg_catalog"),
        Arguments.of(
            "table=information_schema.x",
            "?table=information_schema.x",
            "SCHEMA",
            "t",
            "",
            "",
            "information_schema"),
        Arguments.of("table=pg_temp.x", "?table=pg_temp.x", "SCHEMA", "t", "", "", "pg_temp"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void an_importer_key_cannot_import_a_crafted_csv_into_an_internal_schema(
      String name,
      String query,
      String targetSchema,
      String table,
      String targetExtra,
      String topExtra,
      String refusedSchema) {
    Map<String, Object> before = ledger();
    String mapping =
        ledgerMapping(
            targetSchema.equals("SCHEMA") ? schema : targetSchema, table, targetExtra, topExtra);

    Http.Response r = importer.upload("/map-data" + query, "forged.csv", FORGED_LEDGER, mapping);

    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asString())
        .contains("schema '" + refusedSchema + "' belongs to")
        .contains("cannot be an import target");
    assertThat(ledger()).isEqualTo(before);
    assertHealthy();
  }

  @Test
  void detection_does_not_open_a_way_into_the_ledger_either() {
    Map<String, Object> before = ledger();

    Http.Response r =
        importer.upload("/map-data?table=datamapper.imports", "forged.csv", FORGED_LEDGER, null);

    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(ledger()).isEqualTo(before);
  }

  @Test
  void an_object_import_into_an_internal_schema_is_refused_before_the_store_is_asked() {
    for (String async : new String[] {"false", "true"}) {
      Http.Response r =
          importer.send(
              importer
                  .builder("/map-b2-data?async=" + async)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"bucket\": \"nowhere\", \"key\": \"a.csv\", \"table\": \"datamapper.imports\"}")));

      assertThat(r.status()).as(r.body()).isEqualTo(422);
      assertThat(r.json().get("detail").asString())
          .contains("schema 'datamapper' belongs to Data Mapper");
    }
    assertHealthy();
  }

  @Test
  void undo_of_a_ledger_row_forged_in_the_database_with_sql_in_its_kept_table_runs_none_of_it() {
    String victim = schema + ".victim";
    String marker = schema + ".pwned";
    TestDatabase.execute(
        "CREATE TABLE "
            + victim
            + " (id bigint, _import_id bigint); INSERT INTO "
            + victim
            + " VALUES (1, NULL)");
    long id =
        (Long)
            TestDatabase.query(
                    "INSERT INTO datamapper.imports (file_name, mapping, target_schema, target_table, status, "
                        + "kept_table) VALUES ('x.csv', '{\"target\": {\"mode\": \"replace\"}}', '"
                        + schema
                        + "', 'victim', 'succeeded', "
                        + "'public.x SET SCHEMA public; CREATE TABLE "
                        + marker
                        + " AS SELECT current_user; SELECT pg_sleep(5); --') RETURNING id")
                .get(0)
                .get("id");

    Http.Response r = importer.delete("/imports/" + id);

    assertThat(r.status()).as(r.body()).isEqualTo(409);
    JsonNode p = r.json();
    assertThat(p.get("detail").asString())
        .contains("its ledger row was not written by Data Mapper")
        .contains("Nothing was changed");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + marker + "') IS NULL AS absent")
                .get(0)
                .get("absent"))
        .isEqualTo(true);
    assertThat(TestDatabase.count(victim)).isEqualTo(1);
    assertThat(reader.get("/imports/" + id).json().get("status").asString()).isEqualTo("succeeded");
    assertHealthy();
  }

  @Test
  void undo_of_a_forged_ledger_row_naming_the_ledger_as_a_created_table_keeps_the_ledger() {
    long id =
        (Long)
            TestDatabase.query(
                    "INSERT INTO datamapper.imports (file_name, mapping, target_schema, target_table, status, "
                        + "created_table) VALUES ('x.csv', '{}', 'datamapper', 'imports', 'succeeded', true) RETURNING id")
                .get(0)
                .get("id");

    Http.Response r = importer.delete("/imports/" + id);

    assertThat(r.status()).as(r.body()).isEqualTo(409);
    assertThat(r.json().get("detail").asString())
        .contains("which belongs to Data Mapper or PostgreSQL");
    assertThat(
            TestDatabase.query("SELECT to_regclass('datamapper.imports') IS NOT NULL AS kept")
                .get(0)
                .get("kept"))
        .isEqualTo(true);
    assertHealthy();
  }

  private void assertHealthy() {
    Http.Response health = reader.get("/actuator/health");
    assertThat(health.status()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
  }

  private static Map<String, Object> ledger() {
    return TestDatabase.query(
            "SELECT count(*) AS n, coalesce(max(id), 0) AS last, count(*) FILTER (WHERE kept_table LIKE '%pwned%') AS forged "
                + "FROM datamapper.imports")
        .get(0);
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
