package io.datamapper.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.csv.CsvRecordReader;
import io.datamapper.mapping.CsvOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's real text fixtures (the detection corpus, the CSV conformance files, the golden
 * imports, the samples) read as UTF-8 by {@link Utf8Reader} and by the JDK's reader: the same text
 * or the same failure, and through the CSV reader the same records (and the right {@link
 * RecordReader#lastValueChars()}).
 */
class Utf8FixturesTest {

  static List<Path> fixtures() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : List.of(Path.of("src/test/resources"), Path.of("../samples"))) {
      assertThat(root).as("fixture folder").isDirectory();
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().matches(".*\\.(csv|tsv|txt|psv|json|ndjson|xml|yaml)$"))
            .forEach(files::add);
      }
    }
    return files;
  }

  @Test
  void every_text_fixture_decodes_as_the_jdk_decodes_it() throws IOException {
    List<Path> files = fixtures();
    assertThat(files).hasSizeGreaterThan(250);
    int invalid = 0;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      Utf8ReaderTest.Decoded expected = Utf8ReaderTest.jdk(bytes);
      if (expected.malformed() > 0) invalid++;
      for (int chunk : new int[] {1, 8192}) {
        assertThat(Utf8ReaderTest.drain(new Utf8Reader(new ByteArrayInputStream(bytes)), chunk))
            .as("%s, chunk %d", file, chunk)
            .isEqualTo(expected);
      }
      assertThat(Utf8ReaderTest.drain(new Utf8Reader(Utf8ReaderTest.trickle(bytes, 3), 7), 100))
          .as("%s in small pieces", file)
          .isEqualTo(expected);
    }
    // the corpus holds files in other encodings: the failure path is covered by real files too
    assertThat(invalid).isPositive();
  }

  @Test
  void every_csv_fixture_gives_the_same_records_through_both_readers() throws IOException {
    int compared = 0;
    for (Path file : fixtures()) {
      if (!file.toString().matches(".*\\.(csv|tsv|txt|psv)$")) continue;
      byte[] bytes = Files.readAllBytes(file);
      CsvOptions options = CsvOptions.defaults();
      if (file.toString().endsWith(".tsv")) options = options.withDelimiter('\t');
      Reader jdk =
          new InputStreamReader(
              new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder());
      Reader ours = new Utf8Reader(new ByteArrayInputStream(bytes));
      if (Utf8ReaderTest.jdk(bytes).malformed() > 0) {
        CsvOptions o = options;
        assertThatThrownBy(() -> records(ours, o, file))
            .as("%s", file)
            .isInstanceOf(BadFileException.class)
            .hasMessageContaining("is not valid UTF-8");
        continue;
      }
      List<String> expected;
      try {
        expected = records(jdk, options, file);
      } catch (BadFileException e) {
        CsvOptions o = options;
        assertThatThrownBy(() -> records(ours, o, file))
            .as("%s", file)
            .isInstanceOf(e.getClass())
            .hasMessage(e.getMessage());
        continue;
      }
      assertThat(records(ours, options, file)).as("%s", file).isEqualTo(expected);
      compared++;
    }
    assertThat(compared).isGreaterThan(150);
  }

  private static List<String> records(Reader in, CsvOptions options, Path file) throws IOException {
    List<String> out = new ArrayList<>();
    try (CsvRecordReader r =
        new CsvRecordReader(in, options, file.toString(), "UTF-8", ReadLimits.DEFAULT)) {
      out.add(r.fields().toString());
      for (RawRecord rec = r.next(); rec != null; rec = r.next()) {
        // the count the read thread's batching trusts instead of summing the lengths again
        long chars = 0;
        for (String v : rec.values()) chars += v == null ? 0 : v.length();
        if (r.lastValueChars() >= 0) assertThat(r.lastValueChars()).as("%s", file).isEqualTo(chars);
        out.add(rec.number() + "@" + rec.line() + Arrays.toString(rec.values()) + rec.problem());
      }
    }
    return out;
  }
}
