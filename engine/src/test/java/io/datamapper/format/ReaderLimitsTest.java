package io.datamapper.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.SourceSpec;
import io.datamapper.testing.HostileFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every text reader stops at the limits of what it builds — one value, one record, one nested value
 * written as JSON text, one XML record's elements — with a message naming the place, the limit and
 * its setting, whatever the file holds. The files are real, written here.
 */
class ReaderLimitsTest {
  private static final long FIFTY_MB = 50L << 20;
  @TempDir Path dir;

  private static void readAll(Path file, SourceSpec source, ReadLimits limits) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        RecordReader r =
            RecordReaders.open(in, source, file.getFileName().toString(), List.of(), limits)) {
      while (r.next() != null) {
        // everything
      }
    }
  }

  private static SourceSpec of(Format format) {
    return new SourceSpec(format, null, null, null, null, null);
  }

  private Path write(String name, HostileFiles.Content content) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      content.write(out);
    }
    return file;
  }

  @Test
  void a_50_mb_csv_field_stops_at_the_value_limit_naming_line_and_column() throws IOException {
    Path quoted = HostileFiles.csvWithHugeField(dir.resolve("note.csv"), "note", FIFTY_MB, false);
    Path digits =
        HostileFiles.csvWithHugeField(dir.resolve("amount.csv"), "amount", FIFTY_MB, true);

    assertThatThrownBy(() -> readAll(quoted, of(Format.CSV), ReadLimits.DEFAULT))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage(
            "note.csv: the field in line 2, column 'note' is longer than 16,777,216 characters; the limit is 16 MB"
                + " (datamapper.limits.max-value-size). If the file is genuine, raise the setting.");
    assertThatThrownBy(() -> readAll(digits, of(Format.CSV), ReadLimits.DEFAULT))
        .hasMessageStartingWith(
            "amount.csv: the field in line 2, column 'amount' is longer than 16,777,216 characters");
  }

  @Test
  void the_escaping_csv_parser_stops_at_the_same_limits() throws IOException {
    SourceSpec noQuote =
        SourceSpec.csv(
            CsvOptions.defaults().withQuote(CsvOptions.NO_QUOTE, CsvOptions.NO_QUOTE), null);
    Path digits =
        HostileFiles.csvWithHugeField(dir.resolve("amount.csv"), "amount", 20L << 20, true);
    Path wide =
        Files.writeString(
            dir.resolve("wide.csv"), "a,b\n" + "x".repeat(80) + "," + "y".repeat(80) + "\n");
    ReadLimits small =
        new ReadLimits(100, 150, 20, 100, 1 << 20, 1 << 20, 100, 1 << 20, Duration.ofSeconds(1));

    assertThatThrownBy(() -> readAll(digits, noQuote, ReadLimits.DEFAULT))
        .hasMessageStartingWith(
            "amount.csv: the field in line 2, column 'amount' is longer than 16,777,216 characters");
    assertThatThrownBy(() -> readAll(wide, of(Format.CSV), small))
        .hasMessageStartingWith(
            "wide.csv: the record starting on line 2 is longer than 150 characters (an unclosed quote?); the limit is"
                + " 150 characters (datamapper.limits.max-record-size)");
    assertThatThrownBy(() -> readAll(wide, noQuote, small))
        .hasMessageStartingWith(
            "wide.csv: the record starting on line 2 is longer than 150 characters");
  }

  @Test
  void a_50_mb_json_string_stops_at_the_value_limit() throws IOException {
    Path file =
        write(
            "one.json",
            HostileFiles.Content.repeat("[{\"id\": 1, \"note\": \"", "a", FIFTY_MB, "\"}]"));

    assertThatThrownBy(() -> readAll(file, of(Format.JSON), ReadLimits.DEFAULT))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageMatching(
            "one\\.json: the string at line 1, column \\d+ is longer than 16,777,216 characters; the limit is 16 MB"
                + " \\(datamapper\\.limits\\.max-value-size\\)\\. If the file is genuine, raise the setting\\.");
  }

  @Test
  void a_huge_nested_json_value_stops_at_the_value_limit_as_json_text() throws IOException {
    // 20 MB of small array elements: no single string is long, the value as JSON text is
    Path array =
        write(
            "array.json",
            HostileFiles.Content.repeat(
                "[{\"id\": 1, \"tags\": [", "\"t\",", 5_000_000, "\"t\"]}]"));
    Path deep =
        write(
            "deep.json",
            HostileFiles.Content.of("[{\"a\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}]"));

    assertThatThrownBy(() -> readAll(array, of(Format.JSON), ReadLimits.DEFAULT))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage(
            "array.json: in record 1 (starting at line 1), field 'tags' is longer than 16,777,216 characters as JSON text;"
                + " the limit is 16 MB (datamapper.limits.max-value-size). If the file is genuine, raise the setting.");
    assertThatThrownBy(() -> readAll(deep, of(Format.JSON), ReadLimits.DEFAULT))
        .hasMessageContaining(
            "is nested more than 200 levels deep; the limit is 200 (datamapper.limits.max-nesting-depth)");
  }

  @Test
  void an_xml_record_with_50_mb_of_text_or_100_000_children_is_refused() throws IOException {
    Path text =
        write(
            "text.xml",
            HostileFiles.Content.repeat(
                "<rows><row><id>1</id><note>", "a", FIFTY_MB, "</note></row></rows>"));
    Path children =
        write(
            "children.xml",
            HostileFiles.Content.repeat(
                "<rows><row><id>1</id>", "<v>1</v>", 100_000, "</row></rows>"));
    SourceSpec xml = of(Format.XML);

    assertThatThrownBy(() -> readAll(text, xml, ReadLimits.DEFAULT))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageMatching(
            "text\\.xml: (a text at line 1, column \\d+|the text of <note> in record 1 \\(line 1\\)) is longer than"
                + " 16,777,216 characters; the limit is 16 MB \\(datamapper\\.limits\\.max-value-size\\)\\..*");
    SourceSpec rows =
        new SourceSpec(
            Format.XML, null, null, null, null, new io.datamapper.mapping.XmlOptions("/rows/row"));
    assertThatThrownBy(() -> readAll(children, rows, ReadLimits.DEFAULT))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage(
            "children.xml: record 1 (line 1) has more than 50,000 elements; the limit is 50,000"
                + " (datamapper.limits.max-record-elements). Is source.xml.recordPath the repeated element?"
                + " If the file is genuine, raise the setting.");
  }

  @Test
  void an_xml_text_node_past_the_value_limit_names_its_element() throws IOException {
    // entities split the text into pieces the parser checks one by one; the record sums them
    Path text =
        write(
            "text.xml",
            HostileFiles.Content.repeat(
                "<rows><row><note>", "aaaa&amp;", 300, "</note></row></rows>"));
    ReadLimits small =
        new ReadLimits(
            1_000, 100_000, 20, 100, 1 << 20, 1 << 20, 100, 1 << 20, Duration.ofSeconds(1));

    assertThatThrownBy(() -> readAll(text, of(Format.XML), small))
        .hasMessageStartingWith(
            "text.xml: the text of <note> in record 1 (line 1) is longer than 1,000 characters; the limit is 1,000"
                + " characters (datamapper.limits.max-value-size)");
  }

  @Test
  void settings_read_sizes_counts_and_times_and_name_themselves_when_wrong() {
    ReadLimits l =
        ReadLimits.from(
            name ->
                switch (name) {
                  case ReadLimits.VALUE -> "8MB";
                  case ReadLimits.RECORD -> "12 mb";
                  case ReadLimits.XLSX_PART -> "1GB";
                  case ReadLimits.ELEMENTS -> "10,000";
                  case ReadLimits.REGEX_TIME -> "250ms";
                  default -> null;
                });

    assertThat(l.maxValueChars()).isEqualTo(8 << 20);
    assertThat(l.maxRecordChars()).isEqualTo(12 << 20);
    assertThat(l.maxXlsxPartBytes()).isEqualTo(1L << 30);
    assertThat(l.maxRecordElements()).isEqualTo(10_000);
    assertThat(l.maxRegexTime()).isEqualTo(Duration.ofMillis(250));
    assertThat(l.maxNestingDepth()).isEqualTo(ReadLimits.DEFAULT.maxNestingDepth());
    assertThat(
            ReadLimits.fromEnvironment(java.util.Map.of("DATAMAPPER_LIMITS_MAX_VALUE_SIZE", "1KB"))
                .maxValueChars())
        .isEqualTo(1024);
    assertThatThrownBy(() -> ReadLimits.from(name -> ReadLimits.VALUE.equals(name) ? "lots" : null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "datamapper.limits.max-value-size must be a positive size such as 16MB, 512KB or 1GB");
  }

  @Test
  void values_in_messages_keep_200_characters_and_say_how_long_they_were() {
    String shown = Sizes.shorten("9".repeat(52_428_800));

    assertThat(shown)
        .hasSize(200 + "… (52,428,800 characters)".length())
        .endsWith("9… (52,428,800 characters)");
    assertThat(Sizes.shorten("short")).isEqualTo("short");
  }
}
