package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.security.ApiKeys;
import io.datamapper.storage.S3TestServer;
import io.datamapper.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code datamapper.allowed-buckets} (DATAMAPPER_ALLOWED_BUCKETS) on a server of its own against
 * s3proxy on loopback: objects outside the list are refused with 403 before anything is read,
 * synchronously and before a task is queued; the server's own upload store is not in the list and
 * still works.
 */
class AllowedBucketsTest {
  private static final String IMPORTER = "dm_buckets_importer_key_0123456789abcdef";
  private static S3TestServer s3;
  private static Server server;
  private static String dbUrl;
  private static Http importer;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3TestServer();
    for (String bucket : List.of("exports", "landing", "secrets", "uploads"))
      s3.createBucket(bucket);
    String db = "dm_buckets_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    TestDatabase.execute("CREATE DATABASE " + db);
    dbUrl = TestDatabase.jdbcUrl().replace("/postgres?", "/" + db + "?");
    server =
        Server.start(
            Map.of(),
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--datamapper.db-url=" + dbUrl,
            "--datamapper.api-keys=importer:" + ApiKeys.sha256(IMPORTER),
            "--datamapper.staging-dir=" + Files.createTempDirectory("dm-buckets-staging"),
            "--datamapper.upload-store=s3://uploads/staging/",
            "--datamapper.allowed-buckets=exports,landing/2026",
            "--datamapper.node=buckets-test-node",
            "--DATAMAPPER_S3_ENDPOINT=" + s3.endpoint,
            "--DATAMAPPER_B2_ENDPOINT=" + s3.endpoint,
            "--AWS_REGION=us-east-1",
            "--AWS_ACCESS_KEY_ID=" + S3TestServer.KEY_ID,
            "--AWS_SECRET_ACCESS_KEY=" + S3TestServer.SECRET,
            "--logging.level.root=WARN");
    importer = new Http("http://127.0.0.1:" + server.port(), IMPORTER);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    if (s3 != null) s3.close();
  }

  private static Http.Response post(String path, String bucket, String key) {
    String json =
        "{\"bucket\": \"" + bucket + "\", \"key\": \"" + key + "\", \"table\": \"cities\"}";
    return importer.send(
        importer
            .builder(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static long tasks() throws Exception {
    try (Connection c = DriverManager.getConnection(dbUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM datamapper.tasks")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void a_listed_bucket_or_prefix_imports_and_anything_else_is_403_before_a_byte_is_read()
      throws Exception {
    s3.put("exports", "a/cities.csv", "id,city\n1,Bern\n");
    s3.put("landing", "2026/cities.csv", "id,city\n2,Basel\n");
    s3.put("landing", "2025/cities.csv", "id,city\n3,Chur\n");
    s3.put("secrets", "keys.csv", "id,city\n4,Sion\n");

    assertThat(post("/map-b2-data", "exports", "a/cities.csv").status()).isEqualTo(200);
    assertThat(post("/map-b2-data", "landing", "2026/cities.csv").status()).isEqualTo(200);

    Http.Response otherBucket = post("/map-b2-data", "secrets", "keys.csv");
    assertThat(otherBucket.status()).as(otherBucket.body()).isEqualTo(403);
    assertThat(otherBucket.contentType()).startsWith("application/problem+json");
    assertThat(otherBucket.json().get("type").asString()).endsWith("/source-not-allowed");
    assertThat(otherBucket.json().get("url").asString()).isEqualTo("b2://secrets/keys.csv");
    assertThat(otherBucket.json().get("detail").asString())
        .isEqualTo(
            "Refused to import b2://secrets/keys.csv: bucket 'secrets' is not in DATAMAPPER_ALLOWED_BUCKETS. "
                + "The server's operator decides which buckets may be imported from.");
    Http.Response otherPrefix = post("/map-b2-data", "landing", "2025/cities.csv");
    assertThat(otherPrefix.status()).isEqualTo(403);
    assertThat(otherPrefix.json().get("detail").asString())
        .contains("outside the prefixes of bucket 'landing'");
    assertThat(post("/map-b2-data", "landing", "2026/../2025/cities.csv").status()).isEqualTo(403);
    assertThat(post("/map-b2-data", "landing", "").status()).as("the whole bucket").isEqualTo(403);
    assertThat(post("/map-b2-data", "exports@evil.example:80", "a/cities.csv").status())
        .as("not a bucket name")
        .isEqualTo(400);

    long before = tasks();
    Http.Response async = post("/map-b2-data?async=true", "secrets", "");
    assertThat(async.status()).as(async.body()).isEqualTo(403);
    assertThat(tasks()).as("no task queued").isEqualTo(before);

    try (Connection c = DriverManager.getConnection(dbUrl);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT string_agg(id::text, ',' ORDER BY id) FROM public.cities")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("1,2");
    }
  }

  @Test
  void the_servers_own_upload_store_is_not_held_to_the_list() throws Exception {
    String mapping =
        "{\"target\": {\"table\": \"staged\"}, \"columns\": [{\"source\": \"id\", \"name\": \"id\", \"type\": \"bigint\"}]}";

    Http.Response r = importer.upload("/map-data?async=true", "staged.csv", "id\n7\n8\n", mapping);

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    String id = r.json().get("id").asString();
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode task = importer.get("/tasks/" + id).json();
    while (task.get("finishedAt").isNull() && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
      task = importer.get("/tasks/" + id).json();
    }
    assertThat(task.get("status").asString()).as(task.toString()).isEqualTo("succeeded");
    assertThat(task.get("summary").get("rowsInserted").asLong()).isEqualTo(2);
  }
}
