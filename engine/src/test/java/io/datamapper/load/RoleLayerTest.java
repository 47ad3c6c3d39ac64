package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.db.ImportRole;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.LoadMode;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The second layer: the statements that move a file's rows run as {@code datamapper_import}, which
 * PostgreSQL itself stops at Data Mapper's schemas, even when the refusal in Java is bypassed by
 * calling the lower-level pieces directly.
 */
class RoleLayerTest {
  @TempDir Path dir;
  private ImportFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "rolelayer");
  }

  @Test
  void the_import_role_logs_in_nowhere_and_holds_no_privilege_on_the_internal_schemas()
      throws Exception {
    Map<String, Object> role =
        TestDatabase.query(
                "SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb "
                    + "FROM pg_roles WHERE rolname = 'datamapper_import'")
            .get(0);
    assertThat(role).containsValues(false).doesNotContainValue(true);

    Map<String, Object> privileges =
        TestDatabase.query(
                "SELECT "
                    + "bool_or(has_schema_privilege('datamapper_import', n.oid, 'USAGE') OR has_schema_privilege('datamapper_import', n.oid, 'CREATE')) AS schemas, "
                    + "(SELECT bool_or(has_table_privilege('datamapper_import', c.oid, 'SELECT,INSERT,UPDATE,DELETE,TRUNCATE,REFERENCES,TRIGGER')) "
                    + " FROM pg_class c WHERE c.relnamespace = 'datamapper'::regnamespace AND c.relkind IN ('r', 'p')) AS tables "
                    + "FROM pg_namespace n WHERE n.nspname IN ('datamapper', 'datamapper_undo')")
            .get(0);
    assertThat(privileges.get("schemas")).isEqualTo(false);
    assertThat(privileges.get("tables")).isEqualTo(false);

    // a table the role created and a replace moved aside stays its own, out of its reach all the
    // same
    String yaml =
        "target: { schema: %s, table: swapped, mode: replace }\ncolumns: [ { source: id, type: bigint } ]\n"
            + "policies: { duplicateFile: allow }\n";
    fx.run(fx.write("a.csv", "id\n1\n"), yaml);
    long id = fx.run(fx.write("b.csv", "id\n2\n"), yaml).importId();
    String kept = "datamapper_undo._dm_old_" + id;
    assertThat(
            TestDatabase.query(
                    "SELECT tableowner FROM pg_tables WHERE schemaname = 'datamapper_undo' AND tablename = '_dm_old_"
                        + id
                        + "'")
                .get(0)
                .get("tableowner"))
        .isEqualTo(ImportRole.NAME);
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      c.setAutoCommit(false);
      execute(c, "SET LOCAL ROLE " + ImportRole.NAME);
      for (String sql :
          List.of(
              "SELECT * FROM " + kept,
              "DROP TABLE " + kept,
              "ALTER TABLE " + kept + " SET SCHEMA " + fx.schema())) {
        execute(c, "SAVEPOINT s");
        assertThatThrownBy(() -> execute(c, sql))
            .isInstanceOf(SQLException.class)
            .satisfies(
                e ->
                    assertThat(((SQLException) e).getSQLState())
                        .as(e.getMessage())
                        .isEqualTo("42501"));
        execute(c, "ROLLBACK TO SAVEPOINT s");
      }
      c.rollback();
    }
    assertThat(TestDatabase.count(kept)).isEqualTo(1);
  }

  @Test
  void tables_an_import_creates_belong_to_the_import_role() {
    fx.run(
        fx.write("a.csv", "id\n1\n"),
        "target: { schema: %s, table: owned }\ncolumns: [ { source: id, type: bigint } ]\n");

    assertThat(
            TestDatabase.query(
                    "SELECT tableowner FROM pg_tables WHERE schemaname = '"
                        + fx.schema()
                        + "' AND tablename = 'owned'")
                .get(0)
                .get("tableowner"))
        .isEqualTo(ImportRole.NAME);
  }

  @Test
  void the_lower_level_pieces_fail_in_the_database_when_they_aim_at_the_ledger_as_the_import_role()
      throws Exception {
    Path marker = dir.resolve("program-ran");
    long ledger = TestDatabase.count("datamapper.imports");
    TargetSpec ledgerTable = new TargetSpec("datamapper", "imports", true, LoadMode.APPEND);
    List<ColumnSpec> columns =
        List.of(
            new ColumnSpec("file_name", "file_name", ColumnType.TEXT, true, null, null, List.of()));
    List<ThrowingConsumer<Connection>> attacks =
        List.of(
            c ->
                TargetTable.create(
                    c, new TargetSpec("datamapper", "forged", true, LoadMode.APPEND), columns),
            c ->
                TargetTable.create(
                    c, new TargetSpec("datamapper_undo", "forged", true, LoadMode.APPEND), columns),
            c -> Replacement.createShadow(c, ledgerTable, 999_999L),
            c -> execute(c, "TRUNCATE datamapper.imports"),
            c ->
                execute(
                    c,
                    "INSERT INTO datamapper.tasks (id, kind, status, phase, file_name, request) "
                        + "VALUES (gen_random_uuid(), 'import', 'queued', 'queued', 'x', '{}')"),
            c -> execute(c, "UPDATE datamapper.imports SET kept_table = 'x'"),
            c -> execute(c, "DELETE FROM datamapper.scheduled_tasks"),
            c -> execute(c, "CREATE SCHEMA datamapper_forged"),
            c -> execute(c, "COPY (SELECT 1) TO PROGRAM 'touch " + marker + "'"),
            c ->
                c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                        "COPY datamapper.imports (file_name, mapping, target_schema, "
                            + "target_table, status, kept_table) FROM STDIN (FORMAT csv)",
                        new StringReader("f,{},public,t,succeeded,\"x; SELECT 1\"\n")));

    try (Connection c = TestDatabase.dataSource().getConnection()) {
      // what an import would do for this target if the refusal in Java were gone: no grant is given
      // there
      ImportRole role = ImportRole.prepare(c, "datamapper", "imports");
      assertThat(role.active()).isTrue();
      c.setAutoCommit(false);
      for (ThrowingConsumer<Connection> attack : attacks) {
        execute(c, "SAVEPOINT attack");
        role.enter(c);
        assertThatThrownBy(() -> attack.accept(c))
            .isInstanceOf(SQLException.class)
            .satisfies(
                e ->
                    assertThat(((SQLException) e).getSQLState())
                        .as(e.getMessage())
                        .isEqualTo("42501"));
        execute(c, "ROLLBACK TO SAVEPOINT attack");
        role.leave(c);
      }
      c.rollback();
    }

    assertThat(TestDatabase.count("datamapper.imports")).isEqualTo(ledger);
    assertThat(Files.exists(marker)).isFalse();
    assertThat(
            TestDatabase.query("SELECT to_regclass('datamapper.forged') IS NULL AS gone")
                .get(0)
                .get("gone"))
        .isEqualTo(true);
  }

  @Test
  void
      a_table_of_the_user_with_a_serial_column_takes_every_mode_through_grants_to_the_import_role() {
    TestDatabase.execute(
        "CREATE TABLE "
            + fx.table("serials")
            + " (n serial, sku text PRIMARY KEY, qty integer, _import_id bigint)");
    String yaml =
        """
        target: { schema: %s, table: serials, mode: MODE }
        columns: [ { source: sku, type: text }, { source: qty, type: integer } ]
        keys: [sku]
        policies: { duplicateFile: allow, duplicateRow: update }
        """;

    fx.run(fx.write("a.csv", "sku,qty\na,1\nb,2\n"), yaml.replace("MODE", "append"));
    fx.run(fx.write("b.csv", "sku,qty\nb,20\nc,3\n"), yaml.replace("MODE", "upsert"));
    assertThat(fx.rows("serials", "sku, qty", "sku"))
        .extracting(r -> r.get("sku") + "=" + r.get("qty"))
        .containsExactly("a=1", "b=20", "c=3");
    fx.run(
        fx.write("c.csv", "sku,qty\nd,4\n"),
        yaml.replace("MODE", "truncate-insert")
            .replace("keys: [sku]", "")
            .replace("update", "keep"));
    assertThat(fx.rows("serials", "n, sku", "sku"))
        .extracting(r -> r.get("sku"))
        .containsExactly("d");
    fx.run(
        fx.write("d.csv", "sku,qty\ne,5\nf,6\n"),
        yaml.replace("MODE", "replace").replace("keys: [sku]", "").replace("update", "keep"));
    assertThat(fx.rows("serials", "n, sku", "sku"))
        .extracting(r -> r.get("sku"))
        .containsExactly("e", "f");

    assertThat(
            TestDatabase.query(
                    "SELECT has_table_privilege('datamapper_import', '"
                        + fx.table("serials")
                        + "', 'DELETE') AS d")
                .get(0)
                .get("d"))
        .isEqualTo(true); // the swapped-in table is the role's own now
  }

  @Test
  void first_imports_into_a_table_of_the_user_running_at_once_all_get_their_grants()
      throws Exception {
    int n = 8;
    for (int round = 0; round < 3; round++) {
      String table = "together" + round;
      TestDatabase.execute("CREATE TABLE " + fx.table(table) + " (id bigint, _import_id bigint)");
      String yaml =
          "target: { schema: %s, table: "
              + table
              + " }\ncolumns: [ { source: id, type: bigint } ]\npolicies: { duplicateFile: allow }\n";
      var start = new java.util.concurrent.CountDownLatch(1);
      try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
        List<java.util.concurrent.Future<ImportSummary>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
          Path file = fx.write(table + "_" + i + ".csv", "id\n" + i + "\n");
          runs.add(
              pool.submit(
                  () -> {
                    start.await();
                    return fx.run(file, yaml);
                  }));
        }
        start.countDown();
        for (var run : runs) assertThat(run.get().rowsInserted()).isEqualTo(1);
      }
      assertThat(TestDatabase.count(fx.table(table))).isEqualTo(n);
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
