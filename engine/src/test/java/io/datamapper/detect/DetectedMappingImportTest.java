package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.load.ImportSummary;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.testing.ImportFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What detection proposes imports as proposed, end to end: detect, write the mapping as YAML, read
 * it back (as a user's saved mapping), import into PostgreSQL and read the rows.
 */
class DetectedMappingImportTest {
  @TempDir Path dir;
  private ImportFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "detected");
  }

  /**
   * Detects, round-trips the mapping through YAML and imports with bad rows aborting the import.
   */
  private Detection importDetected(Path file, String table) {
    Detection d = Detector.detect(file);
    Mapping saved = MappingReader.parse(MappingWriter.toYaml(d.mapping()), table + ".yaml");
    Mapping m = saved.withTarget(new TargetSpec(fx.schema(), table, true, saved.target().mode()));
    ImportSummary s = fx.run(file, m.withPolicies(Policies.defaults()));
    assertThat(s.rowsRejected()).isZero();
    assertThat(s.rowsInserted()).isEqualTo(s.rowsRead());
    return d;
  }

  @Test
  void a_mysql_into_outfile_export_with_backslash_escapes_loads_as_written() {
    Path file =
        fx.write(
            "customers.tsv",
            "id\tname\tcity\tnote\n"
                + "1\tO\\'Brien\\, Ann\tDublin\tsaid \"hi\"\\\nthen left\n"
                + "2\tLee\t\\N\ttab\\there\n"
                + "3\tC:\\\\Users\tOslo\tplain\n"
                + "4\tKim\tSeoul\t\\N\n");
    Detection d = importDetected(file, "customers");

    assertThat(d.mapping().source().csv().backslashEscapes()).isTrue();
    assertThat(fx.rows("customers", "id, name, city, note", "id"))
        .containsExactly(
            Map.of(
                "id",
                1L,
                "name",
                "O'Brien, Ann",
                "city",
                "Dublin",
                "note",
                "said \"hi\"\nthen left"),
            row(2L, "Lee", null, "tab\there"),
            Map.of("id", 3L, "name", "C:\\Users", "city", "Oslo", "note", "plain"),
            row(4L, "Kim", "Seoul", null));
  }

  @Test
  void a_mysql_export_without_enclosing_quotes_whose_value_starts_with_a_quote_loads_unquoted() {
    Path file =
        fx.write(
            "notes.tsv",
            "id\tname\tnote\n1\tAnn\t\"quoted\" text\n2\tBo\tline\\\nbreak\n3\tCy\tx\\\\y\n");
    Detection d = importDetected(file, "notes");

    assertThat(d.mapping().source().csv().quoting()).isFalse();
    assertThat(d.mapping().source().csv().backslashEscapes()).isTrue();
    assertThat(fx.rows("notes", "note", "id"))
        .extracting(r -> r.get("note"))
        .containsExactly("\"quoted\" text", "line\nbreak", "x\\y");
  }

  @Test
  void backslash_escaped_quotes_inside_quoted_fields_load_as_quotes() {
    Path file =
        fx.write(
            "comments.csv",
            "id,comment,score\n1,\"He said \\\"hi\\\" twice\",3\n2,\"plain\",4\n3,\"a \\\"b\\\", c\",5\n");
    importDetected(file, "comments");

    assertThat(fx.rows("comments", "comment", "id"))
        .extracting(r -> r.get("comment"))
        .containsExactly("He said \"hi\" twice", "plain", "a \"b\", c");
  }

  @Test
  void the_corpus_file_with_backslash_escaped_commas_loads_its_titles_whole() {
    importDetected(CorpusEvaluation.corpusDir().resolve("cleverc_imdb.csv"), "imdb");

    assertThat(fx.rows("imdb", "title, year", "tid"))
        .anySatisfy(
            r -> {
              assertThat(r.get("title"))
                  .isEqualTo("Dr. Seltsam, oder wie ich lernte, die Bombe zu lieben (1964)");
              assertThat(r.get("year")).isEqualTo(1964L);
            });
  }

  @Test
  void the_corpus_file_with_quotes_in_free_text_loads_without_quoting() {
    Path file = CorpusEvaluation.corpusDir().resolve("dt_issue_1462_fread_quotes.txt");
    Detection d = importDetected(file, "occurrences");

    assertThat(d.mapping().source().csv().quoting()).isFalse();
    assertThat(d.mapping().source().csv().delimiter()).isEqualTo('\t');
    assertThat(d.notes()).anySatisfy(n -> assertThat(n.message()).startsWith("no quote character"));
    List<String> texts =
        fx.rows("occurrences", "*", "1").stream()
            .flatMap(r -> r.values().stream())
            .filter(v -> v instanceof String)
            .map(String.class::cast)
            .toList();
    assertThat(texts).anySatisfy(v -> assertThat(v).contains("\"L.T. Shrew Sorex cinereus\""));
    assertThat(fx.rows("occurrences", "count(*) AS n", "1")).containsExactly(Map.of("n", 4L));
  }

  @Test
  void epoch_seconds_milliseconds_and_year_months_load_as_times_and_dates() {
    Path file =
        fx.write(
            "events.csv",
            "id,created_at,event_ts,month\n"
                + "1,1623767400,1623767400123,2024-01\n2,1700000000,1700000000000,2024-12\n");
    Detection d = importDetected(file, "events");

    assertThat(Fixtures.column(d, "created_at").type()).isEqualTo(ColumnType.TIMESTAMPTZ);
    assertThat(
            fx.rows(
                "events",
                "id, created_at::text AS c, (extract(epoch FROM event_ts) * 1000)::bigint AS ms,"
                    + " month::text AS month, pg_typeof(month)::text AS t",
                "id"))
        .containsExactly(
            Map.of(
                "id",
                1L,
                "c",
                "2021-06-15 14:30:00+00",
                "ms",
                1623767400123L,
                "month",
                "2024-01-01",
                "t",
                "date"),
            Map.of(
                "id",
                2L,
                "c",
                "2023-11-14 22:13:20+00",
                "ms",
                1700000000000L,
                "month",
                "2024-12-01",
                "t",
                "date"));
  }

  @Test
  void values_of_only_spaces_in_a_padded_number_column_load_as_null() { // as in data.table's
    // 1206FUT.txt
    Path file =
        fx.write(
            "futures.txt",
            "DATE\tOPEN\tVOLUME\r\n20121206\t  879.17\t  120\r\n"
                + "20121207\t   12.50\t     \r\n20121208\t        \t    7\r\n");
    Detection d = importDetected(file, "futures");

    assertThat(Fixtures.column(d, "volume").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(d.notesFor("volume"))
        .anySatisfy(n -> assertThat(n.message()).contains("only spaces"));
    List<Map<String, Object>> rows = fx.rows("futures", "open::text AS o, volume", "date");
    assertThat(rows).extracting(r -> r.get("volume")).containsExactly(120L, null, 7L);
    assertThat(rows).extracting(r -> r.get("o")).containsExactly("879.17", "12.50", null);
  }

  @Test
  void r_row_names_under_a_header_one_field_short_load_as_a_first_column_named_row_names() {
    Path file = CorpusEvaluation.corpusDir().resolve("dslabs_olive.csv");
    Detection d = importDetected(file, "olive");

    assertThat(d.mapping().source().csv().header()).isFalse();
    assertThat(d.mapping().source().csv().skipRows()).isEqualTo(1);
    assertThat(d.notes()).anySatisfy(n -> assertThat(n.message()).contains("R's row names"));
    assertThat(d.mapping().columns().get(0).name()).isEqualTo("row_names");
    assertThat(d.mapping().columns()).hasSize(12);
    assertThat(d.mapping().columns().get(11).name()).isEqualTo("eicosenoic");
    assertThat(fx.rows("olive", "count(*) AS n", "1")).containsExactly(Map.of("n", 199L));
    // the second field is the header's empty name ("North-Apulia", ...), as R reads it
    String second = d.mapping().columns().get(1).name();
    List<Map<String, Object>> first =
        fx.rows("olive", "row_names, \"" + second + "\" AS area, eicosenoic", "row_names LIMIT 1");
    assertThat(first)
        .containsExactly(Map.of("row_names", 1L, "area", "North-Apulia", "eicosenoic", 29L));
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new java.util.HashMap<>();
    String[] names = {"id", "name", "city", "note"};
    for (int i = 0; i < kv.length; i++) m.put(names[i], kv[i]);
    return m;
  }
}
