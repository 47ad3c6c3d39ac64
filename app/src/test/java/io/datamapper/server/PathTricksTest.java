package io.datamapper.server;

import static io.datamapper.server.TestServer.ADMIN_KEY;
import static io.datamapper.server.TestServer.IMPORTER_KEY;
import static io.datamapper.server.TestServer.READER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #16 finding 3, as it was found: with a reader key, spellings of a path that Spring routes
 * to an importer's endpoint (path parameters, encoded characters) imported and undid imports, and
 * an encoded /actuator answered. Each is now refused (400 or 403) and nothing changes.
 */
class PathTricksTest {
  private static final String PEOPLE = "id,name\n1,Ada\n2,Alan\n";
  private final Http reader = Http.as(READER_KEY);
  private final Http importer = Http.as(IMPORTER_KEY);
  private String schema;

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("tricks");
  }

  private String mapping(String table) {
    return """
        {"target": {"schema": "%s", "table": "%s"}, "columns": [{"source": "id", "type": "bigint"}, {"source": "name"}]}
        """
        .formatted(schema, table);
  }

  private boolean tableExists(String table) {
    return (Boolean)
        TestDatabase.query("SELECT to_regclass('" + schema + "." + table + "') IS NOT NULL AS e")
            .get(0)
            .get("e");
  }

  private long importsInto(String table) {
    return (Long)
        TestDatabase.query(
                "SELECT count(*) AS n FROM datamapper.imports WHERE target_schema = '"
                    + schema
                    + "' AND target_table = '"
                    + table
                    + "'")
            .get(0)
            .get("n");
  }

  @Test
  void a_reader_cannot_import_through_path_parameters_or_encoded_characters() {
    Map<String, Integer> tried = new java.util.LinkedHashMap<>();
    String[] paths = {
      "/map-data;x=1",
      "/map%2Ddata",
      "/map-data;",
      "/%6Dap-data",
      "/map-data/",
      "/map-data%3Bx=1",
      "/./map-data",
      "/x/../map-data",
      "//map-data",
      "/map-b2-data;x=1"
    };
    for (int i = 0; i < paths.length; i++) {
      String table = "t" + i;
      Http.Response r = reader.upload(paths[i], "people.csv", PEOPLE, mapping(table));
      tried.put(paths[i], r.status());
      assertThat(r.status()).as(paths[i] + ": " + r.body()).isIn(400, 403, 404, 405, 415);
      assertThat(r.contentType()).as(paths[i]).startsWith("application/problem+json");
      assertThat(tableExists(table)).as(paths[i]).isFalse();
      assertThat(importsInto(table)).as(paths[i]).isZero();
    }
    // the two spellings of the report: refused by the path rules and by the role check on the
    // routed handler
    assertThat(tried)
        .containsEntry("/map-data;x=1", 400)
        .containsEntry("/map%2Ddata", 403)
        .containsEntry("/%6Dap-data", 403);
    // the plain path with an importer key still works
    assertThat(importer.upload("/map%2Ddata", "people.csv", PEOPLE, mapping("ok")).status())
        .isEqualTo(200);
    assertThat(TestDatabase.count(schema + ".ok")).isEqualTo(2);
  }

  @Test
  void a_reader_cannot_undo_an_import_through_path_parameters_or_encoded_characters() {
    long id =
        importer
            .upload("/map-data", "people.csv", PEOPLE, mapping("kept"))
            .json()
            .get("importId")
            .asLong();

    String digits = String.valueOf(id);
    String encodedId = "%3" + digits.charAt(0) + digits.substring(1);
    for (String path :
        new String[] {
          "/imports;x/" + id,
          "/imports/" + id + ";x",
          "/%69mports/" + id,
          "/imports/" + encodedId,
          "/imports//" + id,
          "/imports/./" + id,
          "/imports%2F" + id
        }) {
      Http.Response r = reader.delete(path);
      assertThat(r.status()).as(path + ": " + r.body()).isIn(400, 403, 404);
      // Tomcat itself refuses an encoded slash (its own 400 page) before any filter runs
      if (!path.contains("%2F"))
        assertThat(r.contentType()).as(path).startsWith("application/problem+json");
    }
    assertThat(reader.delete("/imports;x/" + id).status()).isEqualTo(400);
    assertThat(reader.delete("/%69mports/" + id).status()).isEqualTo(403);
    assertThat(reader.delete("/imports/" + encodedId).status()).isEqualTo(403);

    assertThat(TestDatabase.count(schema + ".kept")).isEqualTo(2);
    assertThat(TestDatabase.query("SELECT status FROM datamapper.imports WHERE id = " + id).get(0))
        .containsEntry("status", "succeeded");
  }

  @Test
  void the_actuator_needs_an_admin_key_however_its_path_is_spelled() {
    for (Http caller : new Http[] {reader, importer, Http.as(null)}) {
      for (String path :
          new String[] {
            "/%61ctuator/prometheus",
            "/actuator/%70rometheus",
            "/actuator/prometheus/",
            "/actuator",
            "/actuator;x/prometheus",
            "/actuator//prometheus",
            "/actuator/./prometheus",
            "/x/../actuator/prometheus",
            "/actuator%2Fprometheus",
            "/ACTUATOR/prometheus",
            "/actuator/metrics",
            "/%61ctuator/metrics/jvm.memory.used"
          }) {
        Http.Response r = caller.get(path);
        assertThat(r.status()).as(path + ": " + r.body()).isIn(400, 401, 403, 404);
        assertThat(r.body())
            .as(path)
            .doesNotContain("jvm_", "datamapper_imports", "\"measurements\"", "\"names\"");
      }
    }
    assertThat(reader.get("/%61ctuator/prometheus").status()).isEqualTo(403);
    assertThat(importer.get("/%61ctuator/prometheus").status()).isEqualTo(403);
    assertThat(Http.as(null).get("/%61ctuator/prometheus").status()).isEqualTo(401);
    assertThat(Http.as(ADMIN_KEY).get("/actuator/prometheus").body()).contains("jvm_");
    assertThat(Http.as(null).get("/actuator/health").status()).isEqualTo(200);
  }
}
