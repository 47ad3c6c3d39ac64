package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import io.datamapper.undo.Undoer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The role layer as it is in production, where the connecting user is no superuser (a superuser
 * skips every privilege check): that user switches to the import role for the rows and, as a member
 * inheriting its privileges, still undoes and replaces what the role created.
 */
class NonSuperuserOwnerTest {
  private static final AtomicInteger USERS = new AtomicInteger();
  @TempDir Path dir;
  private ImportFixture fx;
  private String user;
  private String schema;
  private PGSimpleDataSource owner;
  private Importer importer;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "owner");
    user = "dm_owner_" + ProcessHandle.current().pid() + "_" + USERS.incrementAndGet();
    schema = fx.schema() + "_own";
    TestDatabase.execute(
        "CREATE ROLE "
            + user
            + " LOGIN; GRANT datamapper_import TO "
            + user
            + " WITH INHERIT TRUE, SET TRUE; "
            + "GRANT USAGE ON SCHEMA datamapper TO "
            + user
            + "; GRANT USAGE, CREATE ON SCHEMA datamapper_undo TO "
            + user
            + "; "
            + "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA datamapper TO "
            + user
            + "; "
            + "GRANT USAGE ON ALL SEQUENCES IN SCHEMA datamapper TO "
            + user
            + "; CREATE SCHEMA "
            + schema
            + " AUTHORIZATION "
            + user);
    owner = new PGSimpleDataSource();
    owner.setUrl("jdbc:postgresql://localhost:" + TestDatabase.server().getPort() + "/postgres");
    owner.setUser(user);
    importer = Importer.builder().dataSource(owner).build();
  }

  @AfterEach
  void tearDown() {
    TestDatabase.execute(
        "DROP SCHEMA "
            + schema
            + " CASCADE; "
            + "REASSIGN OWNED BY "
            + user
            + " TO postgres; DROP OWNED BY "
            + user
            + "; DROP ROLE "
            + user);
  }

  private ImportSummary run(String name, String csv, String mode) {
    String yaml =
        """
        target: { schema: %s, table: stock, mode: %s }
        columns: [ { source: sku, type: text }, { source: qty, type: integer } ]
        keys: [sku]
        policies: { duplicateFile: allow, duplicateRow: update }
        """
            .formatted(schema, mode);
    return importer.run(
        ImportRequest.of(
            ImportSource.of(fx.write(name, csv)), MappingReader.parse(yaml, "m.yaml")));
  }

  @Test
  void a_non_superuser_owner_imports_updates_replaces_and_undoes_through_the_import_role() {
    ImportSummary first = run("a.csv", "sku,qty\na,1\nb,2\n", "append");
    ImportSummary upsert = run("b.csv", "sku,qty\nb,20\nc,3\n", "upsert");
    assertThat(upsert.rowsUpdated()).isEqualTo(1);
    assertThat(
            TestDatabase.query(
                    "SELECT tableowner FROM pg_tables WHERE schemaname = '" + schema + "'")
                .get(0)
                .get("tableowner"))
        .isEqualTo("datamapper_import");

    new Undoer(owner).undo(upsert.importId());
    assertThat(
            TestDatabase.query(
                    "SELECT string_agg(sku || '=' || qty, ',' ORDER BY sku) AS s FROM "
                        + schema
                        + ".stock")
                .get(0)
                .get("s"))
        .isEqualTo("a=1,b=2");

    ImportSummary replaced = run("c.csv", "sku,qty\nz,9\n", "replace");
    assertThat(TestDatabase.count(schema + ".stock")).isEqualTo(1);
    new Undoer(owner).undo(replaced.importId());
    assertThat(TestDatabase.count(schema + ".stock")).isEqualTo(2);

    new Undoer(owner).undo(first.importId());
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".stock') IS NULL AS gone")
                .get(0)
                .get("gone"))
        .isEqualTo(true);
  }

  @Test
  void without_the_right_to_switch_to_the_role_imports_run_as_the_connecting_user_as_before() {
    TestDatabase.execute("REVOKE datamapper_import FROM " + user);

    ImportSummary s = run("a.csv", "sku,qty\na,1\n", "append");

    assertThat(s.rowsInserted()).isEqualTo(1);
    assertThat(
            TestDatabase.query(
                    "SELECT tableowner FROM pg_tables WHERE schemaname = '" + schema + "'")
                .get(0)
                .get("tableowner"))
        .isEqualTo(user);
  }

  @Test
  void
      the_owner_cannot_reach_the_ledger_through_an_import_even_where_it_may_write_the_ledger_itself() {
    assertThatThrownBy(
            () ->
                importer.run(
                    ImportRequest.of(
                        ImportSource.of(fx.write("f.csv", "file_name\nx\n")),
                        MappingReader.parse(
                            "target: { schema: datamapper, table: imports }\ncolumns: [ { source: file_name } ]\n",
                            "m.yaml"))))
        .hasMessageContaining(
            "schema 'datamapper' belongs to Data Mapper and cannot be an import target");
  }
}
