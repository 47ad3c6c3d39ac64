package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.mapping.CsvOptions;
import org.junit.jupiter.api.Test;

/** Backslash escapes versus quote doubling. */
class EscapeDetectionTest {
  @Test
  void backslash_escaped_delimiters_are_detected_and_the_fields_kept_whole() { // CleverCSV example
    // imdb.csv
    Detection d = Detector.detect(CorpusEvaluation.corpusDir().resolve("cleverc_imdb.csv"));

    CsvOptions csv = d.mapping().source().csv();
    assertThat(csv.escape()).isEqualTo('\\');
    assertThat(d.notes()).anySatisfy(n -> assertThat(n.message()).startsWith("escape '\\'"));
    assertThat(d.notes())
        .noneSatisfy(n -> assertThat(n.message()).contains("different field count"));
  }

  @Test
  void backslash_escaped_quotes_inside_quoted_fields_are_detected() {
    Detection d =
        Fixtures.detectText(
            "id,comment,score\n1,\"He said \\\"hi\\\" twice\",3\n2,\"plain\",4\n3,\"a \\\"b\\\"\",5\n",
            "comments.csv");

    assertThat(d.mapping().source().csv().escape()).isEqualTo('\\');
    assertThat(Fixtures.column(d, "score").type())
        .isEqualTo(io.datamapper.mapping.ColumnType.BIGINT);
  }

  @Test
  void doubled_quotes_and_literal_backslashes_stay_rfc_4180() {
    Detection d =
        Fixtures.detectText(
            "path,note\n\"C:\\temp\\\",\"say \"\"hi\"\"\"\n\"D:\\x\",plain\n\"E:\\y\\z\",other\n",
            "paths.csv");

    CsvOptions csv = d.mapping().source().csv();
    assertThat(csv.escape()).isEqualTo(csv.quote());
  }
}
