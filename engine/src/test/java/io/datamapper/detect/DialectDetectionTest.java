package io.datamapper.detect;

import static io.datamapper.detect.Fixtures.column;
import static io.datamapper.detect.Fixtures.detect;
import static io.datamapper.detect.Fixtures.detectText;
import static io.datamapper.detect.Fixtures.messages;
import static io.datamapper.detect.Fixtures.names;
import static io.datamapper.detect.Fixtures.sources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.DataMapperException;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.LoadMode;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.Policies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DialectDetectionTest {

  @Test
  void comma_file_gets_a_complete_mapping_for_a_table_named_after_the_file() {
    Detection d = detect("orders-2024.csv");
    Mapping m = d.mapping();
    assertThat(m.source().format()).isEqualTo(Format.CSV);
    assertThat(m.source().encoding()).isEqualTo("UTF-8");
    CsvOptions csv = m.source().csv();
    assertThat(csv.delimiter()).isEqualTo(',');
    assertThat(csv.quote()).isEqualTo('"');
    assertThat(csv.escape()).isEqualTo('"');
    assertThat(csv.lineSeparator()).isEqualTo("\n");
    assertThat(csv.header()).isTrue();
    assertThat(csv.nullTokens()).containsExactly("");
    assertThat(m.target().schema()).isEqualTo("public");
    assertThat(m.target().table()).isEqualTo("orders_2024");
    assertThat(m.target().create()).isTrue();
    assertThat(m.target().mode()).isEqualTo(LoadMode.APPEND);
    assertThat(m.keys()).isEmpty();
    assertThat(m.policies()).isEqualTo(Policies.defaults());
    assertThat(names(d))
        .containsExactly("order_id", "customer", "amount", "placed_on", "shipped", "score");
    assertThat(m.columns()).allSatisfy(c -> assertThat(c.nullable()).isTrue());
    assertThat(messages(d))
        .contains(
            "delimiter ',': 6 fields on all 5 sampled rows", "read the whole file: 4 data rows");
  }

  @Test
  void semicolon_file_gets_semicolon_delimiter_although_values_hold_commas() {
    Detection d = detect("semicolon_decimal_comma.csv");
    assertThat(d.mapping().source().csv().delimiter()).isEqualTo(';');
    assertThat(names(d)).containsExactly("id", "price", "name", "weight");
  }

  @Test
  void tab_file_gets_tab_delimiter() {
    Detection d = detect("tabs.tsv");
    assertThat(d.mapping().source().csv().delimiter()).isEqualTo('\t');
    assertThat(names(d)).containsExactly("id", "name", "qty");
    assertThat(d.mapping().target().table()).isEqualTo("tabs");
    assertThat(messages(d)).contains("delimiter tab: 3 fields on all 4 sampled rows");
  }

  @Test
  void pipe_file_gets_pipe_delimiter_even_with_commas_and_semicolons_in_values() {
    Detection d = detect("pipes.psv");
    assertThat(d.mapping().source().csv().delimiter()).isEqualTo('|');
    assertThat(names(d)).containsExactly("code", "label", "price");
    assertThat(column(d, "price").type()).isEqualTo(ColumnType.NUMERIC);
  }

  @Test
  void quoted_fields_keep_embedded_delimiters_and_newlines() {
    Detection d = detect("quoted_multiline.csv");
    assertThat(names(d)).containsExactly("id", "comment", "amount");
    assertThat(column(d, "comment").type()).isEqualTo(ColumnType.TEXT);
    assertThat(column(d, "amount").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(messages(d))
        .contains("delimiter ',': 3 fields on all 4 sampled rows", "line separator LF (\\n)");
  }

  @Test
  void crlf_line_separator_is_detected_and_reported() {
    Detection d = detect("crlf.csv");
    assertThat(d.mapping().source().csv().lineSeparator()).isEqualTo("\r\n");
    assertThat(messages(d)).contains("line separator CRLF (\\r\\n)");
    assertThat(sources(d)).containsExactly("id", "name");
  }

  @Test
  void bare_cr_line_separator_is_detected() {
    Detection d = detectText("id,name\r1,a\r2,b\r", "mac.csv");
    assertThat(d.mapping().source().csv().lineSeparator()).isEqualTo("\r");
    assertThat(names(d)).containsExactly("id", "name");
  }

  @Test
  void utf8_byte_order_mark_is_detected_and_not_part_of_the_first_header() {
    Detection d = detect("bom.csv");
    assertThat(d.mapping().source().encoding()).isEqualTo("UTF-8");
    assertThat(sources(d)).containsExactly("name", "city");
    assertThat(messages(d)).contains("encoding UTF-8 (byte-order mark)");
  }

  @Test
  void windows_1252_bytes_give_windows_1252_encoding() {
    Detection d = detect("windows1252.csv");
    assertThat(d.mapping().source().encoding()).isEqualTo("windows-1252");
    assertThat(names(d)).containsExactly("id", "name", "note");
    assertThat(messages(d).get(0))
        .startsWith("encoding windows-1252: the sample is not valid UTF-8");
  }

  @Test
  void utf16_with_byte_order_mark_is_read() {
    byte[] body = "id;name\n1;Zoë\n2;Ana\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[body.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    System.arraycopy(body, 0, bytes, 2, body.length);
    Detection d = Detector.detect(new ByteArrayInputStream(bytes), "utf16.csv");
    assertThat(d.mapping().source().encoding()).isEqualTo("UTF-16LE");
    assertThat(d.mapping().source().csv().delimiter()).isEqualTo(';');
    assertThat(sources(d)).containsExactly("id", "name");
  }

  @Test
  void file_without_header_gets_positional_sources_and_numbered_names() {
    Detection d = detect("no_header.csv");
    assertThat(d.mapping().source().csv().header()).isFalse();
    assertThat(sources(d)).containsExactly("1", "2", "3", "4");
    assertThat(names(d)).containsExactly("column_1", "column_2", "column_3", "column_4");
    assertThat(column(d, "column_1").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(column(d, "column_3").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(d, "column_4").type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(messages(d)).anyMatch(m -> m.startsWith("no header row: the first row holds data"));
    assertThat(messages(d)).contains("read the whole file: 3 data rows");
  }

  @Test
  void header_over_typed_columns_is_recognised_with_evidence() {
    Detection d = detect("orders-2024.csv");
    assertThat(messages(d))
        .anyMatch(m -> m.startsWith("first row is a header: 'order_id' above bigint values"));
  }

  @Test
  void all_text_file_takes_the_first_row_as_header_and_says_it_cannot_confirm_it() {
    Detection d = detect("bom.csv");
    assertThat(d.mapping().source().csv().header()).isTrue();
    assertThat(messages(d)).anyMatch(m -> m.contains("the column types cannot confirm it"));
  }

  @Test
  void single_column_file_gets_one_column_with_comma_delimiter() {
    Detection d = detect("single_column.csv");
    assertThat(d.mapping().source().csv().delimiter()).isEqualTo(',');
    assertThat(sources(d)).containsExactly("name");
    assertThat(messages(d)).anyMatch(m -> m.startsWith("no delimiter found"));
  }

  @Test
  void single_column_file_with_commas_in_values_uses_a_delimiter_that_never_appears() {
    Detection d = detect("single_column_with_commas.csv");
    assertThat(d.mapping().source().csv().delimiter()).isEqualTo(';');
    assertThat(sources(d)).containsExactly("sentence");
  }

  @Test
  void single_row_of_names_is_a_header_without_data() {
    Detection d = detectText("first,last\n", "people.csv");
    assertThat(d.mapping().source().csv().header()).isTrue();
    assertThat(names(d)).containsExactly("first", "last");
    assertThat(d.mapping().columns())
        .allSatisfy(c -> assertThat(c.type()).isEqualTo(ColumnType.TEXT));
  }

  @Test
  void single_row_of_coordinate_names_is_a_header_although_y_could_be_a_boolean() {
    Detection d = detectText("x;y\r\n", "points.csv");
    assertThat(d.mapping().source().csv().header()).isTrue();
    assertThat(sources(d)).containsExactly("x", "y");
    assertThat(messages(d)).noneMatch(m -> m.contains("empty in all"));
  }

  @Test
  void single_row_of_numbers_is_data() {
    Detection d = detectText("1,2,3\n", "nums.csv");
    assertThat(d.mapping().source().csv().header()).isFalse();
    assertThat(sources(d)).containsExactly("1", "2", "3");
    assertThat(d.mapping().columns())
        .allSatisfy(c -> assertThat(c.type()).isEqualTo(ColumnType.BIGINT));
  }

  @Test
  void text_first_row_above_numbers_it_fits_is_data() {
    Detection d = detectText("Alice,30\nBob,25\nCarol,41\n", "people.csv");
    assertThat(d.mapping().source().csv().header()).isFalse();
    assertThat(names(d)).containsExactly("column_1", "column_2");
    assertThat(column(d, "column_2").type()).isEqualTo(ColumnType.BIGINT);
  }

  @Test
  void single_quotes_are_detected_when_they_wrap_fields() {
    Detection d =
        detectText("id,name\n1,'Smith, John'\n2,'Doe, Jane'\n3,'O''Brien'\n", "quotes.csv");
    assertThat(d.mapping().source().csv().quote()).isEqualTo('\'');
    assertThat(d.mapping().source().csv().escape()).isEqualTo('\'');
    assertThat(names(d)).containsExactly("id", "name");
  }

  @Test
  void apostrophes_inside_values_do_not_make_single_quote_the_quote_character() {
    Detection d = detectText("id,name\n1,O'Brien\n2,D'Arcy\n", "names.csv");
    assertThat(d.mapping().source().csv().quote()).isEqualTo('"');
  }

  @Test
  void excel_sep_line_names_the_delimiter_and_is_skipped() {
    Detection d = detectText("sep=;\r\nid;price\r\n1;2,5\r\n2;3,75\r\n", "excel.csv");
    assertThat(d.mapping().source().csv().delimiter()).isEqualTo(';');
    assertThat(d.mapping().source().csv().skipRows()).isEqualTo(1);
    assertThat(d.mapping().source().csv().lineSeparator()).isEqualTo("\r\n");
    assertThat(names(d)).containsExactly("id", "price");
    assertThat(column(d, "price").format()).isEqualTo(",");
  }

  @Test
  void colon_is_the_delimiter_only_when_nothing_else_splits_the_rows() {
    Detection passwd =
        detectText("root:x:0:0:/root:/bin/bash\nuser:x:1000:1000:/home/user:/bin/sh\n", "passwd");
    assertThat(passwd.mapping().source().csv().delimiter()).isEqualTo(':');
    assertThat(passwd.mapping().columns()).hasSize(6);
    assertThat(messages(passwd)).anyMatch(m -> m.startsWith("':' is an unusual delimiter"));
    Detection times = detectText("start\n10:30\n11:45\n", "times.csv");
    assertThat(times.mapping().source().csv().delimiter()).isEqualTo(',');
    assertThat(column(times, "start").type()).isEqualTo(ColumnType.TIME);
  }

  @Test
  void ragged_rows_are_reported() {
    Detection d = detectText("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n", "ragged.csv");
    assertThat(names(d)).containsExactly("a", "b", "c");
    assertThat(messages(d))
        .anyMatch(
            m ->
                m.startsWith("2 of 4 sampled rows have a different field count")
                    && m.contains("1 have extra values")
                    && m.contains("1 have missing fields")
                    && m.contains("csv.raggedRows: pad loads missing fields as NULL")
                    && m.contains("rows with extra values are rejected"));
    assertThat(d.mapping().source().csv().raggedRows())
        .isEqualTo(io.datamapper.mapping.CsvOptions.RaggedRows.PAD);
  }

  @Test
  void semicolon_file_with_quoted_fields_is_not_mistaken_for_comma() {
    Detection d =
        detectText("\"id\";\"name\"\n\"1\";\"Smith, John\"\n\"2\";\"Doe, Jane\"\n", "quoted.csv");
    assertThat(d.mapping().source().csv().delimiter()).isEqualTo(';');
    assertThat(names(d)).containsExactly("id", "name");
  }

  @Test
  void malformed_record_stops_the_sample_with_a_note() {
    Detection d = detectText("id,name\n1,\"ok\"\n2,\"bad\"tail\n3,\"ok\"\n", "broken.csv");
    assertThat(names(d)).containsExactly("id", "name");
    assertThat(messages(d))
        .anyMatch(
            m ->
                m.startsWith("the sample is malformed after record 2")
                    && m.contains("Unexpected character after closing quote"));
  }

  @Test
  void malformed_first_record_gets_a_best_guess_without_quoting_and_a_note_not_an_error() {
    // issue #14: a text file is answered with the best guess, never refused
    Detection d = detectText("\"a\"b,c\n1,2\n", "broken.csv");

    assertThat(d.mapping().source().csv().quoting()).isFalse();
    assertThat(d.mapping().columns()).hasSize(2);
    assertThat(messages(d))
        .anyMatch(
            m ->
                m.contains("Unexpected character after closing quote")
                    && m.contains("best guess, no quote character"));
  }

  @Test
  void empty_file_is_refused_with_a_clear_message() {
    assertThatThrownBy(() -> detect("empty.csv"))
        .isInstanceOf(DataMapperException.class)
        .hasMessage("empty.csv is empty: no header and no rows");
    assertThatThrownBy(() -> detectText("\n\r\n\n", "blank.csv"))
        .isInstanceOf(DataMapperException.class)
        .hasMessage("blank.csv is empty: no header and no rows");
  }

  @Test
  void gzip_file_is_read_through_and_named_without_the_suffix() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8));
    }
    Detection d = Detector.detect(new ByteArrayInputStream(out.toByteArray()), "data.csv.gz");

    assertThat(d.mapping().source().csv().delimiter()).isEqualTo(';');
    assertThat(d.mapping().target().table()).isEqualTo("data");
    assertThat(d.notes()).anySatisfy(n -> assertThat(n.message()).contains("gzip compressed"));
  }

  @Test
  void missing_file_is_a_user_error() {
    assertThatThrownBy(() -> Detector.detect(java.nio.file.Path.of("no/such/file.csv")))
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void table_name_comes_from_the_file_name_without_extension() {
    assertThat(Detector.tableName("orders-2024.csv")).isEqualTo("orders_2024");
    assertThat(Detector.tableName("dir/Sales Report.TSV")).isEqualTo("sales_report");
    assertThat(Detector.tableName("events.csv.gz")).isEqualTo("events");
    assertThat(Detector.tableName("2024.csv")).isEqualTo("c_2024");
    assertThat(Detector.tableName(null)).isEqualTo("data");
    assertThat(Detector.tableName(".csv")).isEqualTo("csv");
  }
}
