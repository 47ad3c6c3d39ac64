package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.DataMapperException;
import io.datamapper.load.ImportSummary;
import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.SourceSpec;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code source.csv.raggedRows: abort} and {@code source.csv.extraFields: reject | ignore}. */
class RaggedPoliciesTest {
  @TempDir Path dir;
  private ImportFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "ragged_policy");
  }

  private Mapping detected(Path file, String table, CsvOptions csv) {
    Mapping m = Detector.detect(file).mapping();
    Mapping with =
        m.withSource(SourceSpec.csv(csv, m.source().encoding()))
            .withTarget(new TargetSpec(fx.schema(), table, true, m.target().mode()))
            .withPolicies(
                new Policies(
                    Policies.DuplicateFile.ALLOW, null, null, Policies.BadRows.SKIP, null, null));
    // as a user saves it
    return MappingReader.parse(MappingWriter.toYaml(with), table + ".yaml");
  }

  @Test
  void ragged_rows_abort_stops_a_real_file_at_its_second_table_and_loads_nothing() {
    Path file = CorpusEvaluation.corpusDir().resolve("dt_issue_773_fread.txt");
    CsvOptions csv =
        Detector.detect(file).mapping().source().csv().withRaggedRows(CsvOptions.RaggedRows.ABORT);

    assertThatThrownBy(() -> fx.run(file, detected(file, "two_tables", csv)))
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining("line 23")
        .hasMessageContaining("has 2 fields, but the header has 3")
        .hasMessageContaining("raggedRows: abort");
    assertThat(
            TestDatabase.query(
                "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = '"
                    + fx.schema()
                    + "' AND table_name = 'two_tables'"))
        .containsExactly(Map.of("n", 0L));
  }

  @Test
  void extra_fields_are_rejected_by_default_and_dropped_with_a_note_when_ignored() {
    Path file = fx.write("extra.csv", "id,name\n1,Ann\n2,Bo,oops\n3,Cy,,x\n4,Di\n");
    CsvOptions base = Detector.detect(file).mapping().source().csv();

    ImportSummary rejecting = fx.run(file, detected(file, "rejecting", base));
    assertThat(rejecting.rowsInserted()).isEqualTo(2);
    assertThat(rejecting.rowsRejected()).isEqualTo(2);
    assertThat(
            TestDatabase.query(
                "SELECT DISTINCT code FROM datamapper.rejects WHERE import_id = "
                    + rejecting.importId()))
        .containsExactly(Map.of("code", "malformed-record"));

    ImportSummary ignoring =
        fx.run(
            file, detected(file, "ignoring", base.withExtraFields(CsvOptions.ExtraFields.IGNORE)));
    assertThat(ignoring.rowsRejected()).isZero();
    assertThat(ignoring.rowsInserted()).isEqualTo(4);
    assertThat(ignoring.notes())
        .anySatisfy(
            n ->
                assertThat(n)
                    .contains("2 records had more fields than the header (first on line 3)")
                    .contains("extraFields: ignore"));
    assertThat(fx.rows("ignoring", "id, name", "id"))
        .containsExactly(
            Map.of("id", 1L, "name", "Ann"),
            Map.of("id", 2L, "name", "Bo"),
            Map.of("id", 3L, "name", "Cy"),
            Map.of("id", 4L, "name", "Di"));
  }
}
