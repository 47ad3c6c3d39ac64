package io.datamapper.format.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.datamapper.format.BadFileException;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.Conformance;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON files through the whole import: mapping, coercion, binary COPY, ledger. */
class JsonImportTest {
  @TempDir Path dir;
  private ImportFixture fx;
  private String schema;
  private Importer importer;
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "json");
    schema = fx.schema();
    importer = fx.importer();
    ledger = new Ledger(TestDatabase.dataSource());
  }

  private Path write(String name, String content) {
    return fx.write(name, content);
  }

  private ImportSummary run(Path file, String mapping) {
    return importer.run(
        ImportRequest.of(ImportSource.of(file), MappingReader.parse(mapping, "test.yaml")));
  }

  private static final String CITIES =
      """
      {"type": "FeatureCollection",
       "features": [
         {"type": "Feature", "id": 1,
          "properties": {"name": "Z\\u00fcrich", "population": 421878, "tags": ["lake", "banks"], "capital": false},
          "geometry": {"type": "Point", "coordinates": [8.5417, 47.3769]}},
         {"type": "Feature", "id": 2,
          "properties": {"name": "Bern", "population": 134794, "capital": true},
          "geometry": {"type": "Point", "coordinates": [7.4474, 46.948]}},
         {"type": "Feature", "id": 3,
          "properties": {"name": "Nowhere", "population": null},
          "geometry": null}
       ]}
      """;

  private String citiesMapping(String path, String extra) {
    return """
        source: { format: json%s }
        target: { schema: %s, table: cities }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: properties.name, name: name }
          - { source: properties.population, name: population, type: integer }
          - { source: properties.capital, name: capital, type: boolean }
          - { source: properties.tags, name: tags, type: jsonb }
          - { source: geometry.coordinates, name: coordinates, type: jsonb }
          - { source: geometry, name: geometry, type: jsonb }
        %s
        """
        .formatted(path == null ? "" : ", json: { recordsPath: " + path + " }", schema, extra);
  }

  @Test
  void imports_the_features_of_a_geojson_file_with_flattened_fields_and_jsonb_columns()
      throws IOException {
    ImportSummary summary = run(write("cities.geojson", CITIES), citiesMapping("features", ""));

    assertThat(summary.rowsInserted()).isEqualTo(3);
    List<Map<String, Object>> rows =
        TestDatabase.query(
            "SELECT id, name, population, capital, tags::text AS tags, "
                + "coordinates::text AS coordinates, geometry->>'type' AS gtype FROM "
                + schema
                + ".cities ORDER BY id");
    assertThat(rows.get(0))
        .containsEntry("name", "Z\u00fcrich")
        .containsEntry("population", 421878)
        .containsEntry("capital", false)
        .containsEntry("tags", "[\"lake\", \"banks\"]")
        .containsEntry("coordinates", "[8.5417, 47.3769]")
        .containsEntry("gtype", "Point");
    assertThat(rows.get(1)).containsEntry("tags", null).containsEntry("capital", true);
    assertThat(rows.get(2))
        .containsEntry("population", null)
        .containsEntry("coordinates", null)
        .containsEntry("gtype", null);
    ImportRecord record = ledger.find(summary.importId()).orElseThrow();
    assertThat(record.status()).isEqualTo("succeeded");
    assertThat(record.rowsRead()).isEqualTo(3);
  }

  @Test
  void finds_the_features_without_a_records_path() throws IOException {
    assertThat(run(write("cities.json", CITIES), citiesMapping(null, "")).rowsInserted())
        .isEqualTo(3);
  }

  @Test
  void imports_json_lines_with_numbers_exactly_as_written() throws IOException {
    Path file =
        write(
            "events.jsonl",
            """
        {"id": 1, "amount": 0.1, "big": 123456789012345678901234567890.125, "at": "2024-03-01T10:00:00Z", "user": {"name": "ada"}}
        {"id": 2, "amount": 1e2, "big": -5, "at": "2024-03-02T11:30:00Z", "user": {"name": "bob", "vip": true}}
        """);
    String mapping =
        """
        source: { format: json }
        target: { schema: %s, table: events }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: amount, name: amount, type: numeric }
          - { source: big, name: big, type: numeric }
          - { source: at, name: at, type: timestamptz }
          - { source: user.name, name: user_name }
          - { source: user.vip, name: vip, type: boolean }
          - { source: user, name: user_json, type: jsonb }
        """
            .formatted(schema);

    run(file, mapping);

    List<Map<String, Object>> rows =
        TestDatabase.query(
            "SELECT amount, big, user_name, vip, user_json->>'name' AS n FROM "
                + schema
                + ".events ORDER BY id");
    assertThat(rows.get(0))
        .containsEntry("amount", new BigDecimal("0.1"))
        .containsEntry("big", new BigDecimal("123456789012345678901234567890.125"))
        .containsEntry("user_name", "ada")
        .containsEntry("vip", null)
        .containsEntry("n", "ada");
    assertThat(rows.get(1))
        .containsEntry("amount", new BigDecimal("100"))
        .containsEntry("vip", true);
  }

  @Test
  void a_bad_value_is_rejected_with_the_record_rebuilt_as_json() throws IOException {
    Path file =
        write(
            "people.json",
            """
        [
          {"id": 1, "born": "1815-12-10", "name": {"first": "Ada"}},
          {"id": 2, "born": "not a date", "name": {"first": "Alan"}},
          {"id": 3, "born": "1906-12-09", "name": {"first": "Grace"}}
        ]
        """);
    String mapping =
        """
        source: { format: json }
        target: { schema: %s, table: people }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: born, name: born, type: date }
          - { source: name.first, name: first_name }
        policies: { badRows: { mode: skip } }
        """
            .formatted(schema);

    ImportSummary summary = run(file, mapping);

    assertThat(summary.rowsInserted()).isEqualTo(2);
    RejectRecord reject = ledger.rejects(summary.importId(), 10).get(0);
    assertThat(reject.recordNumber()).isEqualTo(2);
    assertThat(reject.lineNumber()).isEqualTo(3);
    assertThat(reject.raw())
        .isEqualTo("{\"id\":2,\"born\":\"not a date\",\"name\":{\"first\":\"Alan\"}}");
  }

  @Test
  void a_requested_field_that_no_record_has_loads_as_null() throws IOException {
    Path file = write("x.json", "[{\"a\": {\"b\": 1}}]");

    run(
        file,
        "source: { format: json }\ntarget: { schema: %s, table: t }\ncolumns: [ { source: a.b, name: b, type: bigint }, { source: a.c, name: c, type: bigint } ]"
            .formatted(schema));

    assertThat(TestDatabase.query("SELECT b, c FROM " + schema + ".t"))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("b", 1L).containsEntry("c", null));
  }

  // --- hostile input: a clear error, nothing written, the JVM alive ---

  private static final String NAMES_MAPPING =
      """
      source: { format: json }
      target: { schema: %s, table: names }
      columns: [ { source: name, name: name } ]
      """;

  private void assertRefusedLeavingTheTableAlone(ImportSource source, String... messageParts) {
    TestDatabase.execute(
        "CREATE TABLE IF NOT EXISTS " + schema + ".names (name text, _import_id bigint)");
    TestDatabase.execute("TRUNCATE " + schema + ".names");
    TestDatabase.execute("INSERT INTO " + schema + ".names (name) VALUES ('before')");
    var mapping = MappingReader.parse(NAMES_MAPPING.formatted(schema), "m");

    Throwable thrown =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                org.assertj.core.api.Assertions.catchThrowable(
                    () -> importer.run(ImportRequest.of(source, mapping))));

    assertThat(thrown).isInstanceOf(BadFileException.class);
    for (String part : messageParts) assertThat(thrown).hasMessageContaining(part);
    assertThat(TestDatabase.query("SELECT name FROM " + schema + ".names"))
        .containsExactly(Map.of("name", "before"));
    assertThat(ledger.list(1).get(0).status()).isEqualTo("failed");
  }

  @Test
  void a_truncated_document_is_refused() throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 5000; i++) json.append("{\"name\": \"n").append(i).append("\"},\n");
    json.append("{\"name\": \"cut");

    assertRefusedLeavingTheTableAlone(
        ImportSource.of(write("cut.json", json.toString())),
        "cut.json: malformed JSON at line 5001, column",
        "Unexpected end-of-input");
  }

  @Test
  void a_nesting_bomb_fails_fast_at_the_depth_limit() throws IOException {
    String bomb = "[{\"name\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}]";

    assertRefusedLeavingTheTableAlone(
        ImportSource.of(write("bomb.json", bomb)),
        "bomb.json: the JSON at line 1, column",
        "is nested more than 200 levels deep; the limit is 200 (datamapper.limits.max-nesting-depth)");
  }

  @Test
  void an_endless_string_fails_at_the_string_limit_without_running_out_of_memory() {
    ImportSource endless =
        new ImportSource(
            "endless.json",
            "test:endless",
            -1,
            () ->
                new SequenceInputStream(
                    new java.io.ByteArrayInputStream(
                        "[{\"name\":\"".getBytes(StandardCharsets.US_ASCII)),
                    new EndlessInput((byte) 'x')),
            null);

    assertRefusedLeavingTheTableAlone(
        endless,
        "endless.json: the string at line 1, column",
        "is longer than 16,777,216 characters; the limit is 16 MB (datamapper.limits.max-value-size)");
  }

  @Test
  void nul_bytes_are_refused() throws IOException {
    Path file = dir.resolve("nul.json");
    Files.write(
        file, "[{\"name\": \"a\"},\n{\"name\": \"b\u0000c\"}]".getBytes(StandardCharsets.UTF_8));

    assertRefusedLeavingTheTableAlone(
        ImportSource.of(file), "nul.json: malformed JSON at line 2, column", "CTRL-CHAR, code 0");
  }

  @Test
  void invalid_utf8_is_refused() throws IOException {
    Path file = dir.resolve("latin1.json");
    Files.write(
        file,
        "[{\"name\": \"ok\"}, {\"name\": \"Z\u00fcrich\"}]".getBytes(StandardCharsets.ISO_8859_1));

    assertRefusedLeavingTheTableAlone(
        ImportSource.of(file),
        "latin1.json: malformed JSON at line 1, column",
        "Invalid UTF-8",
        "set source.encoding");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "n_array_extra_comma.json",
        "n_structure_double_array.json",
        "n_object_trailing_comment.json",
        "n_structure_100000_opening_arrays.json",
        "n_string_unescaped_newline.json",
        "n_structure_no_data.json",
        "n_structure_object_with_trailing_garbage.json"
      })
  void an_invalid_document_of_the_json_test_suite_writes_nothing(String name) {
    Path file = Conformance.root().resolve("JSONTestSuite/test_parsing").resolve(name);

    assertRefusedLeavingTheTableAlone(ImportSource.of(file), name, " at line ");
  }

  /** An endless run of one byte, produced as read. */
  static final class EndlessInput extends InputStream {
    private final byte fill;

    EndlessInput(byte fill) {
      this.fill = fill;
    }

    @Override
    public int read() {
      return fill;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, fill);
      return len;
    }
  }
}
