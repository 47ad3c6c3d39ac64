package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A detected mapping can be saved, edited and read back unchanged. */
class RoundTripTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "orders-2024.csv",
        "semicolon_decimal_comma.csv",
        "tabs.tsv",
        "pipes.psv",
        "quoted_multiline.csv",
        "crlf.csv",
        "bom.csv",
        "windows1252.csv",
        "no_header.csv",
        "leading_zeros.csv",
        "dates_day_first.csv",
        "dates_month_first.csv",
        "dates_ambiguous.csv",
        "dates_dotted.csv",
        "booleans.csv",
        "uuids.csv",
        "timestamps.csv",
        "na_tokens.csv",
        "single_column.csv",
        "single_column_with_commas.csv",
        "weird_headers.csv",
        "padded.csv"
      })
  void detected_mapping_survives_yaml_and_json_round_trips(String file) {
    Mapping mapping = Fixtures.detect(file).mapping();
    assertThat(MappingReader.parse(MappingWriter.toYaml(mapping), file + ".yaml"))
        .isEqualTo(mapping);
    assertThat(MappingReader.parse(MappingWriter.toJson(mapping), file + ".json"))
        .isEqualTo(mapping);
  }
}
