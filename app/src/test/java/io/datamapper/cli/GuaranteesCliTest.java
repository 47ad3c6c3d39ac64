package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys, duplicate policies, dry run, undo, reject export and replay from the command line. */
class GuaranteesCliTest {
  @TempDir Path dir;
  private String schema;

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("clig");
  }

  private Path file(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  private long lastImport() {
    return (Long)
        TestDatabase.query("SELECT max(id) AS id FROM datamapper.imports").get(0).get("id");
  }

  @Test
  void key_and_on_duplicate_skip_report_duplicates_and_undo_removes_the_second_import()
      throws IOException {
    String table = schema + ".people";
    CliRun first =
        CliRun.of(
            "import",
            file("a.csv", "id,name\n1,Ada\n2,Bob\n").toString(),
            "--table",
            table,
            "--key",
            "id",
            "--on-duplicate",
            "skip");
    assertThat(first.exitCode()).as(first.err()).isZero();

    CliRun second =
        CliRun.of(
            "import",
            file("b.csv", "id,name\n2,Bob\n3,Cy\n3,Cy again\n").toString(),
            "--table",
            table,
            "--key",
            "id",
            "--on-duplicate",
            "skip");

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("Imported 1 row")
        .contains("1 row had a key already in the table")
        .contains("1 row repeated a key earlier in the file");
    long id = lastImport();

    CliRun undo = CliRun.of("undo", String.valueOf(id));

    assertThat(undo.exitCode()).as(undo.err()).isZero();
    assertThat(undo.out()).isEqualTo("Undid import #" + id + " in " + table + ": deleted 1 row.\n");
    assertThat(TestDatabase.count(table)).isEqualTo(2);
    assertThat(CliRun.of("imports", "--limit", "1").out())
        .contains("undone")
        .contains("undone: deleted 1 row");
    CliRun again = CliRun.of("undo", String.valueOf(id));
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("was already undone");
  }

  @Test
  void dry_run_prints_what_would_happen_with_the_ddl_and_creates_nothing() throws IOException {
    CliRun r =
        CliRun.of(
            "import",
            file("d.csv", "id,name\n1,Ada\n1,Ada again\n").toString(),
            "--table",
            schema + "_new.dry",
            "--key",
            "id",
            "--on-duplicate",
            "skip",
            "--dry-run");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Dry run: would import 1 row")
        .contains("1 row repeated a key")
        .contains("Would run: CREATE SCHEMA")
        .contains("CREATE TABLE")
        .contains("Would run: CREATE UNIQUE INDEX");
    assertThat(
            TestDatabase.query("SELECT to_regnamespace('" + schema + "_new') IS NULL AS gone")
                .get(0)
                .get("gone"))
        .isEqualTo(true);
  }

  @Test
  void rejects_export_writes_a_file_that_import_replay_of_loads_into_the_same_table()
      throws IOException {
    Path mapping =
        file(
            "m.yaml",
            """
        target: { schema: %s, table: scores }
        columns: [ { source: name }, { source: score, type: integer } ]
        policies: { badRows: skip }
        """
                .formatted(schema));
    CliRun first =
        CliRun.of(
            "import",
            file("s.csv", "name,score\nA,1\nB,two\nC,3\n").toString(),
            "-m",
            mapping.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    long id = lastImport();
    CliRun list = CliRun.of("rejects", String.valueOf(id));
    assertThat(list.out()).contains("bad-value").contains("B,two");
    Path exported = dir.resolve("fix.csv");

    CliRun export = CliRun.of("rejects", String.valueOf(id), "--export", exported.toString());

    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out())
        .contains("Wrote 1 rejected row of import #" + id)
        .contains("--replay-of " + id);
    assertThat(Files.readString(exported)).isEqualTo("name,score\nB,two\n");
    Files.writeString(exported, "name,score\nB,2\n");
    CliRun replay = CliRun.of("import", exported.toString(), "--replay-of", String.valueOf(id));
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(TestDatabase.query("SELECT name, score FROM " + schema + ".scores ORDER BY name"))
        .extracting(m -> m.get("name") + "=" + m.get("score"))
        .containsExactly("A=1", "B=2", "C=3");
    assertThat(
            TestDatabase.query(
                    "SELECT replay_of FROM datamapper.imports WHERE id = " + lastImport())
                .get(0)
                .get("replay_of"))
        .isEqualTo(id);
    assertThat(CliRun.of("imports", "--limit", "1").out())
        .contains("replays the rejects of import #" + id);
  }

  @Test
  void an_unknown_duplicate_policy_or_mode_is_refused_with_the_choices() throws IOException {
    Path f = file("x.csv", "id\n1\n");
    CliRun dup =
        CliRun.of(
            "import",
            f.toString(),
            "--table",
            schema + ".x",
            "--key",
            "id",
            "--on-duplicate",
            "merge");
    CliRun mode =
        CliRun.of("import", f.toString(), "--table", schema + ".x", "--mode", "overwrite");
    CliRun noKey =
        CliRun.of("import", f.toString(), "--table", schema + ".x", "--on-duplicate", "skip");

    assertThat(dup.err())
        .contains("--on-duplicate must be skip, update, error or keep, not 'merge'");
    assertThat(mode.err())
        .contains("--mode must be append, truncate-insert, replace or upsert, not 'overwrite'");
    assertThat(noKey.err()).contains("policies.duplicateRow skip needs keys");
  }
}
