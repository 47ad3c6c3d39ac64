package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct path of keyed {@code skip} imports ({@link DirectKeys}) against the staging path: the
 * same table afterwards, the same counts and rejects, for the key shapes it takes and the ones it
 * hands back to staging.
 */
class KeyedDirectTest {
  @TempDir Path dir;
  private ImportFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "direct");
  }

  private static final String INT_KEY =
      """
      source: { format: csv }
      target: { schema: %s, table: t }
      columns:
        - { source: id, name: id, type: integer }
        - { source: name, name: name, type: text }
      keys: [id]
      policies: { duplicateRow: skip, duplicateFile: allow, badRows: skip }
      """;

  private static final String TEXT_PAIR_KEY =
      """
      source: { format: csv }
      target: { schema: %s, table: t }
      columns:
        - { source: id, name: id, type: bigint }
        - { source: name, name: name, type: text }
        - { source: note, name: note, type: text }
      keys: [name, id]
      policies: { duplicateRow: skip, duplicateFile: allow, badRows: skip }
      """;

  /** What one import did and left behind, to compare the two paths. */
  private record Result(String counts, List<String> rows, List<String> notes) {}

  /** Runs {@code setup} then the seed and the file, with the direct path on or off. */
  private Result run(boolean direct, String setup, String yaml, String seed, String file) {
    TestDatabase.execute("DROP TABLE IF EXISTS " + fx.table("t"));
    if (setup != null) TestDatabase.execute(setup.replace("%t", fx.table("t")));
    String before = System.getProperty("datamapper.keyed.direct");
    try {
      System.setProperty("datamapper.keyed.direct", "false");
      if (seed != null) fx.run(fx.write("seed.csv", seed), yaml);
      System.setProperty("datamapper.keyed.direct", String.valueOf(direct));
      ImportSummary s = fx.run(fx.write("file.csv", file), yaml);
      String counts =
          "read="
              + s.rowsRead()
              + " inserted="
              + s.rowsInserted()
              + " inFile="
              + s.rowsDuplicateInFile()
              + " inTable="
              + s.rowsDuplicateInTable()
              + " rejected="
              + s.rowsRejected()
              + " rejects="
              + TestDatabase.count(
                  "datamapper.rejects WHERE import_id = " + s.importId() + " AND code IS NOT NULL")
              + " updated="
              + s.rowsUpdated();
      List<String> rows =
          TestDatabase.query("SELECT t::text AS r FROM " + fx.table("t") + " t ORDER BY 1").stream()
              .map(r -> String.valueOf(r.get("r")))
              .toList();
      return new Result(counts, rows, s.notes());
    } finally {
      if (before == null) System.clearProperty("datamapper.keyed.direct");
      else System.setProperty("datamapper.keyed.direct", before);
    }
  }

  /** Both paths, compared; returns the direct one. */
  private Result same(String setup, String yaml, String seed, String file) {
    Result staged = run(false, setup, yaml, seed, file);
    Result direct = run(true, setup, yaml, seed, file);
    assertThat(direct.counts()).isEqualTo(staged.counts());
    assertThat(direct.rows().size()).isEqualTo(staged.rows().size());
    // lineage differs (another import id); the rest of each row must not
    assertThat(direct.rows().stream().map(KeyedDirectTest::withoutLineage))
        .containsExactlyElementsOf(
            staged.rows().stream().map(KeyedDirectTest::withoutLineage).toList());
    return direct;
  }

  private static String withoutLineage(String row) {
    return row.replaceAll(",\\d+\\)$", ")");
  }

  @Test
  void integer_keys_that_differ_only_as_text_count_as_the_same_key_on_both_paths() {
    Result r =
        same(
            null,
            INT_KEY,
            "id,name\n42,Ada\n7,Bob\n",
            "id,name\n 42,space\n042,zero\n8,new\n8,again\n7,Bob again\n+9,plus\nx,bad\n9,dup\n");

    assertThat(r.counts())
        .isEqualTo("read=8 inserted=2 inFile=3 inTable=2 rejected=1 rejects=1 updated=0");
    assertThat(r.rows()).hasSize(4);
    assertThat(r.notes()).noneMatch(n -> n.contains("read the file twice"));
  }

  @Test
  void composite_text_keys_are_case_and_space_sensitive_as_in_postgresql() {
    Result r =
        same(
            null,
            TEXT_PAIR_KEY,
            "id,name,note\n1,Ada,seed\n2,ada,seed\n",
            "id,name,note\n1,Ada,dup\n1,ADA,new\n1,ada,new\n2,ada,dup\n1,Ada ,new\n1,ADA,again\n"
                + "3,Ćesar,new\n3,Ćesar,again\n");

    assertThat(r.counts())
        .isEqualTo("read=8 inserted=4 inFile=2 inTable=2 rejected=0 rejects=0 updated=0");
  }

  @Test
  void a_table_holding_more_keys_than_fit_goes_through_the_staging_table_with_the_same_counts() {
    StringBuilder seed = new StringBuilder("id,name\n");
    for (int i = 0; i < 5_000; i++) seed.append(i).append(",s\n");
    String file = "id,name\n4999,old\n5000,new\n5000,again\n-1,new\n";
    String before = System.getProperty("datamapper.keyed.directBudget");
    System.setProperty("datamapper.keyed.directBudget", "1"); // the smallest table: 3,072 keys
    try {
      Result r = same(null, INT_KEY, seed.toString(), file);
      assertThat(r.counts())
          .isEqualTo("read=4 inserted=2 inFile=1 inTable=1 rejected=0 rejects=0 updated=0");
      assertThat(r.notes()).noneMatch(n -> n.contains("read the file twice"));
    } finally {
      if (before == null) System.clearProperty("datamapper.keyed.directBudget");
      else System.setProperty("datamapper.keyed.directBudget", before);
    }
  }

  @Test
  void a_file_bringing_more_new_keys_than_fit_is_read_again_through_the_staging_table() {
    StringBuilder file = new StringBuilder("id,name\n1,seeded\nx,bad\n");
    for (int i = 10; i < 5_010; i++) file.append(i).append(",n\n").append(i % 7).append(",d\n");
    String before = System.getProperty("datamapper.keyed.directBudget");
    System.setProperty("datamapper.keyed.directBudget", "1");
    try {
      Result r = same(null, INT_KEY, "id,name\n1,s\n", file.toString());
      assertThat(r.counts())
          .isEqualTo(
              "read=10002 inserted=5006 inFile=4994 inTable=1 rejected=1 rejects=1 updated=0");
      assertThat(r.notes())
          .anyMatch(n -> n.contains("read the file twice") && n.contains("more new keys"));
    } finally {
      if (before == null) System.clearProperty("datamapper.keyed.directBudget");
      else System.setProperty("datamapper.keyed.directBudget", before);
    }
  }

  @Test
  void
      a_nullable_key_column_with_a_null_key_in_the_table_and_an_empty_one_in_the_file_counts_as_before() {
    String setup =
        "CREATE TABLE %t (id integer, name text, _import_id bigint); "
            + "CREATE UNIQUE INDEX ON %t (id); INSERT INTO %t VALUES (NULL, 'null seed', NULL)";
    Result r = same(setup, INT_KEY, "id,name\n1,a\n", "id,name\n1,dup\n,no key\n2,new\n2,again\n");

    // the empty key is a missing-value reject on both paths; the table's null key matches nothing
    assertThat(r.counts())
        .isEqualTo("read=4 inserted=1 inFile=1 inTable=1 rejected=1 rejects=1 updated=0");
    assertThat(r.rows()).hasSize(3);
  }

  @Test
  void update_dropping_repeated_keys_while_streaming_counts_and_loads_as_the_single_upsert() {
    String yaml = TEXT_PAIR_KEY.replace("duplicateRow: skip", "duplicateRow: update");
    Result r =
        same(
            null,
            yaml,
            "id,name,note\n1,Ada,seed\n2,ada,seed\n3,Cy,same\n",
            "id,name,note\n1,Ada,changed\n1,Ada,later\n3,Cy,same\n4,Dee,new\n4,Dee,again\n"
                + "2,ADA,new\n,,no key\n");

    assertThat(r.counts())
        .isEqualTo("read=7 inserted=2 inFile=2 inTable=2 rejected=1 rejects=1 updated=1");
    assertThat(r.rows()).anyMatch(row -> row.startsWith("(1,Ada,changed"));
  }

  @Test
  void a_key_a_writer_outside_data_mapper_adds_during_a_direct_import_sends_it_through_staging()
      throws Exception {
    fx.run(fx.write("seed.csv", "id,name\n1,seeded\n"), INT_KEY);
    StringBuilder file = new StringBuilder("id,name\n1,dup\n");
    for (int i = 2; i <= 20_000; i++) file.append(i).append(",file\n");
    Path path = fx.write("file.csv", file.toString());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection outside = TestDatabase.dataSource().getConnection()) {
      outside.setAutoCommit(false);
      try (Statement s = outside.createStatement()) {
        s.execute("INSERT INTO " + fx.table("t") + " (id, name) VALUES (15000, 'outside')");
      }
      Future<ImportSummary> running = pool.submit(() -> fx.run(path, INT_KEY));
      // the import's COPY waits for the outside row's transaction: commit it then
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (TestDatabase.count(
              "pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'COPY %'")
          == 0) {
        assertThat(System.nanoTime())
            .as("the import never waited for the row")
            .isLessThan(deadline);
        assertThat(running.isDone()).as("the import ended before waiting").isFalse();
        Thread.onSpinWait();
      }
      outside.commit();

      ImportSummary s = running.get();

      assertThat(s.rowsInserted()).isEqualTo(19_998);
      assertThat(s.rowsDuplicateInTable()).isEqualTo(2);
      assertThat(s.notes()).anyMatch(n -> n.contains("read the file twice"));
      assertThat(TestDatabase.count(fx.table("t"))).isEqualTo(20_000);
      assertThat(fx.rows("t", "name", "id").get(14_999).get("name")).isEqualTo("outside");
    } finally {
      pool.shutdownNow();
    }
  }
}
