package io.datamapper.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each layer of the guard alone, the other two switched off, against the attacks it must stop by
 * itself — on the test database's superuser connection. With the transaction layer off statements
 * run in autocommit, so a write a layer failed to stop would stay and change a checksum.
 */
class GuardLayersTest {
  private final String tmp = "/tmp/dm-layer-" + UUID.randomUUID();
  private String s;

  @BeforeEach
  void setUp() {
    s = QueryFixture.sampleSchema("layers");
  }

  private void assertEachRefusedBy(Layer layer, List<String> attacks) {
    Map<String, String> before = QueryFixture.checksums(s);
    Map<String, Object> state = QueryFixture.serverState(s);
    QueryConsole console = QueryFixture.console(EnumSet.of(layer));
    for (String sql : attacks) {
      try {
        QueryResult r = console.run(sql);
        fail(
            sql
                + " ran ("
                + r.rowCount()
                + " rows); the "
                + layer.label()
                + " layer should have refused it");
      } catch (QueryRefusedException e) {
        assertThat(e.layer()).as(sql + " -> " + e.getMessage()).isEqualTo(layer);
      }
    }
    assertThat(QueryFixture.checksums(s)).isEqualTo(before);
    assertThat(QueryFixture.serverState(s)).isEqualTo(state);
    for (int i = 1; i <= 3; i++) assertThat(Path.of(tmp + "-" + i)).doesNotExist();
  }

  @Test
  void the_parse_layer_alone_refuses_every_attack_but_the_expensive_query() {
    Set<String> onlyLaterLayers =
        Set.of(
            "SELECT usename, passwd FROM pg_user",
            "SELECT count(*) FROM generate_series(1, 10000) a, generate_series(1, 10000) b",
            "SELECT a.g * b.g AS n FROM generate_series(1, 10000) a(g) CROSS JOIN generate_series(1, 10000) b(g)");
    List<String> attacks =
        QueryAttackTest.attacks(s, tmp).stream().filter(a -> !onlyLaterLayers.contains(a)).toList();

    assertThat(attacks).hasSizeGreaterThanOrEqualTo(60);
    assertEachRefusedBy(Layer.PARSE, attacks);
  }

  /**
   * Not here: SET/RESET ROLE and set_config('role'), which a superuser session may always do — the
   * parse layer stops those.
   */
  @Test
  void the_privilege_layer_alone_stops_writes_secrets_files_programs_and_signals()
      throws SQLException {
    try (Connection victim = TestDatabase.dataSource().getConnection();
        Statement st = victim.createStatement();
        ResultSet pid = st.executeQuery("SELECT pg_backend_pid()")) {
      pid.next();
      assertEachRefusedBy(
          Layer.PRIVILEGE,
          List.of(
              "DROP TABLE " + s + ".orders",
              "CREATE TABLE " + s + ".evil (a int)",
              "ALTER TABLE " + s + ".orders ADD COLUMN evil int",
              "TRUNCATE " + s + ".orders",
              "CREATE ROLE dm_evil SUPERUSER LOGIN",
              "GRANT pg_execute_server_program TO datamapper_reader",
              "ALTER SYSTEM SET log_statement = 'all'",
              "CREATE EXTENSION dblink",
              "CREATE FUNCTION " + s + ".f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
              "DELETE FROM " + s + ".orders",
              "INSERT INTO " + s + ".orders VALUES (999, 1, 1, now())",
              "UPDATE " + s + ".orders SET total = 0",
              "DELETE FROM datamapper.imports",
              "WITH d AS (DELETE FROM " + s + ".orders RETURNING *) SELECT count(*) FROM d",
              "SELECT 1; DELETE FROM " + s + ".orders",
              "SELECT * INTO " + s + ".stolen FROM " + s + ".orders",
              "SELECT * FROM " + s + ".orders FOR UPDATE",
              "COPY (SELECT 1) TO PROGRAM 'touch " + tmp + "-1'",
              "COPY " + s + ".orders TO '" + tmp + "-2'",
              "COPY " + s + ".orders FROM '/etc/hosts'",
              "SELECT pg_read_file('/etc/passwd')",
              "SELECT * FROM pg_ls_dir('.')",
              "SELECT lo_import('/etc/hosts')",
              "SELECT lo_export(1, '" + tmp + "-3')",
              "SELECT rolname, rolpassword FROM pg_authid",
              "SELECT * FROM datamapper.tasks",
              "SELECT * FROM datamapper.queries",
              "SELECT pg_terminate_backend(" + pid.getInt(1) + ")",
              "SELECT pg_reload_conf()",
              "SELECT nextval('" + s + ".order_seq')",
              "SELECT setval('" + s + ".order_seq', 1000)",
              "DO $$ BEGIN DELETE FROM " + s + ".orders; END $$"));
      assertThat(victim.isValid(2)).as("the other session survives").isTrue();
    }
  }

  /**
   * Not here: reading files or pg_authid, COPY TO, signals — a superuser reads in a read-only
   * transaction too; the other layers stop those.
   */
  @Test
  void the_transaction_layer_alone_stops_every_write_and_the_slow_queries() {
    assertEachRefusedBy(
        Layer.TRANSACTION,
        List.of(
            "DROP TABLE " + s + ".orders",
            "CREATE TABLE " + s + ".evil (a int)",
            "ALTER TABLE " + s + ".orders ADD COLUMN evil int",
            "TRUNCATE " + s + ".orders",
            "CREATE ROLE dm_evil SUPERUSER LOGIN",
            "CREATE FUNCTION " + s + ".f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "GRANT SELECT ON " + s + ".orders TO PUBLIC",
            "DELETE FROM " + s + ".orders",
            "INSERT INTO " + s + ".orders VALUES (999, 1, 1, now())",
            "UPDATE " + s + ".orders SET total = 0",
            "MERGE INTO "
                + s
                + ".orders o USING "
                + s
                + ".customers c ON o.id = c.id WHEN MATCHED THEN DELETE",
            "WITH d AS (DELETE FROM " + s + ".orders RETURNING *) SELECT count(*) FROM d",
            "SELECT 1; DELETE FROM " + s + ".orders",
            "SELECT * INTO " + s + ".stolen FROM " + s + ".orders",
            "SELECT * FROM " + s + ".orders FOR UPDATE",
            "COPY " + s + ".orders FROM '/etc/hosts'",
            "SELECT nextval('" + s + ".order_seq')",
            "SELECT setval('" + s + ".order_seq', 1000)",
            "SELECT set_config('transaction_read_only', 'off', true)",
            "DO $$ BEGIN DELETE FROM " + s + ".orders; END $$",
            "SELECT pg_sleep(600)",
            "SELECT count(*) FROM generate_series(1, 10000) a, generate_series(1, 10000) b"));
  }

  @Test
  void the_transaction_layer_alone_reads_no_more_rows_than_the_cap() {
    QueryResult r =
        QueryFixture.console(EnumSet.of(Layer.TRANSACTION))
            .run(
                "SELECT a.g * b.g AS n FROM generate_series(1, 10000) a(g) CROSS JOIN generate_series(1, 10000) b(g)");

    assertThat(r.rowCount()).isEqualTo(100);
    assertThat(r.truncated()).isTrue();
  }
}
