package io.datamapper.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Statements a hostile or confused model could write, run through the whole guard on the test
 * database's superuser connection. Each must be refused, or be harmless: afterwards every table's
 * checksum, the roles, the sequence, the settings, locks and large objects are as before, and no
 * file the attacks name exists on the server.
 */
class QueryAttackTest {
  private final String tmp = "/tmp/dm-attack-" + UUID.randomUUID();

  static List<String> attacks(String s, String tmp) {
    return List.of(
        // DDL
        "DROP TABLE " + s + ".orders",
        "CREATE TABLE " + s + ".evil (a int)",
        "ALTER TABLE " + s + ".orders ADD COLUMN evil int",
        "TRUNCATE " + s + ".orders",
        "CREATE ROLE dm_evil SUPERUSER LOGIN",
        "ALTER ROLE datamapper_reader SUPERUSER",
        "GRANT pg_execute_server_program TO datamapper_reader",
        "CREATE EXTENSION dblink",
        "ALTER SYSTEM SET log_statement = 'all'",
        "CREATE FUNCTION " + s + ".f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        // DML
        "DELETE FROM " + s + ".orders",
        "INSERT INTO " + s + ".orders VALUES (999, 1, 1, now())",
        "UPDATE " + s + ".orders SET total = 0",
        "MERGE INTO "
            + s
            + ".orders o USING "
            + s
            + ".customers c ON o.id = c.id WHEN MATCHED THEN DELETE",
        "DELETE FROM datamapper.imports",
        "UPDATE datamapper.imports SET status = 'failed'",
        // writable CTEs
        "WITH d AS (DELETE FROM " + s + ".orders RETURNING *) SELECT count(*) FROM d",
        "WITH u AS (UPDATE " + s + ".orders SET total = 0 RETURNING id) SELECT * FROM u",
        "WITH i AS (INSERT INTO "
            + s
            + ".customers VALUES (99, 'x', 'y') RETURNING id) SELECT * FROM i",
        "SELECT * FROM (WITH d AS (DELETE FROM " + s + ".orders RETURNING 1) SELECT * FROM d) x",
        // several statements
        "SELECT 1; DELETE FROM " + s + ".orders",
        "SELECT 1; DROP TABLE " + s + ".customers CASCADE",
        "SELECT 1;; UPDATE " + s + ".orders SET total = -1;",
        "SELECT 'x'; RESET ROLE; SELECT rolpassword FROM pg_authid",
        "BEGIN; DELETE FROM " + s + ".orders; COMMIT",
        "COMMIT; DELETE FROM " + s + ".orders",
        // comment and quoting tricks
        "SELECT 1 /* */; DELETE FROM " + s + ".orders",
        "SELECT 1 --\n; DELETE FROM " + s + ".orders",
        "/* SELECT */ DELETE FROM " + s + ".orders",
        "SELECT 1 /* /* nested */ */; DELETE FROM " + s + ".orders",
        "SELECT 'a\\'; DELETE FROM " + s + ".orders; --'",
        "SELECT $$;$$; DELETE FROM " + s + ".orders",
        "SELECT U&\"\\0070g_sleep\"(600)",
        // SELECT INTO
        "SELECT * INTO " + s + ".stolen FROM " + s + ".orders",
        "SELECT * INTO TEMP stolen FROM " + s + ".orders",
        "CREATE TABLE " + s + ".stolen AS SELECT * FROM " + s + ".orders",
        // locking reads
        "SELECT * FROM " + s + ".orders FOR UPDATE",
        "SELECT * FROM " + s + ".orders FOR SHARE",
        "SELECT * FROM " + s + ".orders FOR NO KEY UPDATE NOWAIT",
        "LOCK TABLE " + s + ".orders IN ACCESS EXCLUSIVE MODE",
        // COPY and programs
        "COPY (SELECT 1) TO PROGRAM 'touch " + tmp + "-1'",
        "COPY " + s + ".orders FROM PROGRAM 'echo 1'",
        "COPY " + s + ".orders TO '" + tmp + "-2'",
        "COPY " + s + ".orders FROM '/etc/hosts'",
        // files and large objects
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT pg_read_binary_file('/etc/hostname')",
        "SELECT * FROM pg_ls_dir('.')",
        "SELECT pg_stat_file('postgresql.conf')",
        "SELECT lo_import('/etc/hosts')",
        "SELECT lo_export(1, '" + tmp + "-3')",
        "SELECT lo_from_bytea(0, 'evil')",
        "SELECT pg_catalog.\"pg_read_file\"('/etc/passwd')",
        "SELECT query_to_xml('SELECT pg_read_file(''/etc/passwd'')', true, true, '')",
        "SELECT ts_stat('SELECT pg_read_file(''/etc/passwd'')::tsvector')",
        // secrets and Data Mapper's own tables
        "SELECT rolname, rolpassword FROM pg_authid",
        "SELECT * FROM pg_catalog.pg_shadow",
        "SELECT usename, passwd FROM pg_user",
        "SELECT * FROM datamapper.tasks",
        "SELECT * FROM datamapper.queries",
        // settings and roles
        "SELECT set_config('role', 'postgres', false)",
        "SELECT set_config('default_transaction_read_only', 'off', false)",
        "SELECT set_config('transaction_read_only', 'off', true)",
        "SET ROLE postgres",
        "RESET ROLE",
        "SET SESSION AUTHORIZATION postgres",
        "RESET ALL",
        "DISCARD ALL",
        // PREPARE, EXECUTE, DO, CALL
        "PREPARE evil AS DELETE FROM " + s + ".orders",
        "EXECUTE evil",
        "DO $$ BEGIN DELETE FROM " + s + ".orders; END $$",
        "CALL " + s + ".p()",
        // advisory locks
        "SELECT pg_advisory_lock(42)",
        "SELECT pg_try_advisory_lock(42)",
        "SELECT pg_advisory_xact_lock(42)",
        // other backends and the server
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
        "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
        "SELECT pg_reload_conf()",
        "SELECT pg_switch_wal()",
        "SELECT pg_notify('evil', 'x')",
        "NOTIFY evil",
        "LISTEN evil",
        "VACUUM FULL " + s + ".orders",
        // sequences
        "SELECT nextval('" + s + ".order_seq')",
        "SELECT setval('" + s + ".order_seq', 1000)",
        "SELECT \"nextval\"('" + s + ".order_seq')",
        "SELECT txid_current()",
        // time and size
        "SELECT pg_sleep(600)",
        "SELECT pg_sleep_for('10 minutes')",
        "SELECT * FROM " + s + ".orders, LATERAL (SELECT pg_sleep(1)) x",
        "SELECT count(*) FROM generate_series(1, 10000) a, generate_series(1, 10000) b",
        "SELECT a.g * b.g AS n FROM generate_series(1, 10000) a(g) CROSS JOIN generate_series(1, 10000) b(g)",
        // EXPLAIN that runs, dblink
        "EXPLAIN ANALYZE DELETE FROM " + s + ".orders",
        "EXPLAIN (ANALYZE, BUFFERS) SELECT pg_sleep(5)",
        "SELECT dblink_exec('dbname=postgres', 'DELETE FROM " + s + ".orders')");
  }

  @Test
  void every_attack_is_refused_or_harmless_and_nothing_changes_on_a_superuser_connection()
      throws IOException {
    String s = QueryFixture.sampleSchema("attack");
    assertThat(
            TestDatabase.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                .get(0)
                .get("rolsuper"))
        .isEqualTo(true);
    QueryConsole console = QueryFixture.console();
    Map<String, String> before = QueryFixture.checksums(s);
    Map<String, Object> state = QueryFixture.serverState(s);

    List<String> attacks = attacks(s, tmp);
    Map<String, Integer> byLayer = new LinkedHashMap<>();
    List<String> report = new ArrayList<>();
    long start = System.nanoTime();
    for (String sql : attacks) {
      String outcome;
      try {
        QueryResult r = console.run(sql);
        outcome = "harmless: " + r.rowCount() + " rows" + (r.truncated() ? " (truncated)" : "");
        byLayer.merge("harmless", 1, Integer::sum);
      } catch (QueryRefusedException e) {
        outcome = e.layer().label() + ": " + e.reason();
        byLayer.merge(e.layer().label(), 1, Integer::sum);
      }
      report.add(sql.replace('\n', ' ') + "\n    -> " + outcome);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    Files.writeString(
        Path.of("target/query-attacks.txt"),
        attacks.size()
            + " attacks in "
            + ms
            + " ms; outcome by refusing layer: "
            + byLayer
            + "\n\n"
            + String.join("\n", report)
            + "\n");

    assertThat(attacks).hasSizeGreaterThanOrEqualTo(60);
    assertThat(QueryFixture.checksums(s)).isEqualTo(before);
    assertThat(QueryFixture.serverState(s)).isEqualTo(state);
    for (int i = 1; i <= 3; i++) assertThat(Path.of(tmp + "-" + i)).doesNotExist();
    assertThat(byLayer.getOrDefault("harmless", 0))
        .as(String.join("\n", report))
        .isLessThanOrEqualTo(2);
    assertThat(console.run("SELECT count(*) AS n FROM " + s + ".orders").rows())
        .containsExactly(List.of(40L));
  }
}
