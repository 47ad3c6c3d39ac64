package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain mapping (no expressions, lookups, children or keys) parses values straight into the COPY
 * row; any other mapping builds Java values first. Both must load the same rows and refuse the same
 * ones for the same reasons. {@code filter: "true"} sends the same file down the general path.
 */
class PlainPathImportTest {
  @TempDir Path dir;

  private static final String COLUMNS =
      """
      columns:
        - { source: id, type: bigint }
        - { source: u, type: uuid }
        - { source: name, type: text }
        - { source: total, type: "numeric(12,2)" }
        - { source: raw, type: numeric }
        - { source: qty, type: integer }
        - { source: paid, type: boolean }
        - { source: day, type: date }
        - { source: at, type: timestamp }
        - { source: atz, type: timestamptz }
        - { source: t, type: time }
        - { source: score, type: double }
      policies: { duplicateFile: allow, badRows: { mode: skip } }
      """;

  private static final String CSV =
      """
      id,u,name,total,raw,qty,paid,day,at,atz,t,score
      1,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,João,15644.885,-0.00,7,TRUE,2024-02-29,2024-02-29 23:59:59.9999995,2024-04-04 06:53:48+05:30,24:00:00,NaN
      2,{A0EEBC999C0B4EF8BB6D6BB9BD380A11},日本 😀,-0.005,1e3,-2147483648,off,0001-01-01,2024-06-30 23:59:60,2024-04-04T06:53:48.123Z,23:59:59.9999995,-0
      3, a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 ,"",9999999999.99,123456789012345678901234,+1,Y,2023-12-31,2024-02-28 24:00:00,0001-01-01 00:00:00-01,00:00,1e-300
      4,,plain,,,,,,,,,
      5,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,x,1.5,1,1,yes,2024-02-30,2024-01-01 00:00:00,2024-01-01 00:00:00,12:00,1
      6,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,x,9999999999.995,1,1,yes,2024-02-28,2024-01-01 00:00:00,2024-01-01 00:00:00,12:00,1
      7,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,x,1,1,1,ja,2024-02-28,2024-01-01 00:00:00,2024-01-01 00:00:00,12:00,1
      8,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,x,1,1,1,yes,2024-02-28,2024-01-01 00:00:00+01,2024-01-01 00:00:00,12:00,1
      9,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,x,1,1,1,no,2024-02-28,2024-01-01 00:00:00.123456789,294277-01-01 00:00:00,12:00,1
      """;

  @Test
  void plain_and_general_paths_load_the_same_rows_and_refuse_the_same_ones() {
    ImportFixture fx = new ImportFixture(dir, "plainpath");
    Path file = fx.write("edge.csv", CSV);

    ImportSummary plain =
        fx.run(file, "target: { schema: %s, table: plain, create: true }\n" + COLUMNS);
    ImportSummary general =
        fx.run(
            file,
            "target: { schema: %s, table: general, create: true }\nfilter: \"true\"\n" + COLUMNS);

    assertThat(plain.rowsInserted()).isEqualTo(4);
    assertThat(general.rowsInserted()).isEqualTo(4);
    assertThat(text(fx, "plain")).isEqualTo(text(fx, "general"));
    assertThat(text(fx, "plain").get(0))
        .containsEntry("total", "15644.89")
        .containsEntry("at", "2024-03-01 00:00:00")
        .containsEntry("t", "24:00:00");
    assertThat(rejects(plain)).hasSize(5).isEqualTo(rejects(general));
  }

  @Test
  void an_unpaired_surrogate_is_unstorable_unless_a_later_column_refuses_the_row_anyway() {
    ImportFixture fx = new ImportFixture(dir, "plainpath");
    Path file =
        fx.write(
            "lone.ndjson",
            """
            {"id": 1, "name": "ok", "qty": 1}
            {"id": 2, "name": "a\\ud800b", "qty": 2}
            {"id": 3, "name": "a\\ud800b", "qty": "many"}
            """);
    String columns =
        """
        columns:
          - { source: id, type: bigint }
          - { source: name, type: text }
          - { source: qty, type: integer }
        policies: { duplicateFile: allow, badRows: { mode: skip } }
        """;

    ImportSummary plain =
        fx.run(file, "target: { schema: %s, table: p, create: true }\n" + columns);
    ImportSummary general =
        fx.run(
            file, "target: { schema: %s, table: g, create: true }\nfilter: \"true\"\n" + columns);

    List<String> refused = rejects(plain);
    assertThat(refused)
        .containsExactly(
            "2 name unstorable-value contains an unpaired UTF-16 surrogate (the file was probably read with the wrong encoding)",
            "3 qty bad-value not a whole number");
    assertThat(rejects(general)).isEqualTo(refused);
    assertThat(plain.rowsInserted()).isEqualTo(1);
  }

  private static List<Map<String, Object>> text(ImportFixture fx, String table) {
    return TestDatabase.query(
        "SELECT id::text, u::text, name, total::text, raw::text, qty::text, paid::text, day::text,"
            + " at::text, (atz AT TIME ZONE 'UTC')::text AS atz, t::text, score::text FROM "
            + fx.table(table)
            + " ORDER BY id");
  }

  private static List<String> rejects(ImportSummary s) {
    return new Ledger(TestDatabase.dataSource())
        .rejects(s.importId(), 100).stream()
            .map(
                (RejectRecord r) ->
                    r.recordNumber() + " " + r.column() + " " + r.code() + " " + r.reason())
            .toList();
  }
}
