package io.datamapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code quote: null} and {@code escape: "\\"} in mappings, read and written back. */
class CsvDialectMappingTest {

  private static Mapping read(String csv) {
    return MappingReader.parse(
        "source: { csv: " + csv + " }\ntarget: { table: t }\ncolumns: [ { source: a } ]\n",
        "t.yaml");
  }

  @Test
  void quote_null_means_no_quoting_and_the_escape_follows_it() {
    CsvOptions csv = read("{ delimiter: \"\\t\", quote: null }").source().csv();
    assertThat(csv.quoting()).isFalse();
    assertThat(csv.backslashEscapes()).isFalse();
    assertThat(read("{ quote: \"\" }").source().csv().quoting()).isFalse();
  }

  @Test
  void a_backslash_escape_is_accepted_with_or_without_quotes() {
    CsvOptions quoted = read("{ quote: \"\\\"\", escape: \"\\\\\" }").source().csv();
    assertThat(quoted.backslashEscapes()).isTrue();
    assertThat(quoted.quote()).isEqualTo('"');
    CsvOptions bare = read("{ delimiter: \"\\t\", quote: null, escape: \"\\\\\" }").source().csv();
    assertThat(bare.backslashEscapes()).isTrue();
    assertThat(bare.quoting()).isFalse();
  }

  @Test
  void any_other_escape_is_refused_saying_which_are_read() {
    assertThatThrownBy(() -> read("{ escape: \"~\" }"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("source.csv.escape must be the quote")
        .hasMessageContaining("backslash escapes");
  }

  @Test
  void a_backslash_cannot_be_both_delimiter_and_escape() {
    assertThatThrownBy(() -> read("{ delimiter: \"\\\\\", escape: \"\\\\\" }"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("delimiter and escape must differ");
  }

  @Test
  void no_quote_and_backslash_escapes_survive_writing_and_reading_as_yaml_and_json() {
    Mapping m = read("{ delimiter: \"\\t\", quote: null, escape: \"\\\\\" }");
    for (String text : new String[] {MappingWriter.toYaml(m), MappingWriter.toJson(m)}) {
      CsvOptions back = MappingReader.parse(text, "back").source().csv();
      assertThat(back.quoting()).as(text).isFalse();
      assertThat(back.backslashEscapes()).as(text).isTrue();
      assertThat(back.delimiter()).isEqualTo('\t');
    }
    assertThat(MappingWriter.toTree(read("{ quote: null }")).at("/source/csv/quote").isNull())
        .isTrue();
    assertThat(MappingWriter.toTree(read("{ quote: null }")).at("/source/csv/escape").isNull())
        .isTrue();
  }

  @Test
  void ragged_rows_pad_is_read_written_back_and_anything_else_is_refused() {
    CsvOptions pad = read("{ raggedRows: pad }").source().csv();
    assertThat(pad.padsRaggedRows()).isTrue();
    Mapping m = read("{ raggedRows: pad }");
    assertThat(
            MappingReader.parse(MappingWriter.toYaml(m), "back.yaml").source().csv().raggedRows())
        .isEqualTo(CsvOptions.RaggedRows.PAD);
    assertThat(read("{ raggedRows: reject }").source().csv().padsRaggedRows()).isFalse();
    assertThat(read("{ delimiter: \";\" }").source().csv().raggedRows()).isNull();
    assertThatThrownBy(() -> read("{ raggedRows: fill }"))
        .hasMessageContaining("source.csv.raggedRows must be pad, reject or abort, not 'fill'");
  }
}
