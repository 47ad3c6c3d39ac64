package io.datamapper.format.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.db.Migrations;
import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Files written by others (origins and licenses in src/test/resources/json/README.md). */
class RealJsonFilesTest {
  private String schema;
  private Importer importer;

  @BeforeAll
  static void migrate() {
    Migrations.migrate(TestDatabase.dataSource());
  }

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("real_json");
    importer = Importer.builder().dataSource(TestDatabase.dataSource()).build();
  }

  static Path file(String name) {
    try {
      return Path.of(RealJsonFilesTest.class.getResource("/json/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private ImportSummary run(String name, String mapping) {
    return importer.run(
        ImportRequest.of(
            ImportSource.of(file(name)),
            MappingReader.parse(mapping.formatted(schema), name + ".yaml")));
  }

  /** The reader on the file: its fields and records. */
  private record Read(String recordsPath, List<String> fields, List<RawRecord> records) {
    String value(int record, String field) {
      return records.get(record).values()[fields.indexOf(field)];
    }
  }

  private static Read read(String name) throws IOException {
    try (InputStream in = Files.newInputStream(file(name));
        JsonRecordReader reader = new JsonRecordReader(in, null, null, name, List.of())) {
      List<RawRecord> records = new ArrayList<>();
      for (RawRecord r; (r = reader.next()) != null; ) records.add(r);
      return new Read(reader.recordsPath(), reader.fields(), records);
    }
  }

  @Test
  void corpora_countries_are_found_under_their_key_with_empty_strings_kept() throws IOException {
    Read read = read("corpora-countries-with-capitals.json");

    assertThat(read.recordsPath()).isEqualTo("countries");
    assertThat(read.fields()).containsExactly("name", "capital");
    assertThat(read.records()).hasSize(197);
    assertThat(read.records().get(0).line()).isEqualTo(4);
    assertThat(read.value(23, "capital")).isEqualTo("Bras\u00edlia");

    ImportSummary summary =
        run(
            "corpora-countries-with-capitals.json",
            """
        source: { format: json }
        target: { schema: %s, table: countries }
        columns: [ { source: name, name: country }, { source: capital } ]
        """);

    assertThat(summary.rowsInserted()).isEqualTo(197);
    assertThat(
            TestDatabase.query(
                "SELECT country, capital FROM "
                    + schema
                    + ".countries WHERE country IN "
                    + "('Moldova', 'Solomon Islands', 'North Korea', 'Zimbabwe') ORDER BY country"))
        .containsExactly(
            Map.of("country", "Moldova", "capital", "Chi\u015fin\u0103u"),
            Map.of("country", "North Korea", "capital", "Pyongyang"),
            Map.of("country", "Solomon Islands", "capital", ""),
            Map.of("country", "Zimbabwe", "capital", "Harare"));
  }

  @Test
  void bart_stations_geojson_imports_with_typed_properties_and_jsonb_coordinates() {
    ImportSummary summary =
        run(
            "loaders-gl-bart-stations.geojson",
            """
        source: { format: json, json: { recordsPath: features } }
        target: { schema: %s, table: stations }
        columns:
          - { source: properties.code, name: code }
          - { source: properties.name, name: name }
          - { source: properties.address, name: address }
          - { source: properties.entries, name: entries, type: integer }
          - { source: properties.latitude, name: latitude, type: "numeric(9,6)" }
          - { source: geometry.coordinates, name: coordinates, type: jsonb }
          - { source: geometry, name: geometry, type: jsonb }
        """);

    assertThat(summary.rowsInserted()).isEqualTo(22);
    assertThat(
            TestDatabase.query(
                "SELECT name, address, entries, latitude, coordinates->>0 AS lon, geometry->>'type' AS kind FROM "
                    + schema
                    + ".stations WHERE code = 'HY'"))
        .containsExactly(
            Map.of(
                "name",
                "Hayward (HAYW)",
                "address",
                "699 \"B\" Street, Hayward CA 94541",
                "entries",
                4958,
                "latitude",
                new BigDecimal("37.670399"),
                "lon",
                "-122.087967",
                "kind",
                "Point"));
    assertThat(TestDatabase.query("SELECT latitude FROM " + schema + ".stations WHERE code = '19'"))
        .containsExactly(Map.of("latitude", new BigDecimal("37.807870")));
  }

  @Test
  void
      natural_earth_points_flatten_with_every_script_and_the_top_level_bbox_is_not_taken_for_records()
          throws IOException {
    Read read = read("natural-earth-elevation-points.geojson");

    assertThat(read.recordsPath()).isEqualTo("features");
    assertThat(read.records()).hasSize(4);
    assertThat(read.fields())
        .startsWith("type", "properties.scalerank", "properties.featurecla", "properties.name")
        .contains("properties.name_zh", "bbox", "geometry.coordinates")
        .doesNotContain("crs.type", "name");
    assertThat(read.value(0, "properties.name_zh")).isEqualTo("\u73e0\u7a46\u6717\u746a\u5cf0");
    assertThat(read.value(0, "properties.lat_y")).isEqualTo("27.980475165");
    assertThat(read.value(2, "properties.name_ar")).isNull();
    assertThat(read.value(3, "properties.elevation")).isEqualTo("-154");
    assertThat(read.value(3, "bbox")).isEqualTo("[89.34012,42.768685,89.34012,42.768685]");

    ImportSummary summary =
        run(
            "natural-earth-elevation-points.geojson",
            """
        source: { format: json }
        target: { schema: %s, table: peaks }
        columns:
          - { source: properties.name, name: name }
          - { source: properties.elevation, name: elevation, type: integer }
          - { source: properties.name_ja, name: name_ja }
          - { source: properties.name_hi, name: name_hi }
          - { source: bbox, name: bbox, type: jsonb }
        """);

    assertThat(summary.rowsInserted()).isEqualTo(4);
    assertThat(
            TestDatabase.query(
                "SELECT name, elevation, name_ja, name_hi, bbox->>1 AS lat FROM "
                    + schema
                    + ".peaks ORDER BY elevation"))
        .extracting(
            r ->
                r.get("name")
                    + "|"
                    + r.get("elevation")
                    + "|"
                    + r.get("name_ja")
                    + "|"
                    + r.get("name_hi")
                    + "|"
                    + r.get("lat"))
        .containsExactly(
            "Turpan Depression|-154|\u30c8\u30eb\u30d5\u30a1\u30f3\u76c6\u5730|\u0924\u0941\u0930\u092b\u093c\u093e\u0928 \u0926\u094d\u0930\u094b\u0923\u0940|42.768685",
            "Vinson Massif|4892|null|null|-78.529362",
            "Mt. Kilimanjaro|5895|\u30ad\u30ea\u30de\u30f3\u30b8\u30e3\u30ed|\u0915\u093f\u0932\u093f\u092e\u0902\u091c\u093e\u0930\u094b|-3.075715",
            "Mt. Everest|8848|\u30a8\u30d9\u30ec\u30b9\u30c8|\u090f\u0935\u0930\u0947\u0938\u094d\u091f \u092a\u0930\u094d\u0935\u0924|27.980481");
  }

  @Test
  void loaders_gl_ndjson_imports_every_line() {
    ImportSummary summary =
        run(
            "loaders-gl-points.ndjson",
            """
        source: { format: json }
        target: { schema: %s, table: points }
        columns: [ { source: id, type: integer }, { source: points, name: wkt } ]
        """);

    assertThat(summary.rowsInserted()).isEqualTo(11);
    assertThat(TestDatabase.query("SELECT wkt FROM " + schema + ".points WHERE id = 10"))
        .containsExactly(Map.of("wkt", "POINT(-74.1736845958281 42.8112860241873)"));
  }

  @Test
  void loaders_gl_invalid_ndjson_is_refused_at_its_bad_line_and_nothing_is_written() {
    assertThatThrownBy(
            () ->
                run(
                    "loaders-gl-points-invalid.ndjson",
                    """
        source: { format: json }
        target: { schema: %s, table: points }
        columns: [ { source: id, type: integer }, { source: points, name: wkt } ]
        """))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith(
            "loaders-gl-points-invalid.ndjson: malformed JSON at line 9, column 1: Unexpected character ('<'");
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".points') AS t").get(0).get("t"))
        .isNull();
  }
}
