package io.datamapper.server;

import static io.datamapper.server.TestServer.IMPORTER_KEY;
import static io.datamapper.server.TestServer.READER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Background imports: 202 and a task, live progress over SSE, cancellation, staged files removed.
 */
class AsyncTasksTest {
  private static final int ROWS = 2_000_000;
  private static byte[] big;
  private final Http importer = Http.as(IMPORTER_KEY);
  private final Http reader = Http.as(READER_KEY);
  private String schema;

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("tasks");
    synchronized (AsyncTasksTest.class) {
      if (big == null) big = BigCsv.gzip(ROWS);
    }
  }

  private JsonNode submit(String table) {
    Http.Response r =
        importer.upload(
            "/map-data?async=true",
            "big.csv.gz",
            big,
            Map.of("mapping", BigCsv.mapping(schema, table)));
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    JsonNode task = r.json();
    assertThat(r.raw().headers().firstValue("Location"))
        .contains("/tasks/" + task.get("id").asString());
    return task;
  }

  private JsonNode awaitTask(String id, Predicate<JsonNode> done) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      JsonNode t = reader.get("/tasks/" + id).json();
      if (done.test(t)) return t;
      Thread.sleep(20);
    }
    throw new AssertionError(
        "task " + id + " did not get there in 60 s: " + reader.get("/tasks/" + id).body());
  }

  @Test
  void
      an_async_import_returns_202_and_its_task_finishes_with_the_summary_and_progress_streams_over_sse()
          throws Exception {
    JsonNode task = submit("streamed");
    String id = task.get("id").asString();
    assertThat(task.get("status").asString()).isIn("queued", "running");

    List<String> events = new ArrayList<>();
    List<JsonNode> progress = new ArrayList<>();
    HttpResponse<java.io.InputStream> sse =
        HttpClient.newHttpClient()
            .send(
                reader
                    .builder("/tasks/" + id + "/events")
                    .header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(60))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(sse.statusCode()).isEqualTo(200);
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
      String event = null;
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.startsWith("event:")) event = line.substring(6).trim();
        if (line.startsWith("data:")) {
          events.add(event);
          JsonNode data = Http.JSON.readTree(line.substring(5));
          if ("progress".equals(event) && data.get("rowsRead").asLong() > 0) progress.add(data);
        }
      }
    }

    assertThat(events).last().isEqualTo("done");
    assertThat(progress).as("progress events with rows while the import ran").isNotEmpty();
    assertThat(progress.get(0).get("rowsRead").asLong()).isBetween(1L, (long) ROWS - 1);
    assertThat(progress.get(0).get("percent").asDouble()).isBetween(0.0, 100.0);
    assertThat(progress.get(0).get("node").asString()).isEqualTo("test-node");
    JsonNode done = reader.get("/tasks/" + id).json();
    assertThat(done.get("status").asString()).isEqualTo("succeeded");
    assertThat(done.get("percent").asDouble()).isEqualTo(100.0);
    assertThat(done.get("summary").get("rowsInserted").asLong()).isEqualTo(ROWS);
    assertThat(done.get("importId").asLong())
        .isEqualTo(done.get("summary").get("importId").asLong());
    assertThat(TestDatabase.count(schema + ".streamed")).isEqualTo(ROWS);
    assertThat(Files.exists(TestServer.stagingDir().resolve(id)))
        .as("staged upload removed")
        .isFalse();
  }

  @Test
  void cancelling_a_running_import_rolls_it_back() throws Exception {
    String id = submit("cancelled").get("id").asString();
    awaitTask(
        id, t -> t.get("rowsRead").asLong() > 0 || t.get("status").asString().equals("succeeded"));

    Http.Response cancel = importer.post("/tasks/" + id + "/cancel");

    assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
    JsonNode t = awaitTask(id, n -> n.get("finishedAt") != null && !n.get("finishedAt").isNull());
    assertThat(t.get("status").asString()).isEqualTo("cancelled");
    assertThat(t.get("error").get("detail").asString())
        .contains("cancelled")
        .contains("nothing was written");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".cancelled') IS NULL AS gone")
                .get(0)
                .get("gone"))
        .isEqualTo(true);
    assertThat(Files.exists(TestServer.stagingDir().resolve(id))).isFalse();

    Http.Response again = importer.delete("/tasks/" + id);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("detail").asString()).contains("already finished");
  }

  @Test
  void a_failed_async_import_keeps_the_problem_detail_in_its_task() throws Exception {
    Http.Response r =
        importer.upload(
            "/map-data?async=true",
            "bad.csv",
            "id,name,amount\n1,a,x\n".getBytes(StandardCharsets.UTF_8),
            Map.of("mapping", BigCsv.mapping(schema, "bad")));
    String id = r.json().get("id").asString();

    JsonNode t = awaitTask(id, n -> !n.get("finishedAt").isNull());

    assertThat(t.get("status").asString()).isEqualTo("failed");
    assertThat(t.get("error").get("status").asInt()).isEqualTo(422);
    assertThat(t.get("summary").isNull()).isTrue();
    assertThat(t.get("error").get("column").asString()).isEqualTo("amount");
    assertThat(t.get("error").get("line").asLong()).isEqualTo(2);
  }

  @Test
  void
      a_short_async_import_reports_its_final_counts_even_if_it_ended_before_any_progress_was_written()
          throws Exception {
    Http.Response r =
        importer.upload(
            "/map-data?async=true",
            "small.csv",
            "id,name,amount\n1,a,1\n2,b,2\n".getBytes(StandardCharsets.UTF_8),
            Map.of("mapping", BigCsv.mapping(schema, "small")));

    JsonNode t = awaitTask(r.json().get("id").asString(), n -> !n.get("finishedAt").isNull());

    assertThat(t.get("status").asString()).isEqualTo("succeeded");
    assertThat(t.get("rowsRead").asLong()).isEqualTo(2);
    assertThat(t.get("bytesRead").asLong()).isEqualTo(27);
    assertThat(t.get("percent").asDouble()).isEqualTo(100.0);
  }

  @Test
  void unknown_and_malformed_task_ids_are_problems() {
    assertThat(reader.get("/tasks/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    Http.Response bad = reader.get("/tasks/42");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("detail").asString()).contains("not a task id");
    assertThat(reader.post("/tasks/00000000-0000-0000-0000-000000000000/cancel").status())
        .isEqualTo(403);
  }
}
