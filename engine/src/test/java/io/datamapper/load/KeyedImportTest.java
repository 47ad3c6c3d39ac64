package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.DataMapperException;
import io.datamapper.mapping.MappingException;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyedImportTest {
  @TempDir Path dir;
  private ImportFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "keyed");
  }

  private static String mapping(String policies, String mode) {
    return """
        source: { format: csv }
        target: { schema: %s, table: people, mode: MODE }
        columns:
          - { source: id, name: id, type: integer }
          - { source: name, name: name, type: text }
          - { source: score, name: score, type: integer }
        keys: [id]
        policies: { POLICIES }
        """
        .replace("POLICIES", policies)
        .replace("MODE", mode);
  }

  private static String policy(String duplicateRow) {
    return mapping("duplicateRow: " + duplicateRow + ", duplicateFile: allow", "append");
  }

  private List<String> people() {
    return fx.rows("people", "id, name, score", "id").stream()
        .map(r -> r.get("id") + ":" + r.get("name") + ":" + r.get("score"))
        .toList();
  }

  private void seed() {
    fx.run(fx.write("seed.csv", "id,name,score\n1,Ada,10\n2,Bob,20\n3,Cy,30\n"), policy("skip"));
  }

  @Test
  void
      skip_loads_the_first_row_of_each_key_and_counts_duplicates_in_the_file_and_in_the_table_apart() {
    seed();
    Path file =
        fx.write(
            "more.csv",
            "id,name,score\n3,Cy again,31\n4,Dee,40\n4,Dee twice,41\n5,Eve,50\n2,Bob again,21\n");

    ImportSummary s = fx.run(file, policy("skip"));

    assertThat(people()).containsExactly("1:Ada:10", "2:Bob:20", "3:Cy:30", "4:Dee:40", "5:Eve:50");
    assertThat(s.rowsRead()).isEqualTo(5);
    assertThat(s.rowsInserted()).isEqualTo(2);
    assertThat(s.rowsDuplicateInFile()).isEqualTo(1);
    assertThat(s.rowsDuplicateInTable()).isEqualTo(2);
    assertThat(s.rowsUpdated()).isZero();
    Map<String, Object> ledger =
        TestDatabase.query(
                "SELECT rows_inserted, rows_duplicate_in_file, rows_duplicate_in_table FROM "
                    + "datamapper.imports WHERE id = "
                    + s.importId())
            .get(0);
    assertThat(ledger)
        .containsEntry("rows_inserted", 2L)
        .containsEntry("rows_duplicate_in_file", 1L)
        .containsEntry("rows_duplicate_in_table", 2L);
  }

  @Test
  void skip_with_keep_last_loads_the_last_row_of_a_key_repeated_in_the_file() {
    Path file = fx.write("dups.csv", "id,name,score\n1,first,1\n2,only,2\n1,middle,3\n1,last,4\n");

    ImportSummary s = fx.run(file, mapping("duplicateRow: { mode: skip, keep: last }", "append"));

    assertThat(people()).containsExactly("1:last:4", "2:only:2");
    assertThat(s.rowsDuplicateInFile()).isEqualTo(2);
  }

  @Test
  void update_changes_rows_whose_key_exists_keeps_identical_rows_untouched_and_inserts_new_keys() {
    seed();
    Path file = fx.write("changes.csv", "id,name,score\n1,Ada,10\n2,Bob,22\n4,Dee,40\n");

    ImportSummary s = fx.run(file, policy("update"));

    assertThat(people()).containsExactly("1:Ada:10", "2:Bob:22", "3:Cy:30", "4:Dee:40");
    assertThat(s.rowsInserted()).isEqualTo(1);
    assertThat(s.rowsUpdated()).isEqualTo(1);
    assertThat(s.rowsDuplicateInTable()).isEqualTo(2);
    List<Map<String, Object>> lineage = fx.rows("people", "id, _import_id", "id");
    assertThat(lineage.get(0).get("_import_id")).isNotEqualTo(s.importId());
    assertThat(lineage.get(1).get("_import_id")).isEqualTo(s.importId());
    assertThat(
            TestDatabase.query(
                "SELECT before->>'score' AS score FROM datamapper.row_images WHERE import_id = "
                    + s.importId()))
        .extracting(r -> r.get("score"))
        .containsExactly("20");
  }

  @Test
  void mode_upsert_updates_by_key_like_the_update_policy() {
    seed();
    Path file = fx.write("upsert.csv", "id,name,score\n3,Cy,33\n3,Cy later,34\n9,Ivy,90\n");

    ImportSummary s =
        fx.run(
            file,
            mapping("duplicateFile: allow, duplicateRow: { mode: keep, keep: last }", "upsert"));

    assertThat(people()).containsExactly("1:Ada:10", "2:Bob:20", "3:Cy later:34", "9:Ivy:90");
    assertThat(s.rowsUpdated()).isEqualTo(1);
    assertThat(s.rowsInserted()).isEqualTo(1);
    assertThat(s.rowsDuplicateInFile()).isEqualTo(1);
  }

  @Test
  void error_refuses_a_file_that_repeats_a_key_naming_the_key_and_its_lines_and_writes_nothing() {
    seed();
    Path file = fx.write("twice.csv", "id,name,score\n7,Gus,70\n8,Hal,80\n7,Gus again,71\n");

    assertThatThrownBy(() -> fx.run(file, policy("error")))
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining("twice.csv: 1 key appears more than once in the file")
        .hasMessageContaining("id='7' on lines 2, 4")
        .hasMessageContaining("Nothing was imported");
    assertThat(people()).containsExactly("1:Ada:10", "2:Bob:20", "3:Cy:30");
  }

  @Test
  void error_refuses_a_row_whose_key_is_already_in_the_table_naming_the_import_that_loaded_it() {
    seed();
    long seedImport =
        (Long) TestDatabase.query("SELECT max(id) AS id FROM datamapper.imports").get(0).get("id");
    Path file = fx.write("again.csv", "id,name,score\n5,Eve,50\n2,Bob,20\n");

    assertThatThrownBy(() -> fx.run(file, policy("error")))
        .hasMessageContaining("1 row has a key already in")
        .hasMessageContaining("id='2' (line 3, loaded by import #" + seedImport + ")");
    assertThat(people()).hasSize(3);
  }

  @Test
  void keep_loads_every_row_and_still_counts_the_duplicates() {
    Path file = fx.write("keep.csv", "id,name,score\n1,a,1\n1,b,2\n2,c,3\n");
    fx.run(fx.write("first.csv", "id,name,score\n2,x,0\n"), policy("keep"));

    ImportSummary s = fx.run(file, policy("keep"));

    assertThat(people()).containsExactlyInAnyOrder("1:a:1", "1:b:2", "2:c:3", "2:x:0");
    assertThat(s.rowsInserted()).isEqualTo(3);
    assertThat(s.rowsDuplicateInFile()).isEqualTo(1);
    assertThat(s.rowsDuplicateInTable()).isEqualTo(1);
  }

  @Test
  void a_table_created_with_a_key_gets_a_unique_index_and_not_null_key_columns() {
    seed();

    assertThat(
            TestDatabase.query(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = '"
                    + fx.schema()
                    + "' AND tablename = 'people'"))
        .extracting(r -> (String) r.get("indexdef"))
        .singleElement()
        .asString()
        .contains("UNIQUE INDEX")
        .contains("(id)");
    assertThat(
            TestDatabase.query(
                    "SELECT is_nullable FROM information_schema.columns WHERE table_schema = '"
                        + fx.schema()
                        + "' AND table_name = 'people' AND column_name = 'id'")
                .get(0)
                .get("is_nullable"))
        .isEqualTo("NO");
  }

  @Test
  void
      an_existing_table_without_a_unique_index_on_the_key_is_refused_with_the_statement_that_fixes_it() {
    TestDatabase.execute(
        "CREATE TABLE " + fx.table("people") + " (id integer, name text, score integer)");
    Path file = fx.write("p.csv", "id,name,score\n1,a,1\n");

    assertThatThrownBy(() -> fx.run(file, policy("skip")))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("has no unique index on (\"id\")")
        .hasMessageContaining("(CREATE UNIQUE INDEX ON ")
        .hasMessageContaining("\"people\" (\"id\"))");
    TestDatabase.execute("CREATE UNIQUE INDEX ON " + fx.table("people") + " (id)");
    assertThat(fx.run(file, policy("skip")).rowsInserted()).isEqualTo(1);
  }

  @Test
  void a_row_with_an_empty_key_is_rejected_with_code_missing_value() {
    Path file = fx.write("nokey.csv", "id,name,score\n1,a,1\n,b,2\n");

    ImportSummary s = fx.run(file, mapping("duplicateRow: skip, badRows: skip", "append"));

    assertThat(s.rowsInserted()).isEqualTo(1);
    assertThat(
            TestDatabase.query(
                    "SELECT code, column_name, reason FROM datamapper.rejects WHERE import_id = "
                        + s.importId())
                .get(0))
        .containsEntry("code", "missing-value")
        .containsEntry("column_name", "id")
        .containsEntry("reason", "is empty, but it is part of the key");
  }

  @Test
  void a_duplicate_row_policy_without_keys_is_a_mapping_problem() {
    Path file = fx.write("p.csv", "id\n1\n");
    String noKeys =
        """
        source: { format: csv }
        target: { schema: %s, table: t }
        columns: [ { source: id, name: id, type: integer } ]
        policies: { duplicateRow: skip }
        """;

    assertThatThrownBy(() -> fx.run(file, noKeys))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("policies.duplicateRow skip needs keys");
  }

  @Test
  void replace_swaps_in_a_new_table_and_keeps_the_old_one_until_the_next_replace() {
    seed();
    String replace = mapping("duplicateRow: skip, duplicateFile: allow", "replace");

    ImportSummary first =
        fx.run(fx.write("v1.csv", "id,name,score\n10,New,1\n11,Newer,2\n"), replace);

    assertThat(people()).containsExactly("10:New:1", "11:Newer:2");
    String kept =
        (String)
            TestDatabase.query(
                    "SELECT kept_table FROM datamapper.imports WHERE id = " + first.importId())
                .get(0)
                .get("kept_table");
    assertThat(kept).startsWith("datamapper_undo.");
    assertThat(TestDatabase.count(kept)).isEqualTo(3);
    assertThat(first.ddl()).anyMatch(d -> d.contains("LIKE"));

    ImportSummary second = fx.run(fx.write("v2.csv", "id,name,score\n12,Last,3\n"), replace);

    assertThat(people()).containsExactly("12:Last:3");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + kept + "') IS NULL AS gone")
                .get(0)
                .get("gone"))
        .isEqualTo(true);
    assertThat(
            TestDatabase.query(
                    "SELECT kept_table FROM datamapper.imports WHERE id = " + second.importId())
                .get(0)
                .get("kept_table"))
        .isNotNull();
  }

  @Test
  void a_dry_run_reports_every_count_and_the_ddl_and_leaves_the_database_as_it_was() {
    seed();
    long importsBefore = TestDatabase.count("datamapper.imports");
    Path file = fx.write("dry.csv", "id,name,score\n2,Bob,99\n5,Eve,50\n5,Eve,51\nx,bad,1\n");

    ImportSummary s =
        fx.dryRun(
            file, mapping("duplicateRow: update, duplicateFile: allow, badRows: skip", "append"));

    assertThat(s.status()).isEqualTo("dry-run");
    assertThat(s.rowsRead()).isEqualTo(4);
    assertThat(s.rowsInserted()).isEqualTo(1);
    assertThat(s.rowsUpdated()).isEqualTo(1);
    assertThat(s.rowsDuplicateInFile()).isEqualTo(1);
    assertThat(s.rowsDuplicateInTable()).isEqualTo(1);
    assertThat(s.rowsRejected()).isEqualTo(1);
    assertThat(people()).containsExactly("1:Ada:10", "2:Bob:20", "3:Cy:30");
    assertThat(TestDatabase.count("datamapper.imports")).isEqualTo(importsBefore);

    ImportSummary fresh =
        fx.dryRun(
            fx.write("new.csv", "id,name,score\n1,a,1\n"),
            mapping("duplicateRow: skip", "append").replace("table: people", "table: fresh"));
    assertThat(fresh.ddl())
        .anySatisfy(d -> assertThat(d).contains("CREATE TABLE").contains("fresh"))
        .anySatisfy(d -> assertThat(d).startsWith("CREATE UNIQUE INDEX"));
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + fx.table("fresh") + "') IS NULL AS gone")
                .get(0)
                .get("gone"))
        .isEqualTo(true);
  }

  @Test
  void two_concurrent_imports_of_overlapping_files_with_skip_load_every_key_exactly_once()
      throws Exception {
    StringBuilder a = new StringBuilder("id,name,score\n");
    StringBuilder b = new StringBuilder("id,name,score\n");
    for (int i = 0; i < 30_000; i++) a.append(i).append(",a,").append(i).append('\n');
    for (int i = 15_000; i < 45_000; i++) b.append(i).append(",b,").append(i).append('\n');
    Path fileA = fx.write("a.csv", a.toString());
    Path fileB = fx.write("b.csv", b.toString());
    String skip = policy("skip");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<ImportSummary>> jobs =
          List.of(() -> fx.run(fileA, skip), () -> fx.run(fileB, skip));
      List<ImportSummary> done = new ArrayList<>();
      for (Future<ImportSummary> f : pool.invokeAll(jobs)) done.add(f.get());

      assertThat(done).allMatch(s -> s.status().equals("succeeded"));
      assertThat(done.get(0).rowsInserted() + done.get(1).rowsInserted()).isEqualTo(45_000);
      assertThat(done.get(0).rowsDuplicateInTable() + done.get(1).rowsDuplicateInTable())
          .isEqualTo(15_000);
      assertThat(
              TestDatabase.query(
                      "SELECT count(*) AS n, count(DISTINCT id) AS d, min(id) AS lo, max(id) AS hi FROM "
                          + fx.table("people"))
                  .get(0))
          .containsEntry("n", 45_000L)
          .containsEntry("d", 45_000L)
          .containsEntry("lo", 0)
          .containsEntry("hi", 44_999);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void update_works_on_a_table_of_the_user_without_lineage_and_a_composite_key() {
    TestDatabase.execute(
        "CREATE TABLE "
            + fx.table("stock")
            + " (shop text, sku text, qty integer, note text DEFAULT 'x', "
            + "PRIMARY KEY (shop, sku))");
    TestDatabase.execute(
        "INSERT INTO "
            + fx.table("stock")
            + " VALUES ('A', 's1', 1, 'kept'), ('A', 's2', 2, 'kept')");
    String yaml =
        """
        source: { format: csv }
        target: { schema: %s, table: stock }
        columns:
          - { source: shop, name: shop, type: text }
          - { source: sku, name: sku, type: text }
          - { source: qty, name: qty, type: integer }
        keys: [sku, shop]
        policies: { duplicateRow: update }
        """;

    ImportSummary s =
        fx.run(fx.write("stock.csv", "shop,sku,qty\nA,s1,10\nB,s1,5\nA,s2,2\n"), yaml);

    assertThat(fx.rows("stock", "shop, sku, qty, note", "shop, sku"))
        .extracting(
            r -> r.get("shop") + "/" + r.get("sku") + "=" + r.get("qty") + ":" + r.get("note"))
        .containsExactly("A/s1=10:kept", "A/s2=2:kept", "B/s1=5:x");
    assertThat(s.rowsUpdated()).isEqualTo(1);
    assertThat(s.rowsInserted()).isEqualTo(1);
    assertThat(s.rowsDuplicateInTable()).isEqualTo(2);
    assertThatThrownBy(
            () -> new io.datamapper.undo.Undoer(TestDatabase.dataSource()).undo(s.importId()))
        .hasMessageContaining("has no _import_id column");
  }

  @Test
  void concurrent_skip_imports_of_the_same_keys_in_opposite_orders_both_succeed() throws Exception {
    StringBuilder up = new StringBuilder("id,name,score\n");
    StringBuilder down = new StringBuilder("id,name,score\n");
    for (int i = 0; i < 50_000; i++) up.append(i).append(",up,").append(i).append('\n');
    for (int i = 49_999; i >= 0; i--) down.append(i).append(",down,").append(i).append('\n');
    Path a = fx.write("up.csv", up.toString());
    Path b = fx.write("down.csv", down.toString());
    String skip = policy("skip");
    fx.run(fx.write("first.csv", "id,name,score\n-1,x,0\n"), skip);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<ImportSummary>> done =
          pool.invokeAll(List.of(() -> fx.run(a, skip), () -> fx.run(b, skip)));

      assertThat(done.get(0).get().rowsInserted() + done.get(1).get().rowsInserted())
          .isEqualTo(50_000);
      assertThat(TestDatabase.count(fx.table("people"))).isEqualTo(50_001);
    } finally {
      pool.shutdownNow();
    }
  }
}
