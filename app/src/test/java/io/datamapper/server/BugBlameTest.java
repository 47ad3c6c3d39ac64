package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.cli.DataMapperCommand;
import io.datamapper.server.security.ApiKeys;
import io.datamapper.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A statement Data Mapper wrote that PostgreSQL refuses is a bug, not the user's error: here the
 * ledger lost a column it reads (a migration gone wrong). The CLI exits 2; the API answers 500 with
 * a detail that says so and no stack trace, instead of the former 400 "Import refused".
 */
class BugBlameTest {
  private static final String KEY = "dm_test_bug_reader_key_0123456789abcdef";
  private static String url;
  private static Server server;

  @BeforeAll
  static void aDatabaseWithABrokenLedger() throws Exception {
    String db = "dm_bug_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    TestDatabase.execute("CREATE DATABASE " + db);
    url = TestDatabase.jdbcUrl().replace("/postgres?", "/" + db + "?");
    assertThat(cli("imports").exitCode).as("the ledger is created").isZero();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE datamapper.imports RENAME COLUMN started_at TO started_at_lost");
    }
    server =
        Server.start(
            Map.of(),
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--datamapper.db-url=" + url,
            "--datamapper.api-keys=reader:" + ApiKeys.sha256(KEY),
            "--logging.level.root=OFF");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void the_cli_exits_2_and_says_it_is_an_internal_error() {
    Run run = cli("imports");

    assertThat(run.exitCode).as(run.err).isEqualTo(DataMapperCommand.BUG).isEqualTo(2);
    assertThat(run.err).contains("Internal error").contains("datamapper.imports");
  }

  @Test
  void the_api_answers_500_without_a_stack_trace() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/imports"))
                    .header("Authorization", "Bearer " + KEY)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
    assertThat(r.body())
        .contains("problems/internal")
        .contains("a bug in Data Mapper")
        .doesNotContain("\tat ")
        .doesNotContain("at io.datamapper")
        .doesNotContain("Import refused");
  }

  private record Run(int exitCode, String err) {}

  private static Run cli(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = DataMapperCommand.commandLine(args);
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--db";
    all[args.length + 1] = url;
    return new Run(cl.execute(all), err.toString());
  }
}
