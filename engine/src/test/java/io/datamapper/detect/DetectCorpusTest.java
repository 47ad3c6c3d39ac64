package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Detection over the labeled corpus of real public CSV files (see {@code
 * src/test/resources/detect-corpus/README.md}). Prints the report (also written to {@code
 * target/detect-eval.txt}, which {@code bench/detect-eval.sh} shows) and fails when an accuracy
 * falls below its floor, so a regression on real files cannot land unnoticed.
 */
class DetectCorpusTest {
  static final double DIALECT_FLOOR = 0.97;
  static final double HEADER_FLOOR = 0.97;
  static final double TYPE_FLOOR = 0.97;

  @Test
  void detection_on_the_labeled_corpus_stays_above_its_floors() throws IOException {
    CorpusEvaluation.Report report = CorpusEvaluation.evaluate(CorpusEvaluation.corpusDir());
    String text = report.text();
    System.out.print(text);
    Files.writeString(Path.of("target", "detect-eval.txt"), text);
    assertThat(report.files()).as("labeled files").isGreaterThanOrEqualTo(150);
    assertThat(report.dialectAccuracy())
        .as("dialect accuracy\n" + text)
        .isGreaterThanOrEqualTo(DIALECT_FLOOR);
    assertThat(report.headerAccuracy())
        .as("header accuracy\n" + text)
        .isGreaterThanOrEqualTo(HEADER_FLOOR);
    assertThat(report.typeAccuracy())
        .as("type accuracy\n" + text)
        .isGreaterThanOrEqualTo(TYPE_FLOOR);
  }
}
