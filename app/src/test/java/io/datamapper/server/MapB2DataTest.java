package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.security.ApiKeys;
import io.datamapper.storage.FaultyProxy;
import io.datamapper.storage.S3TestServer;
import io.datamapper.testing.Await;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /map-b2-data} and the upload store in a bucket, against s3proxy on loopback: a server
 * of its own (object-store settings, {@code datamapper.upload-store}) on a database of its own, so
 * the other tests' in-process server never picks up its tasks.
 */
class MapB2DataTest {
  private static final String IMPORTER = "dm_b2_importer_key_0123456789abcdef";
  private static final String READER = "dm_b2_reader_key_0123456789abcdef";
  private static S3TestServer s3;
  private static FaultyProxy proxy;
  private static Server server;
  private static String dbUrl;
  private static Path staging;
  private static Http importer;
  private static Http reader;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3TestServer();
    s3.createBucket("exports");
    s3.createBucket("uploads");
    proxy = new FaultyProxy(s3.endpoint.getPort(), "/uploads/");
    String db = "dm_b2api_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    TestDatabase.execute("CREATE DATABASE " + db);
    dbUrl = TestDatabase.jdbcUrl().replace("/postgres?", "/" + db + "?");
    staging = Files.createTempDirectory("dm-b2-staging");
    server =
        Server.start(
            Map.of(),
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--datamapper.db-url=" + dbUrl,
            "--datamapper.api-keys=importer:"
                + ApiKeys.sha256(IMPORTER)
                + ",reader:"
                + ApiKeys.sha256(READER),
            "--datamapper.staging-dir=" + staging,
            "--datamapper.upload-store=s3://uploads/staging/",
            "--datamapper.node=b2-test-node",
            // the settings a deployment has in its environment; Spring properties of the same names
            // win
            "--DATAMAPPER_S3_ENDPOINT=" + proxy.endpoint(),
            "--DATAMAPPER_B2_ENDPOINT=" + proxy.endpoint(),
            "--AWS_REGION=us-east-1",
            "--AWS_ACCESS_KEY_ID=" + S3TestServer.KEY_ID,
            "--AWS_SECRET_ACCESS_KEY=" + S3TestServer.SECRET,
            "--logging.level.root=WARN");
    String base = "http://127.0.0.1:" + server.port();
    importer = new Http(base, IMPORTER);
    reader = new Http(base, READER);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    if (proxy != null) proxy.close();
    if (s3 != null) s3.close();
  }

  private static String mapping(String table) {
    return "{\"target\": {\"table\": \""
        + table
        + "\"}, \"columns\": [{\"source\": \"id\", \"name\": \"id\", \"type\": \"bigint\"}, "
        + "{\"source\": \"city\", \"name\": \"city\", \"type\": \"text\"}]}";
  }

  private static Http.Response post(Http http, String path, String json) {
    return http.postJson(path, json);
  }

  private static long count(String table) throws Exception {
    try (Connection c = DriverManager.getConnection(dbUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM public." + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static JsonNode awaitFinished(String id) {
    return Await.until(
        "task " + id + " finishing",
        Duration.ofSeconds(60),
        () -> reader.get("/tasks/" + id).json(),
        t -> List.of("succeeded", "failed", "cancelled").contains(t.get("status").asString()));
  }

  private static void await(String what, BooleanSupplier condition) {
    Await.until(what, Duration.ofSeconds(20), condition);
  }

  @Test
  void a_single_object_imports_synchronously_and_answers_its_summary() throws Exception {
    s3.put("exports", "single/cities.csv", "id,city\n1,Bern\n2,Zurich\n");

    Http.Response r =
        post(
            importer,
            "/map-b2-data",
            "{\"bucket\": \"exports\", \"key\": \"single/cities.csv\", \"mapping\": "
                + mapping("single_cities")
                + "}");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode summary = r.json();
    assertThat(summary.get("rowsInserted").asLong()).isEqualTo(2);
    assertThat(summary.get("table").asString()).isEqualTo("public.single_cities");
    assertThat(count("single_cities")).isEqualTo(2);
    JsonNode imported = reader.get("/imports/" + summary.get("importId").asLong()).json();
    assertThat(imported.toString()).contains("b2://exports/single/cities.csv");

    Http.Response again =
        post(
            importer,
            "/map-b2-data",
            "{\"bucket\": \"exports\", \"key\": \"single/cities.csv\", \"scheme\": \"s3\", \"mapping\": "
                + mapping("single_cities")
                + "}");
    // another URL (s3://), the same bytes: refused by the SHA-256 rule, as /map-data refuses a file
    // imported before
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.json().get("previousImportId").asLong())
        .isEqualTo(summary.get("importId").asLong());
  }

  @Test
  void a_prefix_imports_each_object_in_a_background_task_and_skips_those_already_imported()
      throws Exception {
    s3.put("exports", "2026/jan.csv", "id,city\n1,Bern\n2,Zurich\n");
    String body =
        "{\"bucket\": \"exports\", \"key\": \"%s\", \"mapping\": " + mapping("monthly") + "}";
    assertThat(post(importer, "/map-b2-data", body.formatted("2026/jan.csv")).status())
        .isEqualTo(200);
    s3.put("exports", "2026/feb.csv", "id,city\n3,Basel\n");

    Http.Response r = post(importer, "/map-b2-data?async=true", body.formatted("2026/"));

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    String id = r.json().get("id").asString();
    assertThat(r.raw().headers().firstValue("Location")).contains("/tasks/" + id);
    JsonNode task = awaitFinished(id);
    assertThat(task.get("status").asString()).as(task.toString()).isEqualTo("succeeded");
    JsonNode summary = task.get("summary");
    assertThat(summary.get("imported").asInt()).isEqualTo(1);
    assertThat(summary.get("skipped").asInt()).isEqualTo(1);
    JsonNode objects = summary.get("objects");
    assertThat(objects.get(0).get("url").asString()).isEqualTo("b2://exports/2026/feb.csv");
    assertThat(objects.get(0).get("status").asString()).isEqualTo("imported");
    assertThat(objects.get(1).get("url").asString()).isEqualTo("b2://exports/2026/jan.csv");
    assertThat(objects.get(1).get("status").asString()).isEqualTo("skipped");
    assertThat(count("monthly")).isEqualTo(3);

    Http.Response sync = post(importer, "/map-b2-data", body.formatted("2026/"));
    assertThat(sync.status()).as(sync.body()).isEqualTo(200);
    assertThat(sync.json().get("skipped").asInt()).isEqualTo(2);
    assertThat(sync.json().get("status").asString()).isEqualTo("succeeded");
    assertThat(count("monthly")).isEqualTo(3);
  }

  @Test
  void a_missing_object_or_bucket_is_a_problem_detail_naming_its_url() {
    Http.Response r =
        post(importer, "/map-b2-data", "{\"bucket\": \"exports\", \"key\": \"none/such.csv\"}");

    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asString()).endsWith("/no-such-object");
    assertThat(r.json().get("url").asString()).isEqualTo("b2://exports/none/such.csv");
    assertThat(r.json().get("detail").asString())
        .startsWith("There is no object b2://exports/none/such.csv");

    Http.Response async =
        post(
            importer,
            "/map-b2-data?async=true",
            "{\"bucket\": \"no-such-bucket\", \"key\": \"a.csv\"}");
    assertThat(async.status()).as(async.body()).isEqualTo(422); // answered at once, no task
    assertThat(async.json().get("detail").asString())
        .contains("The bucket 'no-such-bucket' does not exist");
    assertThat(async.body()).doesNotContain(S3TestServer.SECRET);

    Http.Response noKey = post(importer, "/map-b2-data", "{\"bucket\": \"exports\"}");
    assertThat(noKey.status()).isEqualTo(400);
    assertThat(noKey.json().get("detail").asString()).startsWith("key is required");
  }

  @Test
  void only_an_importer_key_may_import_from_a_bucket() {
    String body = "{\"bucket\": \"exports\", \"key\": \"single/cities.csv\"}";

    Http.Response r = post(reader, "/map-b2-data", body);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("detail").asString()).contains("needs the role 'importer'");
    assertThat(
            post(new Http("http://127.0.0.1:" + server.port(), null), "/map-b2-data", body)
                .status())
        .isEqualTo(401);
  }

  @Test
  void an_async_upload_is_staged_in_the_bucket_and_removed_when_its_task_ends() throws Exception {
    int getsBefore = proxy.gets();

    Http.Response r =
        importer.upload(
            "/map-data?async=true", "staged.csv", "id,city\n7,Lugano\n8,Chur\n", mapping("staged"));

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    String id = r.json().get("id").asString();
    JsonNode task = awaitFinished(id);
    assertThat(task.get("status").asString()).as(task.toString()).isEqualTo("succeeded");
    assertThat(count("staged")).isEqualTo(2);
    assertThat(proxy.gets()).as("GETs of the staged object").isGreaterThan(getsBefore);
    await(
        "removal of the staged upload",
        () -> s3.keys("uploads", "staging/tasks/" + id + "/").isEmpty());
    try (Stream<Path> local = Files.list(staging)) {
      assertThat(local).isEmpty();
    }
  }

  @Test
  void the_openapi_document_shows_map_b2_data() {
    JsonNode openapi =
        new Http("http://127.0.0.1:" + server.port(), null).get("/openapi.json").json();

    JsonNode op = openapi.get("paths").get("/map-b2-data").get("post");
    assertThat(op.get("summary").asString()).contains("Backblaze B2");
    assertThat(op.get("requestBody").toString()).contains("MapB2Request");
  }
}
