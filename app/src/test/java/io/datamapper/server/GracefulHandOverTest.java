package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.security.ApiKeys;
import io.datamapper.testing.Await;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A node that is stopped (not killed) mid-import hands the task back; another node finishes it
 * exactly once.
 */
class GracefulHandOverTest {
  private static final int ROWS = 2_000_000;
  @TempDir Path dir;

  @Test
  void a_node_stopped_mid_import_hands_its_task_to_another_node() throws Exception {
    String schema = TestDatabase.freshSchema("handover");
    TestServer.baseUrl(); // the other node ("test-node"), same database and staging directory
    Server leaving =
        Server.start(
            Map.of(),
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--datamapper.db-url=" + TestDatabase.jdbcUrl(),
            "--datamapper.api-keys=importer:" + ApiKeys.sha256(TestServer.IMPORTER_KEY),
            "--datamapper.staging-dir=" + TestServer.stagingDir(),
            "--datamapper.node=leaving-node",
            "--logging.level.root=OFF");
    // Either node may poll the task first; only a task the leaving node runs tests the hand-over,
    // so a task the other node took is let finish and the upload repeated (into a new table).
    String id = null;
    String table = null;
    try {
      Http http = new Http("http://127.0.0.1:" + leaving.port(), TestServer.IMPORTER_KEY);
      for (int attempt = 1; id == null; attempt++) {
        assertThat(attempt)
            .as("the other node polled the task first in every attempt")
            .isLessThanOrEqualTo(6);
        String candidateTable = "big" + attempt;
        Http.Response r =
            http.upload(
                "/map-data?async=true",
                "big.csv.gz",
                BigCsv.gzip(ROWS),
                Map.of("mapping", BigCsv.mapping(schema, candidateTable)));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String candidate = r.json().get("id").asString();
        JsonNode running =
            await(candidate, t -> t.get("rowsRead").asLong() > 0 || !t.get("finishedAt").isNull());
        if ("leaving-node".equals(running.get("node").asString())
            && running.get("finishedAt").isNull()) {
          id = candidate;
          table = candidateTable;
        } else {
          await(candidate, t -> !t.get("finishedAt").isNull());
        }
      }
    } finally {
      leaving.close();
    }

    JsonNode done = await(id, t -> !t.get("finishedAt").isNull());

    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.get("node").asString()).isEqualTo("test-node");
    assertThat(done.get("attempts").asInt()).isEqualTo(2);
    assertThat(
            TestDatabase.query(
                    "SELECT count(*) AS n, count(DISTINCT id) AS ids FROM " + schema + "." + table)
                .get(0))
        .containsEntry("n", (long) ROWS)
        .containsEntry("ids", (long) ROWS);
    assertThat(Files.exists(TestServer.stagingDir().resolve(id))).isFalse();
  }

  private static JsonNode await(String id, Predicate<JsonNode> done) {
    Http reader = Http.as(TestServer.READER_KEY);
    return Await.until(
        "task " + id, Duration.ofSeconds(90), () -> reader.get("/tasks/" + id).json(), done);
  }
}
