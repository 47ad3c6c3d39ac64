package io.datamapper.format.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.mapping.CsvOptions;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Backslash-escaped and unquoted CSV, read by {@link CsvRecordReader} through {@link
 * EscapingCsvParser}.
 */
class EscapingCsvReaderTest {
  private static final CsvOptions BACKSLASH = CsvOptions.defaults().withQuote('"', '\\');
  private static final CsvOptions MYSQL =
      CsvOptions.defaults().withDelimiter('\t').withQuote(CsvOptions.NO_QUOTE, '\\');
  private static final CsvOptions NO_QUOTE =
      CsvOptions.defaults().withQuote(CsvOptions.NO_QUOTE, CsvOptions.NO_QUOTE);

  private static List<RawRecord> read(String text, CsvOptions options) throws IOException {
    try (CsvRecordReader r = new CsvRecordReader(new StringReader(text), options, "t.csv")) {
      List<RawRecord> out = new ArrayList<>();
      out.add(new RawRecord(0, 0, r.fields().toArray(String[]::new)));
      for (RawRecord rec = r.next(); rec != null; rec = r.next()) out.add(rec);
      return out;
    }
  }

  @Test
  void backslash_escaped_quotes_delimiters_and_backslashes_stand_for_themselves()
      throws IOException {
    List<RawRecord> rows =
        read("id,comment\n1,\"He said \\\"hi\\\"\"\n2,a\\, b\n3,\"C:\\\\temp\\\\\"\n", BACKSLASH);
    assertThat(rows.get(0).values()).containsExactly("id", "comment");
    assertThat(rows.get(1).values()).containsExactly("1", "He said \"hi\"");
    assertThat(rows.get(2).values()).containsExactly("2", "a, b");
    assertThat(rows.get(3).values()).containsExactly("3", "C:\\temp\\");
  }

  @Test
  void mysql_into_outfile_rows_read_with_escaped_tabs_line_breaks_and_null_markers()
      throws IOException {
    // SELECT ... INTO OUTFILE defaults: tab-separated, no enclosing, escaped by '\', NULL as \N
    String file =
        "id\tname\tnote\n"
            + "1\tAnn\\tLee\tline one\\\nline two\n"
            + "2\t\\N\tescaped \\\\N is text\n"
            + "3\tBob\tsays \"hi\" \\n bye\n";
    List<RawRecord> rows = read(file, MYSQL);
    assertThat(rows.get(1).values()).containsExactly("1", "Ann\tLee", "line one\nline two");
    assertThat(rows.get(2).values()).containsExactly("2", null, "escaped \\N is text");
    assertThat(rows.get(3).values()).containsExactly("3", "Bob", "says \"hi\" \n bye");
  }

  @Test
  void line_numbers_count_escaped_and_quoted_line_breaks() throws IOException {
    String file = "a,b\n1,\"x\ny\"\n2,p\\\nq\n\n3,z\r\n4,w\r5,v\n";
    List<RawRecord> rows = read(file, BACKSLASH);
    assertThat(rows.subList(1, rows.size()))
        .extracting(RawRecord::line)
        .containsExactly(2L, 4L, 7L, 8L, 9L);
    assertThat(rows.subList(1, rows.size()))
        .extracting(RawRecord::number)
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(rows.get(2).values()).containsExactly("2", "p\nq");
  }

  @Test
  void a_record_with_a_wrong_field_count_is_reported_with_its_line() throws IOException {
    List<RawRecord> rows = read("a,b\n1,2\n\n3,4,5\n", BACKSLASH);
    assertThat(rows.get(2).line()).isEqualTo(4);
    assertThat(rows.get(2).problem()).isEqualTo("has 3 fields, but the header has 2");
  }

  @Test
  void null_tokens_apply_to_plain_fields_but_not_to_quoted_or_escaped_ones() throws IOException {
    CsvOptions options = BACKSLASH.withNullTokens(List.of("", "NULL"));
    List<RawRecord> rows = read("a,b,c,d\nNULL,\"NULL\",\\NULL,\n", options);
    assertThat(rows.get(1).values()).containsExactly(null, "NULL", "NULL", null);
  }

  @Test
  void without_quoting_a_quote_is_an_ordinary_character() throws IOException {
    List<RawRecord> rows =
        read("id,text\n1,\"?\" wrote\n2,number 10179 \"L.T. Shrew\n3,\"\"A\"\" ST\n", NO_QUOTE);
    assertThat(rows.get(1).values()).containsExactly("1", "\"?\" wrote");
    assertThat(rows.get(2).values()).containsExactly("2", "number 10179 \"L.T. Shrew");
    assertThat(rows.get(3).values()).containsExactly("3", "\"\"A\"\" ST");
    assertThat(rows.get(3).line()).isEqualTo(4);
  }

  @Test
  void without_quoting_or_escapes_a_backslash_is_kept() throws IOException {
    assertThat(read("p\nC:\\temp\\N\n", NO_QUOTE).get(1).values()).containsExactly("C:\\temp\\N");
  }

  @Test
  void skip_rows_and_comments_count_lines_before_the_header() throws IOException {
    CsvOptions options = new CsvOptions(',', '"', '\\', "\n", true, List.of(""), 2, '#');
    List<RawRecord> rows = read("title\nexported 2024\nid,v\n# note\n1,a\\,b\n", options);
    assertThat(rows.get(0).values()).containsExactly("id", "v");
    assertThat(rows.get(1).values()).containsExactly("1", "a,b");
    assertThat(rows.get(1).line()).isEqualTo(5);
  }

  @Test
  void an_unclosed_quote_names_the_line_where_the_field_opened() {
    assertThatThrownBy(() -> read("a,b\n1,2\n3,\"open\n4,5\n", BACKSLASH))
        .isInstanceOf(BadFileException.class)
        .hasMessage("t.csv: line 3: a quoted field is not closed by the end of the file");
  }

  @Test
  void text_after_a_closing_quote_is_refused_with_its_line() {
    assertThatThrownBy(() -> read("a,b\n1,\"x\"y\n", BACKSLASH))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith("t.csv: line 2: text after the closing quote");
  }

  @Test
  void a_trailing_backslash_at_the_end_of_the_file_is_kept() throws IOException {
    assertThat(read("a\nx\\", BACKSLASH).get(1).values()).containsExactly("x\\");
  }

  @Test
  void rejected_records_are_written_back_with_doubled_quotes_when_the_file_has_none()
      throws IOException {
    try (CsvRecordReader r =
        new CsvRecordReader(new StringReader("a,b\n\"x,y\n"), NO_QUOTE, "t.csv")) {
      RawRecord rec = r.next();
      assertThat(rec.values()).containsExactly("\"x", "y");
      assertThat(r.raw(rec)).isEqualTo("\"\"\"x\",y");
    }
  }
}
