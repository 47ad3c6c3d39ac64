package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.jobs.TaskEvents;
import io.datamapper.testing.Await;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Resource governance on one node with tiny limits: one import at a time and no wait for a slot, a
 * 3,000-byte staging quota, a 500 ms statement timeout, 1 KB JSON bodies, 1 s streams.
 */
class LimitsTest {
  private static OwnServer node;
  private static Http importer;
  private static Http reader;

  @BeforeAll
  static void start() {
    node =
        OwnServer.start(
            "limits",
            true,
            "--datamapper.max-concurrent-imports=1",
            "--datamapper.import-wait=0s",
            "--datamapper.job-threads=4",
            "--datamapper.staging-quota=3000B",
            "--datamapper.statement-timeout=500ms",
            "--datamapper.max-json-body=1KB",
            "--datamapper.event-stream-timeout=1s");
    importer = node.http(OwnServer.IMPORTER);
    reader = node.http(OwnServer.READER);
  }

  @AfterAll
  static void stop() {
    if (node != null) node.close();
  }

  private static String mapping(String table) {
    return "{\"target\": {\"schema\": \"public\", \"table\": \""
        + table
        + "\"}, "
        + "\"columns\": [{\"source\": \"id\", \"type\": \"bigint\"}, {\"source\": \"name\"}]}";
  }

  /** A CSV of about {@code bytes} bytes whose ids start at {@code first}. */
  private static String csv(int first, int bytes) {
    StringBuilder b = new StringBuilder("id,name\n");
    for (int i = first; b.length() < bytes; i++)
      b.append(i).append(",name number ").append(i).append('\n');
    return b.toString();
  }

  private static void await(String what, BooleanSupplier condition) {
    Await.until(what, Duration.ofSeconds(60), condition);
  }

  /**
   * Holds an exclusive lock on {@code table} until closed, so whatever reads or writes it waits.
   */
  private static Connection lock(String table) throws Exception {
    Connection c = node.connect();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("LOCK TABLE public." + table + " IN ACCESS EXCLUSIVE MODE");
    }
    return c;
  }

  private static boolean someoneWaitsFor(String table) {
    return (Long)
            node.query(
                    "SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND relation = 'public."
                        + table
                        + "'::regclass")
                .get(0)
                .get("n")
        > 0;
  }

  private static void assertProblem(Http.Response r, int status, String type, String detail) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    if (type != null) assertThat(r.json().get("type").asString()).endsWith("/" + type);
    assertThat(r.json().get("detail").asString()).contains(detail);
  }

  @Test
  void
      imports_beyond_the_node_cap_are_503_with_retry_after_tasks_wait_their_turn_and_staging_has_a_quota()
          throws Exception {
    assertThat(importer.upload("/map-data", "a.csv", csv(1, 200), mapping("busy_a")).status())
        .isEqualTo(200);
    CompletableFuture<Http.Response> first;
    String taskId;
    try (Connection held = lock("busy_a")) {
      // this import takes the node's only slot and waits for the lock
      first =
          CompletableFuture.supplyAsync(
              () -> importer.upload("/map-data", "b.csv", csv(1000, 200), mapping("busy_a")));
      await("the first import to wait for the lock", () -> someoneWaitsFor("busy_a"));

      Http.Response second = importer.upload("/map-data", "c.csv", csv(1, 200), mapping("busy_c"));
      assertProblem(second, 503, "busy", "datamapper.max-concurrent-imports");
      assertThat(second.raw().headers().firstValue("Retry-After")).isPresent();

      Http.Response queued =
          importer.upload("/map-data?async=true", "d.csv", csv(1, 1500), mapping("busy_d"));
      assertThat(queued.status()).as(queued.body()).isEqualTo(202);
      taskId = queued.json().get("id").asString();
      // the scheduler has picked the task, yet it stays queued: its thread waits for the slot
      await(
          "the task to be picked",
          () ->
              !node.query(
                      "SELECT 1 FROM datamapper.scheduled_tasks WHERE task_instance = '"
                          + taskId
                          + "' AND picked")
                  .isEmpty());
      assertThat(
              node.query("SELECT status FROM datamapper.tasks WHERE id = '" + taskId + "'").get(0))
          .containsEntry("status", "queued");

      // 1,500 bytes wait in staging; 1,600 more would pass the 3,000-byte quota
      Http.Response full =
          importer.upload("/map-data?async=true", "e.csv", csv(1, 1600), mapping("busy_e"));
      assertProblem(full, 503, "staging-full", "datamapper.staging-quota");
      assertThat(full.raw().headers().firstValue("Retry-After")).isPresent();
      assertProblem(
          importer.upload("/map-data?async=true", "f.csv", csv(1, 4000), mapping("busy_f")),
          413,
          "too-large",
          "more than the whole staging quota");
    }

    assertThat(first.get().status()).as(first.get().body()).isEqualTo(200);
    await(
        "the task to finish",
        () ->
            !"queued"
                    .equals(
                        node.query(
                                "SELECT status FROM datamapper.tasks WHERE id = '" + taskId + "'")
                            .get(0)
                            .get("status"))
                && !"running"
                    .equals(
                        node.query(
                                "SELECT status FROM datamapper.tasks WHERE id = '" + taskId + "'")
                            .get(0)
                            .get("status")));
    assertThat(node.query("SELECT status FROM datamapper.tasks WHERE id = '" + taskId + "'").get(0))
        .containsEntry("status", "succeeded");
    assertThat(node.query("SELECT to_regclass('public.busy_c') AS t").get(0).get("t")).isNull();
    assertThat(node.query("SELECT count(*) AS n FROM public.busy_a").get(0).get("n"))
        .isEqualTo(csvRows(1, 200) + csvRows(1000, 200));
    // the refused uploads left nothing staged
    assertThat(
            node.query(
                    "SELECT count(*) AS n FROM datamapper.tasks WHERE file_name IN ('e.csv', 'f.csv')")
                .get(0))
        .containsEntry("n", 0L);
    try (var staged = java.nio.file.Files.list(node.staging)) {
      assertThat(staged.toList()).isEmpty();
    }
  }

  private static long csvRows(int first, int bytes) {
    return csv(first, bytes).lines().count() - 1;
  }

  @Test
  void a_read_cut_by_the_statement_timeout_is_503_naming_the_limit() throws Exception {
    assertThat(importer.upload("/map-data", "slow.csv", csv(1, 100), mapping("slow")).status())
        .isEqualTo(200);
    try (Connection held = lock("slow")) {
      Instant start = Instant.now();
      Http.Response r = reader.get("/tables/public.slow");
      assertProblem(r, 503, "query-timeout", "datamapper.statement-timeout");
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }
    assertThat(reader.get("/tables/public.slow").status()).isEqualTo(200);
  }

  @Test
  void json_bodies_and_the_mapping_part_have_a_size_limit() {
    String big = "{\"bucket\": \"b\", \"key\": \"k.csv\", \"table\": \"" + "x".repeat(2000) + "\"}";
    Http.Response declared =
        importer.send(
            importer
                .builder("/map-b2-data")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)));
    assertProblem(declared, 413, "too-large", "datamapper.max-json-body");

    // no Content-Length (chunked): counted while read
    Http.Response chunked =
        importer.send(
            importer
                .builder("/map-b2-data")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
    assertProblem(chunked, 413, "too-large", "datamapper.max-json-body");

    String hugeMapping =
        mapping("huge").replace("}]}", "}], \"notes\": \"" + "m".repeat(1_200_000) + "\"}");
    Http.Response mappingPart = importer.upload("/map-data", "a.csv", csv(1, 100), hugeMapping);
    assertProblem(mappingPart, 413, "too-large", "'mapping' part");
    assertThat(node.query("SELECT to_regclass('public.huge') AS t").get(0).get("t")).isNull();

    Http.Response small =
        importer.send(
            importer
                .builder("/map-b2-data")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"bucket\": \"b\", \"key\": \"k.csv\"}")));
    assertThat(small.status()).as(small.body()).isNotEqualTo(413);
  }

  @Test
  void a_progress_stream_ends_at_the_configured_timeout_and_frees_its_place() throws Exception {
    // a task no node will run: its stream would otherwise never end
    String id = UUID.randomUUID().toString();
    node.execute(
        "INSERT INTO datamapper.tasks (id, kind, status, phase, file_name, request) VALUES ('"
            + id
            + "', 'import', 'queued', 'queued', 'never.csv', '{}')");
    Instant start = Instant.now();
    HttpResponse<java.util.stream.Stream<String>> stream =
        HttpClient.newHttpClient()
            .send(
                reader
                    .builder("/tasks/" + id + "/events")
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    List<String> lines = stream.body().toList(); // ends when the server ends the stream

    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
    assertThat(lines).contains("event:progress", "event:timeout");
    assertThat(String.join("\n", lines)).contains("datamapper.event-stream-timeout");
    TaskEvents events = node.bean(TaskEvents.class);
    await("the stream's place to be freed", () -> events.open() == 0);
    JsonNode still = reader.get("/tasks/" + id).json();
    assertThat(still.get("status").asString()).isEqualTo("queued");
  }
}
