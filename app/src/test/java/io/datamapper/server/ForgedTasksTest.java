package io.datamapper.server;

import static io.datamapper.server.TestServer.READER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finding 2 of issue 16 as it was found, now refused: task rows written straight into {@code
 * datamapper.tasks} / {@code scheduled_tasks} naming a server file ({@code file:}), a loopback URL,
 * or a staged path outside the staging directory. Each is marked failed before anything is opened:
 * the loopback server counts zero requests, the file's marker reaches no table, and the server
 * stays healthy.
 */
class ForgedTasksTest {
  @TempDir Path dir;
  private final Http reader = Http.as(READER_KEY);
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer internal;
  private String schema;
  private String marker;
  private Path secret;

  @BeforeEach
  void setUp() throws IOException {
    TestServer.baseUrl();
    schema = TestDatabase.freshSchema("forgedtask");
    marker = "MARKER" + UUID.randomUUID().toString().replace("-", "");
    secret =
        Files.writeString(
            dir.resolve("server-secret.csv"), "line\n" + marker + "\n", StandardCharsets.UTF_8);
    internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    internal.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = ("line\n" + marker + "\n").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    internal.start();
  }

  @AfterEach
  void tearDown() {
    internal.stop(0);
  }

  private String mapping() {
    return "{\"target\": {\"schema\": \""
        + schema
        + "\", \"table\": \"stolen\"}, \"columns\": [{\"source\": \"line\"}]}";
  }

  /** Writes a task and its queue entry as someone with database access would; returns its id. */
  private UUID forge(String stagedPath, ObjectNode request) {
    return forge(UUID.randomUUID(), stagedPath, request);
  }

  private UUID forge(UUID id, String stagedPath, ObjectNode request) {
    String sql =
        "INSERT INTO datamapper.tasks (id, kind, status, phase, file_name, staged_path, file_size, request) VALUES ('"
            + id
            + "', 'import', 'queued', 'queued', 'server-secret.csv', "
            + (stagedPath == null ? "NULL" : "'" + stagedPath.replace("'", "''") + "'")
            + ", 20, '"
            + request.toString().replace("'", "''")
            + "'); INSERT INTO datamapper.scheduled_tasks (task_name, task_instance, "
            + "execution_time, picked, version) VALUES ('datamapper-import', '"
            + id
            + "', now(), false, 1)";
    TestDatabase.execute(sql);
    return id;
  }

  private ObjectNode objectTask(String url) {
    ObjectNode r = Http.JSON.createObjectNode();
    r.put("url", url);
    r.put("table", schema + ".stolen");
    r.put("dryRun", false);
    r.put("force", true);
    return r;
  }

  private ObjectNode uploadTask() {
    ObjectNode r = Http.JSON.createObjectNode();
    r.set("mapping", Http.JSON.readTree(mapping()));
    r.put("force", true);
    r.put("dryRun", false);
    return r;
  }

  private JsonNode awaitFinished(UUID id) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      JsonNode t = reader.get("/tasks/" + id).json();
      if (!t.get("status").asString().matches("queued|running")) return t;
      Thread.sleep(50);
    }
    throw new AssertionError(
        "task " + id + " did not finish in 60 s: " + reader.get("/tasks/" + id).body());
  }

  @Test
  void
      forged_tasks_naming_server_files_loopback_urls_or_paths_outside_the_staging_directory_fail_without_opening_anything()
          throws Exception {
    String loopback = "http://127.0.0.1:" + internal.getAddress().getPort() + "/data.csv";
    Path staging = TestServer.stagingDir();
    UUID linked = UUID.randomUUID();
    Files.createDirectories(staging.resolve(linked.toString()));
    Path link =
        Files.createSymbolicLink(staging.resolve(linked.toString()).resolve("data.csv"), secret);

    Map<UUID, String> forged = new LinkedHashMap<>();
    forged.put(
        forge(null, objectTask(secret.toUri().toString())), "is not a b2:// or s3:// object URL");
    forged.put(forge(null, objectTask(loopback)), "is not a b2:// or s3:// object URL");
    forged.put(
        forge(null, objectTask(loopback.replace("http:", "https:"))),
        "is not a b2:// or s3:// object URL");
    forged.put(forge(null, objectTask(secret.toString())), "is not a b2:// or s3:// object URL");
    forged.put(forge(secret.toString(), uploadTask()), "is not under " + staging);
    UUID dotted = UUID.randomUUID();
    forged.put(
        forge(
            dotted,
            staging
                .resolve(dotted.toString())
                .resolve("..")
                .resolve(staging.relativize(secret))
                .toString(),
            uploadTask()),
        "is not under " + staging);
    forged.put(forge(linked, link.toString(), uploadTask()), "a link leads out of it");

    for (Map.Entry<UUID, String> f : forged.entrySet()) {
      JsonNode task = awaitFinished(f.getKey());
      assertThat(task.get("status").asString()).as(task.toString()).isEqualTo("failed");
      assertThat(task.get("error").get("status").asInt()).isEqualTo(422);
      assertThat(task.get("error").get("detail").asString())
          .contains("was refused")
          .contains(f.getValue())
          .contains("Nothing was opened or read");
      assertThat(task.get("rowsRead").asLong()).isZero();
    }

    assertThat(requests.get()).isZero();
    assertThat(tablesHolding(marker)).isEmpty();
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".stolen') IS NULL AS absent")
                .get(0)
                .get("absent"))
        .isEqualTo(true);
    assertThat(Files.exists(secret)).isTrue();
    assertHealthy();
  }

  @Test
  void a_queued_execution_whose_id_is_no_task_id_is_dropped_and_its_data_never_deserialized()
      throws Exception {
    // bytes that Java deserialization would read as a stream header: they must never be read
    TestDatabase.execute(
        "INSERT INTO datamapper.scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version) "
            + "VALUES ('datamapper-import', 'not-a-task-"
            + marker
            + "', '\\xaced0005737200'::bytea, now(), false, 1)");

    Instant deadline = Instant.now().plusSeconds(60);
    while (!TestDatabase.query(
            "SELECT 1 FROM datamapper.scheduled_tasks WHERE task_instance = 'not-a-task-"
                + marker
                + "'")
        .isEmpty()) {
      assertThat(Instant.now()).as("the forged execution is still queued").isBefore(deadline);
      Thread.sleep(50);
    }
    assertHealthy();
  }

  /**
   * Every table of Data Mapper's, of this test's schema or of public with a row whose text holds
   * {@code text}.
   */
  private List<String> tablesHolding(String text) {
    List<String> tables =
        TestDatabase.query(
                "SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('datamapper', 'datamapper_undo', 'public', '"
                    + schema
                    + "')")
            .stream()
            .map(r -> (String) r.get("t"))
            .toList();
    return tables.stream()
        .filter(t -> TestDatabase.count(t + " x WHERE x::text LIKE '%" + text + "%'") > 0)
        .toList();
  }

  private void assertHealthy() {
    Http.Response health = reader.get("/actuator/health");
    assertThat(health.status()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
  }
}
