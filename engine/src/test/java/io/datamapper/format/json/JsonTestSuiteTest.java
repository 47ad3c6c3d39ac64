package io.datamapper.format.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.testing.Conformance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * nst/JSONTestSuite (MIT), every file: invalid documents ({@code n_}) are refused naming the
 * position; valid ones ({@code y_}) are never called malformed (a valid document that is not
 * records may be refused as having none).
 */
class JsonTestSuiteTest {
  static final Duration PER_FILE = Duration.ofSeconds(10);

  static Stream<Path> files(String prefix) throws IOException {
    return Conformance.files("JSONTestSuite/test_parsing", ".json")
        .filter(p -> p.getFileName().toString().startsWith(prefix));
  }

  static Stream<Path> invalid() throws IOException {
    return files("n_");
  }

  static Stream<Path> valid() throws IOException {
    return files("y_");
  }

  /** Reads every record of the file; returns how many. */
  static long readAll(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        JsonRecordReader reader =
            new JsonRecordReader(in, null, null, file.getFileName().toString(), List.of())) {
      long n = 0;
      for (RawRecord r; (r = reader.next()) != null; ) {
        reader.raw(r);
        n++;
      }
      return n;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void every_invalid_document_is_refused_with_its_position(Path file) {
    Throwable thrown =
        assertTimeoutPreemptively(PER_FILE, () -> catchThrowable(() -> readAll(file)));

    assertThat(thrown)
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith(file.getFileName().toString())
        .hasMessageMatching("(?s).* at line \\d+, column \\d+.*");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void no_valid_document_is_called_malformed(Path file) {
    Throwable thrown =
        assertTimeoutPreemptively(PER_FILE, () -> catchThrowable(() -> readAll(file)));

    if (thrown != null) {
      assertThat(thrown)
          .isInstanceOf(BadFileException.class)
          .hasMessageContaining(" has no records: ")
          .hasMessageNotContaining("malformed");
    }
  }
}
