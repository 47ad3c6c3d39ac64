package io.datamapper.server;

import static io.datamapper.server.TestServer.ADMIN_KEY;
import static io.datamapper.server.TestServer.IMPORTER_KEY;
import static io.datamapper.server.TestServer.READER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every endpoint over real HTTP, with its error cases as problem details. */
class ServerApiTest {
  private final Http importer = Http.as(IMPORTER_KEY);
  private final Http reader = Http.as(READER_KEY);
  private String schema;

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("api");
  }

  private String mapping(String table) {
    return """
        {"target": {"schema": "%s", "table": "%s"},
         "columns": [{"source": "id", "type": "bigint"}, {"source": "name"}, {"source": "amount", "type": "numeric(10,2)"}]}
        """
        .formatted(schema, table);
  }

  private static final String PEOPLE =
      "id,name,amount\n1,Ada,10.50\n2,Alan,3\n3,Grace,7.25\n4,Linus,\n";

  private static void assertProblem(Http.Response r, int status, String detailContains) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asString()).isNotBlank();
    assertThat(p.get("detail").asString()).contains(detailContains);
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void map_data_imports_a_csv_and_returns_the_summary() {
    Http.Response r = importer.upload("/map-data", "people.csv", PEOPLE, mapping("people"));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode s = r.json();
    assertThat(s.get("status").asString()).isEqualTo("succeeded");
    assertThat(s.get("rowsInserted").asLong()).isEqualTo(4);
    assertThat(s.get("table").asString()).isEqualTo(schema + ".people");
    assertThat(TestDatabase.count(schema + ".people")).isEqualTo(4);
  }

  @Test
  void map_data_without_a_mapping_detects_one() {
    Http.Response r =
        importer.upload("/map-data?table=" + schema + ".detected", "people.csv", PEOPLE, null);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(TestDatabase.count(schema + ".detected")).isEqualTo(4);
  }

  @Test
  void table_rows_are_paged_sorted_and_filtered_with_values_bound_not_spliced() {
    importer.upload("/map-data", "people.csv", PEOPLE, mapping("people"));
    String t = "/tables/" + schema + ".people";

    JsonNode page = reader.get(t + "?sort=-amount&limit=2").json();
    assertThat(page.get("columns").toString()).contains("id", "name", "amount", "_import_id");
    assertThat(page.get("total").asLong()).isEqualTo(4);
    assertThat(page.get("rows")).hasSize(2);
    assertThat(page.get("rows").get(0).get(1).asString())
        .isEqualTo("Linus"); // NULLs sort first descending
    assertThat(page.get("rows").get(1).get(1).asString()).isEqualTo("Ada");

    JsonNode filtered = reader.get(t + "?filter=" + q("amount:ge:7") + "&sort=name").json();
    assertThat(filtered.get("total").asLong()).isEqualTo(2);
    assertThat(filtered.get("rows").get(0).get(1).asString()).isEqualTo("Ada");

    JsonNode liked = reader.get(t + "?filter=" + q("name:like:%' OR 1=1 --") + "").json();
    assertThat(liked.get("total").asLong()).isZero();
    assertThat(reader.get(t + "?filter=" + q("amount:null")).json().get("total").asLong())
        .isEqualTo(1);
    assertThat(
            reader
                .get(t + "?offset=3&limit=10&sort=id")
                .json()
                .get("rows")
                .get(0)
                .get(1)
                .asString())
        .isEqualTo("Linus");

    assertProblem(
        reader.get(t + "?sort=" + q("id; DROP TABLE x")),
        400,
        "there is no column 'id; DROP TABLE x'");
    assertProblem(reader.get(t + "?filter=" + q("amount:gt:lots")), 400, "lots");
    assertProblem(reader.get(t + "?filter=" + q("amount:between:1")), 400, "unknown op 'between'");
    assertProblem(reader.get(t + "?limit=0"), 400, "limit must be between 1 and 1000");
    assertProblem(reader.get("/tables/" + schema + ".nope"), 404, "There is no table");
  }

  @Test
  void tables_schema_and_stats_describe_the_table_and_its_imports() {
    importer.upload("/map-data", "people.csv", PEOPLE, mapping("people"));

    JsonNode list = reader.get("/tables").json();
    assertThat(list.toString()).contains("\"schema\":\"" + schema + "\"", "\"name\":\"people\"");
    JsonNode cols = reader.get("/tables/" + schema + ".people/schema").json().get("columns");
    assertThat(cols.get(2).get("name").asString()).isEqualTo("amount");
    assertThat(cols.get(2).get("type").asString()).isEqualTo("numeric(10,2)");
    JsonNode stats = reader.get("/tables/" + schema + ".people/stats").json();
    assertThat(stats.get("rows").asLong()).isEqualTo(4);
    assertThat(stats.get("bytes").asLong()).isPositive();
    assertThat(stats.get("imports").get("succeeded").asLong()).isEqualTo(1);
    assertThat(stats.get("imports").get("rowsInserted").asLong()).isEqualTo(4);
  }

  @Test
  void imports_rejects_and_undo_are_served_from_the_ledger() {
    String skip =
        mapping("scores")
            .replace(
                "\"columns\"", "\"policies\": {\"badRows\": {\"mode\": \"skip\"}}, \"columns\"");
    JsonNode s =
        importer
            .upload("/map-data", "scores.csv", "id,name,amount\n1,a,1\n2,b,two\n3,c,3\n", skip)
            .json();
    long id = s.get("importId").asLong();

    assertThat(reader.get("/imports?limit=5").json().get(0).get("id").asLong()).isEqualTo(id);
    JsonNode one = reader.get("/imports/" + id).json();
    assertThat(one.get("status").asString()).isEqualTo("succeeded");
    assertThat(one.get("rowsRejected").asLong()).isEqualTo(1);
    JsonNode rejects = reader.get("/imports/" + id + "/rejects").json();
    assertThat(rejects).hasSize(1);
    assertThat(rejects.get(0).get("lineNumber").asLong()).isEqualTo(3);
    assertThat(rejects.get(0).get("column").asString()).isEqualTo("amount");
    assertThat(rejects.get(0).get("value").asString()).isEqualTo("two");

    assertProblem(reader.delete("/imports/" + id), 403, "");
    Http.Response undone = importer.delete("/imports/" + id);
    assertThat(undone.status()).as(undone.body()).isEqualTo(200);
    assertThat(undone.json().get("import").get("status").asString()).isEqualTo("undone");
    assertThat(undone.json().get("summary").asString()).contains("deleted 2 rows");
    assertProblem(importer.delete("/imports/" + id), 409, "was already undone");
    assertProblem(reader.get("/imports/999999999"), 404, "There is no import #999999999");
    assertProblem(reader.get("/imports/999999999/rejects"), 404, "There is no import");
  }

  @Test
  void a_bad_mapping_is_422_with_every_problem_listed() {
    String bad =
        """
        {"target": {"schema": "%s", "table": "t"}, "columns": [{"source": "nope"}, {"source": "id", "type": "bigint"}, {"source": "missing2"}]}
        """
            .formatted(schema);

    Http.Response r = importer.upload("/map-data", "people.csv", PEOPLE, bad);

    assertProblem(r, 422, "nope");
    assertThat(r.json().get("type").asString()).endsWith("/bad-mapping");
    assertThat(r.json().get("problems")).hasSize(2);

    assertProblem(
        importer.upload("/map-data", "people.csv", PEOPLE, "{not json"),
        422,
        "not valid YAML/JSON");
  }

  @Test
  void a_bad_value_is_422_naming_file_line_column_and_value_and_nothing_is_written() {
    Http.Response r =
        importer.upload(
            "/map-data", "bad.csv", "id,name,amount\n1,a,1\n2,b,12.3.4\n", mapping("bad"));

    assertProblem(r, 422, "bad.csv");
    JsonNode p = r.json();
    assertThat(p.get("line").asLong()).isEqualTo(3);
    assertThat(p.get("column").asString()).isEqualTo("amount");
    assertThat(p.get("value").asString()).isEqualTo("12.3.4");
    assertThat(p.get("importId").asLong()).isPositive();
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".bad') IS NULL AS gone")
                .get(0)
                .get("gone"))
        .isEqualTo(true);
  }

  @Test
  void a_file_that_cannot_be_read_is_a_problem_naming_the_file() {
    byte[] notGzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};

    Http.Response r =
        importer.upload(
            "/map-data", "broken.csv.gz", notGzip, Map.of("mapping", mapping("broken")));

    assertThat(r.status()).as(r.body()).isIn(400, 422);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asString()).contains("broken.csv.gz");
  }

  @Test
  void a_request_without_the_file_part_or_with_an_unusable_table_name_is_400() {
    Http.Response noFile =
        importer.send(
            importer
                .builder("/map-data")
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "--x\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\n{}\r\n--x--\r\n")));
    assertProblem(noFile, 400, "file");

    assertProblem(
        importer.upload("/map-data?table=" + "x".repeat(70), "people.csv", PEOPLE, null),
        400,
        "longer than 63 bytes");
    assertProblem(
        importer.upload("/map-data?onError=sometimes", "people.csv", PEOPLE, mapping("x")),
        400,
        "onError must be abort or skip");
  }

  @Test
  void the_same_file_twice_is_409_naming_the_first_import() {
    long first =
        importer
            .upload("/map-data", "people.csv", PEOPLE, mapping("twice"))
            .json()
            .get("importId")
            .asLong();

    Http.Response r = importer.upload("/map-data", "people.csv", PEOPLE, mapping("twice"));

    assertProblem(r, 409, "already imported");
    assertThat(r.json().get("previousImportId").asLong()).isEqualTo(first);
    assertThat(
            importer
                .upload("/map-data?force=true", "people.csv", PEOPLE, mapping("twice"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void an_upload_over_the_limit_is_413() {
    byte[] big = new byte[(int) TestServer.UPLOAD_LIMIT + 4096];
    java.util.Arrays.fill(big, (byte) 'a');

    Http.Response r =
        importer.upload("/map-data", "big.csv", big, Map.of("mapping", mapping("big")));

    assertProblem(r, 413, "larger than this server accepts");
  }

  @Test
  void a_missing_or_unknown_key_is_401_and_a_too_weak_role_is_403() {
    assertProblem(Http.as(null).get("/tables"), 401, "needs an API key");
    assertProblem(Http.as("wrong").get("/tables"), 401, "not valid");
    assertProblem(
        reader.upload("/map-data", "people.csv", PEOPLE, mapping("denied")),
        403,
        "needs the role 'importer'");
    assertProblem(reader.delete("/imports/1"), 403, "importer");
    assertProblem(importer.get("/actuator/prometheus"), 403, "admin");
    Http.Response bearer =
        new Http(TestServer.baseUrl(), null)
            .send(
                new Http(TestServer.baseUrl(), null)
                    .builder("/tables")
                    .header("Authorization", "Bearer " + READER_KEY)
                    .GET());
    assertThat(bearer.status()).isEqualTo(200);
  }

  @Test
  void detect_mapping_proposes_a_mapping_with_notes() {
    Http.Response r =
        reader.upload(
            "/detect-mapping",
            "orders.csv",
            "Order ID,Date,Total\n1,03/04/2024,\"1,234.50\"\n2,17/04/2024,12.00\n",
            null);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode d = r.json();
    assertThat(d.get("mapping").get("columns").get(0).get("name").asString()).isEqualTo("order_id");
    assertThat(d.get("notes").toString())
        .contains("could be DD/MM or MM/DD", "\"column\":\"date\"");
    assertThat(d.get("yaml").asString()).contains("columns:");
  }

  @Test
  void docs_schema_health_and_metrics_are_served() {
    Http anonymous = Http.as(null);
    JsonNode openapi = anonymous.get("/openapi.json").json();
    assertThat(openapi.get("paths").has("/map-data")).isTrue();
    assertThat(openapi.get("paths").has("/tasks/{id}/events")).isTrue();
    assertThat(
            openapi
                .get("paths")
                .get("/map-data")
                .get("post")
                .get("responses")
                .get("422")
                .get("content")
                .has("application/problem+json"))
        .isTrue();
    assertThat(
            openapi.get("components").get("schemas").get("Problem").get("properties").has("line"))
        .isTrue();
    assertThat(anonymous.get("/docs").status()).isIn(200, 302);
    assertThat(anonymous.get("/mapping.schema.json").json().get("properties").has("columns"))
        .isTrue();
    assertThat(anonymous.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");

    importer.upload("/map-data", "people.csv", PEOPLE, mapping("metrics"));
    String metrics = Http.as(ADMIN_KEY).get("/actuator/prometheus").body();
    assertThat(metrics)
        .contains(
            "datamapper_imports_total{",
            "outcome=\"succeeded\"",
            "datamapper_import_rows_total",
            "datamapper_import_duration_seconds");
  }

  @Test
  void cors_allows_only_the_configured_origin() {
    Http anon = Http.as(null);
    var allowed =
        anon.send(
            anon.builder("/tables")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://ui.example")
                .header("Access-Control-Request-Method", "GET"));
    assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://ui.example");
    var refused =
        anon.send(
            anon.builder("/tables")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "GET"));
    assertThat(refused.status()).isEqualTo(403);
  }
}
