package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.db.Migrations;
import io.datamapper.query.QueryConsole;
import io.datamapper.query.QuerySettings;
import io.datamapper.query.ScriptedChatModel;
import io.datamapper.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive console on a terminal fed by the test: multi-line SQL, commands, history, Ctrl-C
 * that cancels and keeps the session.
 */
class ConsoleSessionTest {
  @TempDir Path dir;
  private String s;
  private PipedOutputStream keys;
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private Terminal terminal;
  private CompletableFuture<Integer> session;

  @BeforeEach
  void setUp() throws IOException {
    Migrations.migrate(TestDatabase.dataSource());
    s = TestDatabase.freshSchema("console");
    TestDatabase.execute(
        "CREATE TABLE "
            + s
            + ".customers (id int PRIMARY KEY, name text, country text); "
            + "INSERT INTO "
            + s
            + ".customers VALUES (1, 'Ada', 'GB'), (2, 'Alan', 'GB'), (3, 'Grace', 'US')");
    keys = new PipedOutputStream();
    terminal =
        TerminalBuilder.builder()
            .system(false)
            .type("dumb")
            .streams(new PipedInputStream(keys, 1 << 16), screen)
            .build();
  }

  @AfterEach
  void tearDown() throws IOException {
    keys.close();
    terminal.close();
  }

  private void start(QueryConsole console) {
    ConsoleSession cs = new ConsoleSession(console, terminal, dir.resolve("history"), 100);
    session = CompletableFuture.supplyAsync(cs::run);
  }

  private void type(String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  /**
   * Waits until the screen shows {@code text} after position {@code from}; returns where it ends.
   */
  private int await(String text, int from) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      String shown = screen.toString(StandardCharsets.UTF_8);
      int at = shown.indexOf(text, from);
      if (at >= 0) return at + text.length();
      assertThat(System.nanoTime())
          .as(
              "waiting for '"
                  + text
                  + "'; the screen shows:\n"
                  + shown.substring(Math.min(from, shown.length())))
          .isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void without_a_model_input_is_sql_over_several_lines_and_the_commands_work() throws Exception {
    start(QueryConsole.builder().dataSource(TestDatabase.dataSource()).build());
    Path csv = dir.resolve("out.csv");

    int at = await("input is SQL", 0);
    type("SELECT country,\n  count(*) AS n\nFROM " + s + ".customers GROUP BY 1 ORDER BY 1\n\n");
    at = await("2 rows in ", at);
    assertThat(screen.toString(StandardCharsets.UTF_8)).contains("GB      | 2");
    type("\\csv " + csv + "\n");
    at = await("Saved 2 rows to", at);
    type("\\d\n");
    at = await(s + ".customers", at);
    type("\\d " + s + ".customers\n");
    at = await("key: PRIMARY KEY (id)", at);
    type("DELETE FROM " + s + ".customers;\n");
    at = await("Refused by the parse layer", at);
    type("\\q\n");

    assertThat(session.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(Files.readString(csv)).isEqualTo("country,n\r\nGB,2\r\nUS,1\r\n");
    assertThat(Files.readString(dir.resolve("history")))
        .contains("SELECT country,", "DELETE FROM " + s + ".customers;");
    assertThat(TestDatabase.count(s + ".customers")).isEqualTo(3);
  }

  @Test
  void questions_go_to_the_model_sql_after_backslash_sql_and_ctrl_c_cancels_but_keeps_the_session()
      throws Exception {
    ScriptedChatModel model =
        ScriptedChatModel.answering(
            "```sql\nSELECT count(*) AS customers FROM " + s + ".customers\n```");
    start(
        QueryConsole.builder()
            .dataSource(TestDatabase.dataSource())
            .model(model.configured())
            .settings(QuerySettings.defaults().withStatementTimeout(Duration.ofSeconds(60)))
            .build());

    int at = await("Questions are answered by scripted/test", 0);
    type("How many customers\\\nare there?\n");
    at = await("1 row in ", at);
    assertThat(model.requests.get(0).toString())
        .contains("Question: How many customers are there?");
    type("\\sql\n");
    at = await("The next input is SQL", at);
    type(
        "SELECT count(*) AS dm_console_cancel FROM generate_series(1, 20000) a, generate_series(1, 20000) b;\n");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (TestDatabase.query(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%dm_console_cancel%' AND state = 'active' "
                + "AND pid <> pg_backend_pid()")
        .get(0)
        .get("n")
        .equals(0L)) {
      assertThat(System.nanoTime()).as("the statement starts").isLessThan(deadline);
      Thread.onSpinWait();
    }
    terminal.raise(Terminal.Signal.INT);
    at = await("Cancelled.", at);
    type("\\sql\nSELECT 'still here' AS after;\n");
    at = await("still here", at);
    type("\\q\n");

    assertThat(session.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(
            TestDatabase.query(
                    "SELECT verdict FROM datamapper.queries WHERE sql LIKE '%dm_console_cancel%' ORDER BY id DESC LIMIT 1")
                .get(0)
                .get("verdict"))
        .isEqualTo("cancelled");
  }
}
