package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Identifiers;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.MappingWriter;
import io.datamapper.testing.Conformance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs detection over the csv-spectrum conformance files ({@link Conformance}, in the test
 * resources). Each {@code csvs/X.csv} has its rows as JSON objects in {@code json/X.json}; their
 * keys are the header.
 */
class CsvSpectrumDetectionTest {
  private static final Path SPECTRUM = Conformance.root().resolve("csv-spectrum");

  static Stream<Path> files() throws IOException {
    return Conformance.files("csv-spectrum/csvs", ".csv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void detected_columns_match_the_header_of_each_conformance_file(Path csv) throws IOException {
    List<JsonNode> rows = expectedRows(csv);
    List<String> header = new ArrayList<>(rows.get(0).propertyNames());

    Detection d = Detector.detect(csv);

    assertThat(d.mapping().source().csv().header()).isTrue();
    assertThat(d.mapping().columns())
        .extracting(ColumnSpec::source)
        .containsExactlyElementsOf(header);
    assertThat(d.mapping().columns())
        .extracting(ColumnSpec::name)
        .containsExactlyElementsOf(Identifiers.uniqueSnakeCase(header));
    for (ColumnSpec c : d.mapping().columns()) {
      for (JsonNode row : rows)
        assertThat(keepsValue(c, row.path(c.source()).asString()))
            .as(c.name() + " keeps its values")
            .isTrue();
    }
    assertThat(MappingReader.parse(MappingWriter.toYaml(d.mapping()), csv.toString()))
        .isEqualTo(d.mapping());
  }

  /**
   * The rows in json/X.json; location_coordinates.json is known to be wrong upstream, so its header
   * comes from the CSV.
   */
  private static List<JsonNode> expectedRows(Path csv) throws IOException {
    String base = csv.getFileName().toString().replaceFirst("\\.csv$", "");
    JsonNode json =
        JsonMapper.builder().build().readTree(SPECTRUM.resolve("json").resolve(base + ".json"));
    List<JsonNode> rows = json.isArray() ? List.copyOf(json.values()) : List.of(json);
    if (base.equals("location_coordinates")) {
      return List.of(
          JsonMapper.builder()
              .build()
              .readTree(
                  "{\"Contact Phone Number\":\"2095257564\",\"Location Coordinates\":\"\",\"Cities\":\"\",\"Counties\":\"\"}"));
    }
    return rows;
  }

  /**
   * A typed column may change how a value is written, never the value: 08123 must not become 8123.
   */
  private static boolean keepsValue(ColumnSpec c, String value) {
    if (value.isEmpty()) return true;
    if (c.type().equals(ColumnType.BIGINT))
      return String.valueOf(Long.parseLong(value)).equals(value);
    return true;
  }
}
