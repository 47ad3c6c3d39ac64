package io.datamapper.detect;

import static io.datamapper.detect.Fixtures.detectText;
import static io.datamapper.detect.Fixtures.messages;
import static io.datamapper.detect.Fixtures.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.load.ImportSummary;
import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.mapping.Policies;
import io.datamapper.mapping.TargetSpec;
import io.datamapper.testing.ImportFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delimiters beyond {@code , ; tab |}: runs of spaces, {@code #}, {@code ~}, {@code ^}, chosen by
 * consistency when the usual ones do not split the rows, and imported as detected.
 */
class RareDelimitersTest {
  @TempDir Path dir;

  @Test
  void a_hash_delimited_file_is_split_on_the_hash() {
    Detection d = detectText("id#name#score\n1#Ann#3.5\n2#Bo#4.0\n3#Cy#2.25\n", "scores.txt");

    assertThat(d.mapping().source().csv().delimiter()).isEqualTo('#');
    assertThat(names(d)).containsExactly("id", "name", "score");
    assertThat(messages(d)).anySatisfy(m -> assertThat(m).contains("'#' is an unusual delimiter"));
  }

  @Test
  void tilde_and_caret_delimited_files_are_split_on_them() {
    assertThat(
            detectText("a~b~c\n1~x~2024-01-02\n2~y~2024-01-03\n", "t.txt")
                .mapping()
                .source()
                .csv()
                .delimiter())
        .isEqualTo('~');
    assertThat(
            detectText("a^b^c\n1^x^5\n2^y^6\n3^z^7\n", "c.txt")
                .mapping()
                .source()
                .csv()
                .delimiter())
        .isEqualTo('^');
  }

  @Test
  void a_list_of_two_word_names_stays_one_column() {
    Detection d = detectText("name\nAnn Lee\nBo Park\nCy Young\nDee Snow\n", "names.txt");

    assertThat(names(d)).containsExactly("name");
  }

  @Test
  void a_whitespace_aligned_real_file_with_ragged_rows_loads_every_row_with_its_values() {
    Path file = CorpusEvaluation.corpusDir().resolve("dt_issue_1573_fill.txt");
    Detection d = Detector.detect(file);
    CsvOptions csv = d.mapping().source().csv();

    assertThat(csv.delimiter()).isEqualTo(' ');
    assertThat(csv.padsRaggedRows()).isTrue();
    assertThat(names(d)).hasSize(12).startsWith("sd1", "st1", "sms1");
    assertThat(messages(d)).anySatisfy(m -> assertThat(m).contains("runs of spaces"));

    ImportFixture fx = new ImportFixture(dir, "spaces");
    Mapping saved = MappingReader.parse(MappingWriter.toYaml(d.mapping()), "fill.yaml");
    Mapping m =
        saved
            .withTarget(new TargetSpec(fx.schema(), "fill", true, saved.target().mode()))
            .withPolicies(Policies.defaults());
    ImportSummary s = fx.run(file, m);

    assertThat(s.rowsRejected()).isZero();
    assertThat(s.rowsInserted()).isEqualTo(7);
    List<Map<String, Object>> rows =
        fx.rows("fill", "sd1::text AS d, st1::text AS t, sms1, sms4", "st1");
    assertThat(rows.get(0)).containsEntry("d", "2015-11-01").containsEntry("t", "00:00:01");
    assertThat(rows.get(0)).containsEntry("sms1", 323L);
    assertThat(rows)
        .anySatisfy(r -> assertThat(r).containsEntry("sms1", 253L).containsEntry("sms4", 870L));
    assertThat(rows).filteredOn(r -> r.get("sms4") == null).hasSize(6);
  }
}
