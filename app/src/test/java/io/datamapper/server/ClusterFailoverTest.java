package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.security.ApiKeys;
import io.datamapper.testing.Await;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue #6 acceptance 2: two `datamapper serve` processes on one PostgreSQL (a database of their
 * own, so the other tests' in-process server does not share their queue); the node running a large
 * async import is killed with SIGKILL mid-way; the other node revives the task and finishes it with
 * every row exactly once. The time to recovery is printed and written to {@code
 * target/cluster-failover.txt}.
 */
class ClusterFailoverTest {
  private static final int ROWS = 2_000_000;
  private static final String KEY = "dm_cluster_test_importer_key_0123456789";
  private static final Pattern SERVING =
      Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+) \\(node (\\S+)\\)");
  @TempDir Path dir;
  private String dbUrl;

  record Node(String name, Process process, Path log, int port) {
    Http http() {
      return new Http("http://127.0.0.1:" + port, KEY);
    }
  }

  /** A database of its own on the tests' PostgreSQL, so no other test's server polls this queue. */
  private static String clusterDatabase() {
    String db = "dm_cluster_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    TestDatabase.execute("CREATE DATABASE " + db);
    return TestDatabase.jdbcUrl().replace("/postgres?", "/" + db + "?");
  }

  private static Map<String, Object> queryOne(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++)
        row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
      return row;
    }
  }

  private Process start(String name, Path staging, Path log) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "io.datamapper.app.DataMapper",
                "serve",
                "--port",
                "0",
                "--node",
                name,
                "--staging-dir",
                staging.toString(),
                "--db",
                dbUrl));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("DATAMAPPER_API_KEYS", "importer:" + ApiKeys.sha256(KEY));
    return pb.start();
  }

  private static int awaitPort(Process p, Path log) {
    return Await.port(p, log, SERVING, Duration.ofSeconds(90));
  }

  @Test
  void a_task_whose_node_is_killed_is_finished_by_the_other_node_with_every_row_exactly_once()
      throws Exception {
    dbUrl = clusterDatabase();
    String schema = "public";
    Path staging = Files.createDirectories(dir.resolve("staging"));
    Process a = start("node-a", staging, dir.resolve("a.log"));
    Process b = start("node-b", staging, dir.resolve("b.log"));
    try {
      byte[] file = BigCsv.gzip(ROWS);
      Node na = new Node("node-a", a, dir.resolve("a.log"), awaitPort(a, dir.resolve("a.log")));
      Node nb = new Node("node-b", b, dir.resolve("b.log"), awaitPort(b, dir.resolve("b.log")));

      Http.Response submitted =
          na.http()
              .upload(
                  "/map-data?async=true",
                  "big.csv.gz",
                  file,
                  Map.of("mapping", BigCsv.mapping(schema, "big")));
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
      String id = submitted.json().get("id").asString();

      JsonNode running =
          await(
              nb.http(),
              id,
              Duration.ofSeconds(60),
              t -> t.get("status").asString().equals("running") && t.get("rowsRead").asLong() > 0);
      long rowsAtKill = running.get("rowsRead").asLong();
      Node victim = running.get("node").asString().equals("node-a") ? na : nb;
      Node survivor = victim == na ? nb : na;
      victim.process().destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful hand-over
      victim.process().waitFor();
      Instant killed = Instant.now();

      JsonNode revived =
          await(
              survivor.http(),
              id,
              Duration.ofSeconds(60),
              t -> survivor.name().equals(t.get("node").asString()));
      Duration recovery = Duration.between(killed, Instant.now());
      JsonNode done =
          await(survivor.http(), id, Duration.ofSeconds(120), t -> !t.get("finishedAt").isNull());
      Duration total = Duration.between(killed, Instant.now());

      assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
      assertThat(done.get("attempts").asInt()).isEqualTo(2);
      assertThat(revived.get("attempts").asInt()).isEqualTo(2);
      assertThat(rowsAtKill).isLessThan(ROWS);
      assertThat(done.get("summary").get("rowsInserted").asLong()).isEqualTo(ROWS);
      Map<String, Object> counts =
          queryOne(
              dbUrl,
              "SELECT count(*) AS n, count(DISTINCT id) AS ids, min(id) AS lo, max(id) AS hi FROM "
                  + schema
                  + ".big");
      assertThat(counts)
          .containsEntry("n", (long) ROWS)
          .containsEntry("ids", (long) ROWS)
          .containsEntry("lo", 1L)
          .containsEntry("hi", (long) ROWS);
      // the killed attempt is in the ledger as interrupted, and only the revived one succeeded
      survivor.http().get("/imports?limit=5"); // a ledger read reaps interrupted imports
      Map<String, Object> ledger =
          queryOne(
              dbUrl,
              "SELECT string_agg(status, ',' ORDER BY id) AS statuses, "
                  + "string_agg(error, ',' ORDER BY id) AS errors FROM datamapper.imports WHERE source_uri = 'upload://tasks/"
                  + id
                  + "/big.csv.gz'");
      assertThat(ledger.get("statuses")).isEqualTo("failed,succeeded");
      assertThat((String) ledger.get("errors")).startsWith("interrupted");
      assertThat(Files.exists(staging.resolve(id))).isFalse();

      String report =
          "cluster failover: killed "
              + victim.name()
              + " at "
              + rowsAtKill
              + " of "
              + ROWS
              + " rows; "
              + survivor.name()
              + " took the task over after "
              + recovery.toMillis()
              + " ms and finished it "
              + total.toMillis()
              + " ms after the kill ("
              + ROWS
              + " rows, each exactly once)";
      System.out.println(report);
      Files.writeString(Path.of("target", "cluster-failover.txt"), report + "\n");
    } finally {
      a.destroyForcibly();
      b.destroyForcibly();
      a.waitFor();
      b.waitFor();
    }
  }

  private static JsonNode await(Http http, String id, Duration limit, Predicate<JsonNode> done) {
    return Await.until(
        "task " + id,
        limit,
        () -> {
          Http.Response r = http.get("/tasks/" + id);
          return r.status() == 200 ? r.json() : null;
        },
        t -> t != null && done.test(t));
  }
}
