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
    try (InputStream in = MappingSchemaTest.class.getResourceAsStream("/io/datamapper/mapping/mapping.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> files() {
    return Stream.of("../samples/orders.csv", "src/test/resources/excel/deaths.xlsx", "src/test/resources/json/loaders-gl-bart-stations.geojson",
        "src/test/resources/xml/rome-rss_2.0.xml", "src/test/resources/detect/semicolon_decimal_comma.csv").map(Path::of).filter(Files::exists);
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
  void the_schema_refuses_what_the_reader_refuses() throws IOException {
    JsonNode typo = YAML.readTree("target: { table: t }\ncolumns: [ { source: a, tranform: [trim] } ]");
    JsonNode badMode = YAML.readTree("target: { table: t, mode: sideways }\ncolumns: [ { source: a } ]");

    assertThat(SCHEMA.validate(typo)).isNotEmpty();
    assertThat(SCHEMA.validate(badMode)).isNotEmpty();
  }
}
