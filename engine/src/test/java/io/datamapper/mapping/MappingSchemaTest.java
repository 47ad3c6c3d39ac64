package io.datamapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.datamapper.detect.Detector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The published JSON Schema accepts the mappings we ship and the mappings detection writes. */
class MappingSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonSchema SCHEMA = schema();

  private static JsonSchema schema() {
    try (InputStream in =
        MappingSchemaTest.class.getResourceAsStream("/io/datamapper/mapping/mapping.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> files() {
    return Stream.of(
            "../samples/orders.csv",
            "src/test/resources/excel/deaths.xlsx",
            "src/test/resources/json/loaders-gl-bart-stations.geojson",
            "src/test/resources/xml/rome-rss_2.0.xml",
            "src/test/resources/detect/semicolon_decimal_comma.csv")
        .map(Path::of)
        .filter(Files::exists);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void detected_mappings_validate_against_the_schema(Path file) throws IOException {
    JsonNode mapping = YAML.readTree(MappingWriter.toYaml(Detector.detect(file).mapping()));

    assertThat(SCHEMA.validate(mapping)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void shipped_mappings_validate_against_the_schema(Path file) throws IOException {
    assertThat(SCHEMA.validate(YAML.readTree(Files.readString(file)))).isEmpty();
  }

  static List<Path> shipped() {
    return List.of(Path.of("../samples/orders.yaml"));
  }

  @org.junit.jupiter.api.Test
  void a_v2_mapping_with_expressions_and_a_filter_validates_and_round_trips_through_the_writer()
      throws IOException {
    String v2 =
        """
        target: { table: orders }
        filter: "status != 'test'"
        columns:
          - { source: First, name: first_name }
          - { source: Status, name: status }
          - { source: Qty, name: qty, type: integer }
          - { name: full_name, expr: "first_name + ' ' + src['Last']" }
          - { name: qty2, type: bigint, expr: "qty * 2" }
        """;
    Mapping read = MappingReader.parse(v2, "v2.yaml");

    assertThat(SCHEMA.validate(YAML.readTree(v2))).isEmpty();
    assertThat(SCHEMA.validate(YAML.readTree(MappingWriter.toYaml(read)))).isEmpty();
    assertThat(MappingReader.parse(MappingWriter.toYaml(read), "again.yaml")).isEqualTo(read);
    assertThat(MappingReader.parse(MappingWriter.toJson(read), "again.json")).isEqualTo(read);
    assertThat(read.filter()).isEqualTo("status != 'test'");
    assertThat(read.columns().get(4).expr()).isEqualTo("qty * 2");
    assertThat(read.sourceFieldsInExpressions()).containsExactly("Last");
    assertThat(
            SCHEMA.validate(
                YAML.readTree(
                    "target: { table: t }\ncolumns: [ { source: a, name: b, expr: \"1\" } ]")))
        .isNotEmpty();
  }

  @org.junit.jupiter.api.Test
  void the_schema_refuses_what_the_reader_refuses() throws IOException {
    JsonNode typo =
        YAML.readTree("target: { table: t }\ncolumns: [ { source: a, tranform: [trim] } ]");
    JsonNode badMode =
        YAML.readTree("target: { table: t, mode: sideways }\ncolumns: [ { source: a } ]");

    assertThat(SCHEMA.validate(typo)).isNotEmpty();
    assertThat(SCHEMA.validate(badMode)).isNotEmpty();
  }
}
