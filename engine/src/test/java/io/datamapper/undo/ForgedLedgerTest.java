package io.datamapper.undo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ledger rows written by someone other than Data Mapper (straight into the database, as an attacker
 * past the first layer would): undo and replace refuse them and run none of their text.
 */
class ForgedLedgerTest {
  @TempDir Path dir;
  private ImportFixture fx;
  private Undoer undoer;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "forged");
    undoer = new Undoer(TestDatabase.dataSource());
    TestDatabase.execute(
        "CREATE TABLE "
            + fx.table("victim")
            + " (id bigint, _import_id bigint); INSERT INTO "
            + fx.table("victim")
            + " VALUES (1, NULL), (2, NULL)");
  }

  private long forge(
      String schema, String table, String mode, boolean createdTable, String keptTable) {
    return (Long)
        TestDatabase.query(
                "INSERT INTO datamapper.imports (file_name, mapping, target_schema, target_table, status, "
                    + "created_table, kept_table) VALUES ('forged.csv', '{\"target\": {\"mode\": \""
                    + mode
                    + "\"}}', '"
                    + schema
                    + "', '"
                    + table
                    + "', 'succeeded', "
                    + createdTable
                    + ", "
                    + (keptTable == null ? "NULL" : "'" + keptTable.replace("'", "''") + "'")
                    + ") RETURNING id")
            .get(0)
            .get("id");
  }

  private boolean exists(String table) {
    return (Boolean)
        TestDatabase.query("SELECT to_regclass('" + table + "') IS NOT NULL AS e").get(0).get("e");
  }

  @Test
  void a_forged_ledger_row_with_sql_in_its_kept_table_is_refused_and_none_of_it_runs() {
    String marker = fx.table("pwned");
    long id =
        forge(
            fx.schema(),
            "victim",
            "replace",
            false,
            "public.x SET SCHEMA public; CREATE TABLE " + marker + " AS SELECT current_user; --");

    assertThatThrownBy(() -> undoer.undo(id))
        .isInstanceOf(UndoRefusedException.class)
        .hasMessageContaining("its ledger row was not written by Data Mapper")
        .hasMessageContaining(
            "is not the one Data Mapper keeps for it (datamapper_undo.\"_dm_old_" + id + "\")")
        .hasMessageContaining("Nothing was changed");

    assertThat(exists(marker)).isFalse();
    assertThat(TestDatabase.count(fx.table("victim"))).isEqualTo(2);
    assertThat(
            TestDatabase.query("SELECT status FROM datamapper.imports WHERE id = " + id)
                .get(0)
                .get("status"))
        .isEqualTo("succeeded");
  }

  @Test
  void a_forged_ledger_row_aimed_at_the_ledger_itself_is_refused_instead_of_dropping_it() {
    long before = TestDatabase.count("datamapper.imports");
    long append = forge("datamapper", "imports", "append", true, null);
    long quoted = forge("DataMapper", "imports", "append", true, null);
    long catalog = forge("pg_catalog", "pg_class", "append", false, null);

    for (long id : new long[] {append, quoted, catalog}) {
      assertThatThrownBy(() -> undoer.undo(id))
          .isInstanceOf(UndoRefusedException.class)
          .hasMessageContaining("which belongs to Data Mapper or PostgreSQL");
    }
    assertThat(exists("datamapper.imports")).isTrue();
    assertThat(TestDatabase.count("datamapper.imports")).isEqualTo(before + 3);
  }

  @Test
  void a_replace_never_drops_what_a_forged_kept_table_names() {
    String yaml =
        "target: { schema: %s, table: target, mode: replace }\ncolumns: [ { source: id, type: bigint } ]\n"
            + "policies: { duplicateFile: allow }\n";
    fx.run(fx.write("a.csv", "id\n1\n"), yaml);
    forge(fx.schema(), "target", "replace", false, fx.table("victim"));

    fx.run(fx.write("b.csv", "id\n2\n"), yaml);

    assertThat(TestDatabase.count(fx.table("victim"))).isEqualTo(2);
    assertThat(TestDatabase.count(fx.table("target"))).isEqualTo(1);
  }

  @Test
  void a_kept_table_that_is_gone_is_refused_by_name_from_the_import_id() {
    String yaml =
        "target: { schema: %s, table: target, mode: replace }\ncolumns: [ { source: id, type: bigint } ]\n"
            + "policies: { duplicateFile: allow }\n";
    fx.run(fx.write("a.csv", "id\n1\n"), yaml);
    long id = fx.run(fx.write("b.csv", "id\n2\n"), yaml).importId();
    TestDatabase.execute("DROP TABLE datamapper_undo._dm_old_" + id);

    assertThatThrownBy(() -> undoer.undo(id))
        .isInstanceOf(UndoRefusedException.class)
        .hasMessageContaining(
            "the table it replaced (datamapper_undo.\"_dm_old_" + id + "\") is no longer there");
    assertThat(TestDatabase.count(fx.table("target"))).isEqualTo(1);
  }
}
