package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.security.ApiKeys;
import io.datamapper.testing.Await;
import io.datamapper.testing.StoppablePostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted under a running {@code datamapper serve} (a child JVM on a PostgreSQL of the
 * test's own): requests during the outage get 503 problem details with {@code Retry-After}, never
 * 500 or 400; once PostgreSQL is back the same server answers, imports synchronously and runs
 * background tasks again without being restarted.
 */
class DatabaseRestartTest {
  private static final String KEY = "dm_restart_test_importer_key_0123456789";
  private static final Pattern SERVING =
      Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+) \\(node (\\S+)\\)");
  private static final String MAPPING =
      """
      {"target": {"table": "cities"}, "columns": [{"source": "id", "name": "id", "type": "bigint"}, {"source": "city", "name": "city"}]}""";
  @TempDir Path dir;

  @Test
  void requests_during_a_postgresql_restart_get_503_and_the_server_recovers_without_a_restart()
      throws Exception {
    try (StoppablePostgres pg = StoppablePostgres.start(dir.resolve("pgdata"))) {
      Path log = dir.resolve("server.log");
      Process server = start(pg, log);
      try {
        Http http = new Http("http://127.0.0.1:" + awaitPort(server, log), KEY);
        assertThat(
                http.upload("/map-data", "a.csv", "id,city\n1,Bern\n2,Zurich\n", MAPPING).status())
            .isEqualTo(200);

        long stopping = System.nanoTime();
        pg.stop();
        long stopped = System.nanoTime();
        for (Supplier<Http.Response> request :
            List.<Supplier<Http.Response>>of(
                () -> http.get("/imports"),
                () -> http.get("/tables/cities?limit=5"),
                () -> http.upload("/map-data", "b.csv", "id,city\n3,Basel\n", MAPPING),
                () -> http.upload("/map-data?async=true", "c.csv", "id,city\n4,Chur\n", MAPPING))) {
          long t0 = System.nanoTime();
          Http.Response r = request.get();
          System.out.println(
              "DatabaseRestartTest: during the outage "
                  + r.status()
                  + " in "
                  + millis(t0, System.nanoTime())
                  + " ms");
          assertThat(r.status()).as(r.body()).isEqualTo(503);
          assertThat(r.contentType()).startsWith("application/problem+json");
          assertThat(r.raw().headers().firstValue("Retry-After")).contains("5");
          assertThat(r.json().get("type").asString()).endsWith("/database-unavailable");
          assertThat(r.json().get("detail").asString())
              .containsAnyOf("PostgreSQL is unreachable", "The database became unreachable");
        }

        long outage = System.nanoTime();
        pg.start();
        long started = System.nanoTime();
        Http.Response back =
            await("the ledger answers again", () -> http.get("/imports"), r -> r.status() == 200);
        long answering = System.nanoTime();
        assertThat(back.json().toString()).contains("a.csv");
        Http.Response sync = http.upload("/map-data", "b.csv", "id,city\n3,Basel\n", MAPPING);
        assertThat(sync.status()).as(sync.body()).isEqualTo(200);
        Http.Response async =
            http.upload("/map-data?async=true", "c.csv", "id,city\n4,Chur\n5,Sion\n", MAPPING);
        assertThat(async.status()).as(async.body()).isEqualTo(202);
        String task = async.json().get("id").asString();
        Http.Response done =
            await(
                "the background task",
                () -> http.get("/tasks/" + task),
                r -> r.status() == 200 && !r.json().get("finishedAt").isNull());
        assertThat(done.json().get("status").asString()).as(done.body()).isEqualTo("succeeded");
        System.out.printf(
            "DatabaseRestartTest: stop %d ms, 4 requests during the outage %d ms, start %d ms, answering %d ms after the start, "
                + "sync and async imports %d ms%n",
            millis(stopping, stopped),
            millis(stopped, outage),
            millis(outage, started),
            millis(started, answering),
            millis(answering, System.nanoTime()));
        assertThat(pg.queryOne("SELECT string_agg(id::text, ',' ORDER BY id) FROM public.cities"))
            .isEqualTo("1,2,3,4,5");
        assertThat(Files.readString(log))
            .as("the server log")
            .doesNotContain("Internal error")
            .contains(
                "DATAMAPPER_ALLOWED_BUCKETS is not set: any importer key may import from any bucket");
      } finally {
        server.destroy();
        server.waitFor();
      }
    }
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private Process start(StoppablePostgres pg, Path log) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "io.datamapper.app.DataMapper",
                "serve",
                "--port",
                "0",
                "--node",
                "restart-node",
                "--staging-dir",
                dir.resolve("staging").toString(),
                "--db",
                pg.jdbcUrl()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("DATAMAPPER_API_KEYS", "importer:" + ApiKeys.sha256(KEY));
    pb.environment()
        .put(
            "DATAMAPPER_DB_CONNECTION_TIMEOUT",
            "2s"); // how long a request waits for PostgreSQL before its 503
    return pb.start();
  }

  private static int awaitPort(Process p, Path log) {
    return Await.port(p, log, SERVING, Duration.ofSeconds(90));
  }

  private static Http.Response await(
      String what, Supplier<Http.Response> request, Predicate<Http.Response> done) {
    return Await.until(what + " recovering", Duration.ofSeconds(60), request, done);
  }
}
