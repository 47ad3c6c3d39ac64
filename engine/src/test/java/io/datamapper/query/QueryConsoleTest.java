package io.datamapper.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain SQL through the whole guard: results, the cap, cancel, the audit, and the reader role's
 * set-up.
 */
class QueryConsoleTest {
  private String s;

  @BeforeEach
  void setUp() {
    s = QueryFixture.sampleSchema("console");
  }

  private static Map<String, Object> lastAudit() {
    return TestDatabase.query("SELECT * FROM datamapper.queries ORDER BY id DESC LIMIT 1").get(0);
  }

  @Test
  void a_select_returns_columns_types_and_typed_values_and_is_audited() {
    QueryResult r =
        QueryFixture.console()
            .run(
                "SELECT c.country, count(*) AS orders, sum(o.total) AS total, bool_or(o.total > 90) AS big "
                    + "FROM "
                    + s
                    + ".orders o JOIN "
                    + s
                    + ".customers c ON c.id = o.customer_id GROUP BY 1 ORDER BY 1;");

    assertThat(r.sql()).doesNotEndWith(";");
    assertThat(r.columns()).containsExactly("country", "orders", "total", "big");
    assertThat(r.types()).containsExactly("text", "int8", "numeric", "bool");
    assertThat(r.numeric(1)).isTrue();
    assertThat(r.numeric(0)).isFalse();
    assertThat(r.rows()).hasSize(4);
    assertThat(r.rows().get(0).get(0)).isEqualTo("FI");
    assertThat(r.rows().get(0).get(1)).isEqualTo(8L);
    assertThat(r.rows().get(0).get(2)).isInstanceOf(BigDecimal.class);
    assertThat(r.truncated()).isFalse();
    assertThat(r.attempts()).isZero();
    assertThat(r.model()).isNull();
    Map<String, Object> audit = lastAudit();
    assertThat(audit.get("verdict")).isEqualTo("answered");
    assertThat(audit.get("row_count")).isEqualTo(4L);
    assertThat(audit.get("client")).isEqualTo("test");
    assertThat(audit.get("sql")).isEqualTo(r.sql());
  }

  @Test
  void rows_beyond_the_cap_are_cut_and_the_result_says_so() {
    QueryResult r =
        QueryFixture.console()
            .run("SELECT g FROM generate_series(1, 5000) g", 10, new Cancellation());

    assertThat(r.rowCount()).isEqualTo(10);
    assertThat(r.truncated()).isTrue();
    assertThat(lastAudit().get("truncated")).isEqualTo(true);
  }

  @Test
  void a_refusal_is_audited_with_its_layer_and_reason() {
    assertThatThrownBy(() -> QueryFixture.console().run("DELETE FROM " + s + ".orders"))
        .isInstanceOf(QueryRefusedException.class);

    Map<String, Object> audit = lastAudit();
    assertThat(audit.get("verdict")).isEqualTo("refused");
    assertThat(audit.get("layer")).isEqualTo("parse");
    assertThat((String) audit.get("reason")).contains("not DELETE");
    assertThat(audit.get("sql")).isEqualTo("DELETE FROM " + s + ".orders");
  }

  @Test
  void an_sql_error_is_a_failure_of_the_sql_not_a_refusal() {
    assertThatThrownBy(() -> QueryFixture.console().run("SELECT nope FROM " + s + ".orders"))
        .isInstanceOfSatisfying(
            QueryFailedException.class,
            e -> {
              assertThat(e.getMessage()).contains("column \"nope\" does not exist");
              assertThat(e.sqlState()).isEqualTo("42703");
            });
    assertThat(lastAudit().get("verdict")).isEqualTo("failed");
  }

  @Test
  void a_running_statement_is_cancelled_and_the_console_goes_on() throws Exception {
    QueryConsole console =
        QueryConsole.builder()
            .dataSource(TestDatabase.dataSource())
            .client("test")
            .settings(QuerySettings.defaults().withStatementTimeout(Duration.ofSeconds(60)))
            .build();
    Cancellation cancel = new Cancellation();
    String slow =
        "SELECT count(*) AS dm_cancel_me FROM generate_series(1, 20000) a, generate_series(1, 20000) b";
    CompletableFuture<QueryResult> running =
        CompletableFuture.supplyAsync(() -> console.run(slow, 10, cancel));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (TestDatabase.query(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%dm_cancel_me%' AND state = 'active' "
                + "AND pid <> pg_backend_pid()")
        .get(0)
        .get("n")
        .equals(0L)) {
      assertThat(System.nanoTime()).as("the statement starts").isLessThan(deadline);
      Thread.onSpinWait();
    }

    cancel.cancel();

    assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(QueryCancelledException.class);
    assertThat(lastAudit().get("verdict")).isEqualTo("cancelled");
    assertThat(console.run("SELECT 1 AS one").rows()).containsExactly(List.of(1L));
  }

  @Test
  void a_table_imported_after_the_console_started_is_readable_through_the_role(@TempDir Path dir) {
    QueryConsole console = QueryFixture.console();
    console.run("SELECT 1");
    ImportFixture fx = new ImportFixture(dir, "late");
    fx.run(
        fx.write("late.csv", "id,name\n7,Ada\n"),
        "target: { schema: %s, table: late }\ncolumns: [ { source: id, type: bigint }, { source: name } ]\n");

    assertThat(console.run("SELECT id, name FROM " + fx.table("late")).rows())
        .containsExactly(List.of(7L, "Ada"));
    assertThat(console.run("SELECT current_user AS u").rows())
        .containsExactly(List.of("datamapper_reader"));
  }

  @Test
  void the_reader_role_cannot_log_in_holds_no_membership_and_reads_only_the_ledger_of_datamapper() {
    QueryFixture.console().run("SELECT 1");

    Map<String, Object> role =
        TestDatabase.query(
                "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, "
                    + "(SELECT count(*) FROM pg_auth_members WHERE member = r.oid) AS member_of FROM pg_roles r WHERE rolname = 'datamapper_reader'")
            .get(0);
    assertThat(role)
        .containsEntry("rolcanlogin", false)
        .containsEntry("rolsuper", false)
        .containsEntry("rolcreaterole", false)
        .containsEntry("rolcreatedb", false)
        .containsEntry("rolbypassrls", false)
        .containsEntry("member_of", 0L);
    assertThat(
            TestDatabase.query(
                    "SELECT has_table_privilege('datamapper_reader', 'datamapper.imports', 'SELECT') AS i, "
                        + "has_table_privilege('datamapper_reader', 'datamapper.tasks', 'SELECT') AS t, "
                        + "has_table_privilege('datamapper_reader', 'datamapper.queries', 'SELECT') AS q, "
                        + "has_table_privilege('datamapper_reader', '"
                        + s
                        + ".orders', 'INSERT') AS w")
                .get(0))
        .containsEntry("i", true)
        .containsEntry("t", false)
        .containsEntry("q", false)
        .containsEntry("w", false);
  }

  @Test
  void an_unsafe_reader_role_is_refused_by_the_privilege_layer() {
    TestDatabase.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dm_unsafe_reader') THEN "
            + "CREATE ROLE dm_unsafe_reader NOLOGIN; END IF; END $$; GRANT pg_read_server_files TO dm_unsafe_reader");
    QueryConsole console =
        QueryConsole.builder()
            .dataSource(TestDatabase.dataSource())
            .settings(QuerySettings.defaults().withReaderRole("dm_unsafe_reader"))
            .build();

    assertThatThrownBy(() -> console.run("SELECT 1"))
        .isInstanceOfSatisfying(
            QueryRefusedException.class,
            e -> {
              assertThat(e.layer()).isEqualTo(Layer.PRIVILEGE);
              assertThat(e.reason()).contains("member of pg_read_server_files");
            });
  }

  @Test
  void a_user_who_may_not_create_the_role_gets_a_refusal_saying_how_to_fix_it() {
    TestDatabase.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dm_plain_user') THEN "
            + "CREATE ROLE dm_plain_user LOGIN; END IF; END $$");
    DataSource plain = TestDatabase.server().getDatabase("dm_plain_user", "postgres");
    QueryConsole missing =
        QueryConsole.builder()
            .dataSource(plain)
            .settings(QuerySettings.defaults().withReaderRole("dm_never_created"))
            .build();
    QueryConsole notMember = QueryConsole.builder().dataSource(plain).build();

    assertThatThrownBy(() -> missing.run("SELECT 1"))
        .isInstanceOfSatisfying(
            QueryRefusedException.class,
            e -> {
              assertThat(e.layer()).isEqualTo(Layer.PRIVILEGE);
              assertThat(e.reason())
                  .contains(
                      "does not exist",
                      "dm_plain_user may not create it",
                      "CREATE ROLE dm_never_created NOLOGIN",
                      "GRANT dm_never_created TO dm_plain_user");
            });
    assertThatThrownBy(() -> notMember.run("SELECT 1"))
        .isInstanceOfSatisfying(
            QueryRefusedException.class,
            e -> {
              assertThat(e.layer()).isEqualTo(Layer.PRIVILEGE);
              assertThat(e.reason())
                  .contains(
                      "may not SET ROLE datamapper_reader",
                      "GRANT datamapper_reader TO dm_plain_user");
            });
  }
}
