package io.datamapper.format.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.mapping.JsonOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

  /** The records as field → value maps (absent and null fields left out). */
  static List<Map<String, String>> rows(JsonRecordReader reader) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    RawRecord r;
    while ((r = reader.next()) != null) {
      assertThat(r.values()).hasSize(reader.fields().size());
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < r.values().length; i++) {
        if (r.values()[i] != null) row.put(reader.fields().get(i), r.values()[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  static JsonRecordReader open(
      byte[] bytes, String encoding, String recordsPath, String fileName, List<String> requested)
      throws IOException {
    return new JsonRecordReader(
        new ByteArrayInputStream(bytes),
        encoding,
        recordsPath == null ? null : new JsonOptions(recordsPath),
        fileName,
        requested);
  }

  static JsonRecordReader open(String json) throws IOException {
    return open(json.getBytes(StandardCharsets.UTF_8), null, null, "test.json", List.of());
  }

  static List<Map<String, String>> read(String json) throws IOException {
    try (JsonRecordReader reader = open(json)) {
      return rows(reader);
    }
  }

  @Test
  void reads_the_objects_of_a_top_level_array() throws IOException {
    try (JsonRecordReader reader =
        open("[{\"id\": 1, \"name\": \"Ada\"}, {\"id\": 2, \"name\": \"Alan\"}]")) {
      assertThat(reader.fields()).containsExactly("id", "name");
      assertThat(reader.recordsPath()).isEmpty();
      assertThat(rows(reader))
          .containsExactly(Map.of("id", "1", "name", "Ada"), Map.of("id", "2", "name", "Alan"));
    }
  }

  @Test
  void reads_json_lines_one_object_per_line() throws IOException {
    String ndjson = "{\"id\":1,\"tag\":\"a\"}\n{\"id\":2,\"tag\":\"b\"}\r\n\n{\"id\":3}\n";

    try (JsonRecordReader reader = open(ndjson)) {
      List<RawRecord> records = new ArrayList<>();
      for (RawRecord r; (r = reader.next()) != null; ) records.add(r);
      assertThat(reader.fields()).containsExactly("id", "tag");
      assertThat(records).extracting(RawRecord::number).containsExactly(1L, 2L, 3L);
      assertThat(records).extracting(RawRecord::line).containsExactly(1L, 2L, 4L);
      assertThat(records.get(2).values()).containsExactly("3", null);
    }
  }

  @Test
  void a_jsonl_file_is_read_line_by_line_even_when_its_first_object_holds_an_array_of_objects()
      throws IOException {
    String jsonl = "{\"id\":1,\"items\":[{\"sku\":\"a\"}]}\n";

    try (JsonRecordReader reader =
        open(jsonl.getBytes(StandardCharsets.UTF_8), null, null, "orders.jsonl.gz", List.of())) {
      assertThat(rows(reader)).containsExactly(Map.of("id", "1", "items", "[{\"sku\":\"a\"}]"));
    }
    assertThat(read(jsonl + jsonl)).hasSize(2);
  }

  @Test
  void reads_the_records_under_a_records_path() throws IOException {
    String json =
        """
        {"meta": {"page": 1, "tags": [{"t": 1}]},
         "data": {"count": 2, "items": [{"id": "a"}, {"id": "b"}], "after": [{"x": 1}]},
         "links": {"next": null}}
        """;

    try (JsonRecordReader reader =
        open(json.getBytes(StandardCharsets.UTF_8), null, "data.items", "api.json", List.of())) {
      assertThat(reader.recordsPath()).isEqualTo("data.items");
      assertThat(rows(reader)).containsExactly(Map.of("id", "a"), Map.of("id", "b"));
    }
  }

  @Test
  void a_records_path_may_start_with_a_dollar_and_has_no_empty_keys() throws IOException {
    byte[] json = "{\"data\":{\"items\":[{\"id\":1}]}}".getBytes(StandardCharsets.UTF_8);
    try (JsonRecordReader reader = open(json, null, "$.data.items", "x.json", List.of())) {
      assertThat(reader.recordsPath()).isEqualTo("data.items");
      assertThat(rows(reader)).containsExactly(Map.of("id", "1"));
    }
    assertThatThrownBy(() -> open(json, null, "data..items", "x.json", List.of()))
        .isInstanceOf(io.datamapper.mapping.MappingException.class)
        .hasMessageContaining("source.json.recordsPath 'data..items' has an empty key");
  }

  @Test
  void a_records_path_applies_to_each_top_level_object_in_turn() throws IOException {
    String pages = "{\"items\":[{\"n\":1},{\"n\":2}]}\n{\"items\":[{\"n\":3}]}\n";

    try (JsonRecordReader reader =
        open(pages.getBytes(StandardCharsets.UTF_8), null, "items", "pages.json", List.of())) {
      assertThat(rows(reader)).extracting(r -> r.get("n")).containsExactly("1", "2", "3");
    }
  }

  @Test
  void finds_the_one_array_of_objects_in_a_lone_top_level_object() throws IOException {
    String geojson =
        """
        {"type": "FeatureCollection",
         "features": [
           {"type": "Feature", "properties": {"name": "A"}, "geometry": {"type": "Point", "coordinates": [1.5, 2]}},
           {"type": "Feature", "properties": {"name": "B"}, "geometry": null}
         ]}
        """;

    try (JsonRecordReader reader = open(geojson)) {
      assertThat(reader.recordsPath()).isEqualTo("features");
      assertThat(reader.fields())
          .containsExactly(
              "type", "properties.name", "geometry.type", "geometry.coordinates", "geometry");
      List<Map<String, String>> rows = rows(reader);
      assertThat(rows.get(0))
          .containsEntry("properties.name", "A")
          .containsEntry("geometry.coordinates", "[1.5,2]");
      assertThat(rows.get(1))
          .containsOnly(Map.entry("type", "Feature"), Map.entry("properties.name", "B"));
    }
    try (JsonRecordReader reader = open("{\"data\":{\"items\":[{\"id\":7}]},\"total\":1}")) {
      assertThat(reader.recordsPath()).isEqualTo("data.items");
      assertThat(rows(reader)).containsExactly(Map.of("id", "7"));
    }
  }

  @Test
  void a_lone_object_without_exactly_one_array_of_objects_is_one_record() throws IOException {
    assertThat(read("{\"items\": [1, 2]}")).containsExactly(Map.of("items", "[1,2]"));
    assertThat(read("{\"a\": 1, \"b\": [1, 2]}")).containsExactly(Map.of("a", "1", "b", "[1,2]"));
    assertThat(read("{\"users\": [{\"id\": 1}], \"groups\": [{\"id\": 2}]}"))
        .containsExactly(Map.of("users", "[{\"id\":1}]", "groups", "[{\"id\":2}]"));
    assertThat(read("{\"a\":{\"b\":{\"c\":{\"deep\":[{\"x\":1}]}}}}"))
        .as("deeper than three keys is not looked at")
        .containsExactly(Map.of("a.b.c.deep", "[{\"x\":1}]"));
    try (JsonRecordReader reader =
        open("{\"a\":1}".getBytes(StandardCharsets.UTF_8), null, "", "x.json", List.of())) {
      assertThat(reader.recordsPath()).isEmpty();
    }
  }

  @Test
  void flattens_nested_objects_and_keeps_arrays_as_compact_json() throws IOException {
    String json =
        """
        [{"id": 1,
          "customer": {"name": "Ada", "address": {"city": "London", "zip": null}},
          "tags": ["a", "b\\"c"],
          "lines": [ {"sku": "x", "qty": 2}, {"sku": "y", "qty": 1.50} ],
          "empty": {},
          "none": []}]
        """;

    try (JsonRecordReader reader = open(json)) {
      assertThat(reader.fields())
          .containsExactly(
              "id",
              "customer.name",
              "customer.address.city",
              "customer.address.zip",
              "tags",
              "lines",
              "none");
      RawRecord r = reader.next();
      assertThat(r.values())
          .containsExactly(
              "1",
              "Ada",
              "London",
              null,
              "[\"a\",\"b\\\"c\"]",
              "[{\"sku\":\"x\",\"qty\":2},{\"sku\":\"y\",\"qty\":1.50}]",
              "[]");
    }
  }

  @Test
  void a_requested_field_naming_an_object_gets_its_json_text() throws IOException {
    String json =
        "[{\"id\":1,\"address\":{\"city\":\"Paris\",\"geo\":{\"lat\":48.85}}},{\"id\":2,\"address\":\"unknown\"}]";

    try (JsonRecordReader reader =
        open(
            json.getBytes(StandardCharsets.UTF_8),
            null,
            null,
            "x.json",
            List.of("address", "address.geo"))) {
      assertThat(reader.fields())
          .containsExactly("id", "address", "address.city", "address.geo", "address.geo.lat");
      assertThat(reader.next().values())
          .containsExactly(
              "1",
              "{\"city\":\"Paris\",\"geo\":{\"lat\":48.85}}",
              "Paris",
              "{\"lat\":48.85}",
              "48.85");
      assertThat(reader.next().values()).containsExactly("2", "unknown", null, null, null);
    }
  }

  @Test
  void takes_the_union_of_fields_in_order_of_first_appearance_and_adds_requested_fields()
      throws IOException {
    String json = "[{\"a\":1},{\"b\":2,\"a\":3},{\"c\":{\"d\":true}}]";

    try (JsonRecordReader reader =
        open(
            json.getBytes(StandardCharsets.UTF_8),
            null,
            null,
            "x.json",
            List.of("c.d", "zzz", "A"))) {
      assertThat(reader.fields())
          .as("'A' matches 'a' ignoring case, as the mapping does")
          .containsExactly("a", "b", "c.d", "zzz");
      assertThat(rows(reader))
          .containsExactly(Map.of("a", "1"), Map.of("a", "3", "b", "2"), Map.of("c.d", "true"));
    }
  }

  @Test
  void ignores_fields_that_first_appear_after_the_sample_unless_requested() throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < JsonRecordReader.SAMPLE_RECORDS; i++)
      json.append("{\"n\":").append(i).append("},");
    json.append("{\"n\":-1,\"late\":\"x\",\"later\":{\"y\":1}}]");

    try (JsonRecordReader reader = open(json.toString())) {
      assertThat(reader.fields()).containsExactly("n");
      assertThat(rows(reader))
          .hasSize(JsonRecordReader.SAMPLE_RECORDS + 1)
          .last()
          .isEqualTo(Map.of("n", "-1"));
    }
    try (JsonRecordReader reader =
        open(
            json.toString().getBytes(StandardCharsets.UTF_8),
            null,
            null,
            "x.json",
            List.of("later.y"))) {
      assertThat(reader.fields()).containsExactly("n", "later.y");
      assertThat(rows(reader)).last().isEqualTo(Map.of("n", "-1", "later.y", "1"));
    }
  }

  @Test
  void gives_numbers_exactly_as_written() throws IOException {
    String json =
        "[{\"a\":0.1,\"b\":1e400,\"c\":123456789012345678901234567890,\"d\":-0.0,\"e\":1E-7,\"f\":true,\"g\":false,\"h\":null}]";

    try (JsonRecordReader reader = open(json)) {
      assertThat(reader.next().values())
          .containsExactly(
              "0.1",
              "1e400",
              "123456789012345678901234567890",
              "-0.0",
              "1E-7",
              "true",
              "false",
              null);
    }
  }

  @Test
  void keeps_dotted_keys_as_they_are() throws IOException {
    assertThat(read("[{\"a.b\":1,\"c\":{\"d.e\":2}}]"))
        .containsExactly(Map.of("a.b", "1", "c.d.e", "2"));
    assertThat(read("[{\"a.b\":1},{\"a\":{\"b\":2}}]"))
        .as("one field, two spellings")
        .containsExactly(Map.of("a.b", "1"), Map.of("a.b", "2"));
  }

  @Test
  void detects_utf8_with_bom_and_utf16_and_honours_an_encoding_override() throws IOException {
    String json = "[{\"city\":\"Z\u00fcrich\",\"emoji\":\"\uD83D\uDE00\"}]";
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = Arrays.copyOf(bom, bom.length + utf8.length);
    System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);
    byte[] utf16le = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_16LE);
    byte[] utf16be = json.getBytes(StandardCharsets.UTF_16BE);

    for (byte[] bytes : List.of(withBom, utf16le, utf16be)) {
      try (JsonRecordReader reader = open(bytes, null, null, "x.json", List.of())) {
        assertThat(rows(reader))
            .containsExactly(Map.of("city", "Z\u00fcrich", "emoji", "\uD83D\uDE00"));
      }
    }
    byte[] latin =
        "[{\"city\":\"S\u00e3o Paulo \u20ac\"}]".getBytes(Charset.forName("windows-1252"));
    try (JsonRecordReader reader = open(latin, "windows-1252", null, "x.json", List.of())) {
      assertThat(rows(reader)).containsExactly(Map.of("city", "S\u00e3o Paulo \u20ac"));
    }
    assertThatThrownBy(() -> open(latin, null, null, "latin.json", List.of()).close())
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("latin.json: malformed JSON at line 1, column")
        .hasMessageContaining("set source.encoding");
  }

  @Test
  void rebuilds_a_record_as_json_for_the_reject_store() throws IOException {
    String json =
        "[{\"id\":7,\"name\":\"Ada \\\"A\\\"\",\"ok\":true,\"address\":{\"city\":\"Paris\"},\"tags\":[1,2],\"gone\":null}]";

    try (JsonRecordReader reader =
        open(json.getBytes(StandardCharsets.UTF_8), null, null, "x.json", List.of("address"))) {
      RawRecord r = reader.next();
      assertThat(reader.raw(r))
          .isEqualTo(
              "{\"id\":7,\"name\":\"Ada \\\"A\\\"\",\"ok\":true,\"address\":{\"city\":\"Paris\"},\"tags\":[1,2]}");
    }
    try (JsonRecordReader reader = open("[{\"a\":{\"b\":\"x\",\"c\":{\"d\":\"1.5\"}}}]")) {
      assertThat(reader.raw(reader.next())).isEqualTo("{\"a\":{\"b\":\"x\",\"c\":{\"d\":1.5}}}");
    }
  }

  @Test
  void an_empty_array_has_no_records_and_only_the_requested_fields() throws IOException {
    try (JsonRecordReader reader =
        open("[]".getBytes(StandardCharsets.UTF_8), null, null, "x.json", List.of("id"))) {
      assertThat(reader.fields()).containsExactly("id");
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void refuses_a_top_level_without_objects_saying_it_has_no_records() {
    assertThatThrownBy(() -> read("42"))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "test.json has no records: the top level is a number, not objects "
                + "(a JSON file holds an array of objects, an object, or one object per line)");
    assertThatThrownBy(() -> read("[\"a\", \"b\"]"))
        .hasMessage("test.json has no records: the top level is an array of strings, not objects");
    assertThatThrownBy(
            () ->
                open(
                    "{\"items\": 5}".getBytes(StandardCharsets.UTF_8),
                    null,
                    "items",
                    "x.json",
                    List.of()))
        .hasMessage(
            "x.json has no records at \"items\": \"items\" (line 1) is a number, not an array of objects");
    assertThatThrownBy(
            () ->
                open(
                    "{\"data\": {\"a\": 1, \"b\": 2}}".getBytes(StandardCharsets.UTF_8),
                    null,
                    "data.items",
                    "x.json",
                    List.of()))
        .hasMessage(
            "x.json has no records at \"data.items\": the object at line 1 has no key \"items\" (its keys: \"a\", \"b\")");
    assertThatThrownBy(
            () -> open("[{}]".getBytes(StandardCharsets.UTF_8), null, "items", "x.json", List.of()))
        .hasMessageContaining("x.json has no records at \"items\": the top level is an array");
  }

  @Test
  void refuses_a_record_that_is_not_an_object_naming_its_number_and_position() {
    assertThatThrownBy(() -> read("[{\"a\":1},\n {\"a\":2},\n 3]"))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "test.json: record 3 at line 3, column 2 is a number, not an object; every element of the array of records must be an object");
    assertThatThrownBy(() -> read("{\"a\":1}\n[1]\n"))
        .hasMessageStartingWith(
            "test.json: record 2 at line 2, column 1 is an array, not an object");
  }

  @Test
  void refuses_malformed_json_naming_line_and_column() {
    assertThatThrownBy(() -> read("[{\"a\":1},\n {\"a\": tru}]"))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith("test.json: malformed JSON at line 2, column ")
        .hasMessageContaining("Unrecognized token 'tru'");
    assertThatThrownBy(() -> read("[{\"a\":1}][]"))
        .hasMessageStartingWith(
            "test.json: malformed JSON at line 1, column 10: more content follows the top-level array");
    assertThatThrownBy(() -> read(""))
        .hasMessageStartingWith("test.json: malformed JSON at line 1, column 1: the file is empty");
  }

  @Test
  void
      a_lone_object_larger_than_the_sample_is_read_as_the_array_of_objects_found_in_its_first_megabyte()
          throws IOException {
    StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"type\":\"Feature\",\"properties\":{\"n\":")
          .append(i)
          .append(",\"label\":\"feature number ")
          .append(i)
          .append("\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}");
    }
    json.append("],\"later\":[{\"not\":\"records\"}]}");
    assertThat(json.length()).isGreaterThan(2 * JsonRecordReader.SAMPLE_BYTES);

    try (JsonRecordReader reader = open(json.toString())) {
      assertThat(reader.recordsPath()).isEqualTo("features");
      List<Map<String, String>> rows = rows(reader);
      assertThat(rows).hasSize(n);
      assertThat(rows.get(n - 1)).containsEntry("properties.n", String.valueOf(n - 1));
    }
  }

  @Test
  void detects_where_the_records_are_in_a_sample_cut_anywhere() throws IOException {
    assertThat(detect("{\"type\":\"FeatureCollection\",\"features\":[{\"a\":1},{\"a\":"))
        .isEqualTo("features");
    assertThat(detect("{\"meta\":{\"n\":2},\"data\":{\"items\":[{\"x\":1}]}}"))
        .isEqualTo("data.items");
    assertThat(detect("[{\"a\":1},{\"a")).isEmpty();
    assertThat(detect("{\"a\":[{\"b\":1}]}\n{\"a\":[]}\n")).as("JSON Lines").isEmpty();
    assertThat(detect("{\"a\":1,\"b\":[1,2]}")).as("one record").isEmpty();
    assertThat(detect("42")).isNull();
    assertThat(detect("<xml/>")).isNull();
  }

  private static String detect(String sample) throws IOException {
    var in = new ByteArrayInputStream(sample.getBytes(StandardCharsets.UTF_8));
    String path = JsonRecordReader.detectRecordsPath(in, null);
    assertThat(in.read()).as("the sample stays open").isGreaterThanOrEqualTo(-1);
    return path;
  }

  @Test
  void lists_at_most_the_postgresql_column_limit_of_fields_plus_the_requested_ones()
      throws IOException {
    StringBuilder json = new StringBuilder("[{");
    for (int i = 0; i < 2000; i++)
      json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    json.append("}]");

    try (JsonRecordReader reader =
        open(
            json.toString().getBytes(StandardCharsets.UTF_8),
            null,
            null,
            "wide.json",
            List.of("k1999"))) {
      assertThat(reader.fields())
          .hasSize(JsonRecordReader.MAX_FIELDS + 1)
          .endsWith("k1599", "k1999");
      assertThat(reader.next().values()).endsWith("1599", "1999");
    }
  }

  @Test
  void reads_records_nested_to_the_depth_limit_and_refuses_one_level_more() throws IOException {
    int objects = JsonRecordReader.MAX_NESTING_DEPTH - 1; // inside the top-level array
    String deep = "[" + "{\"a\":".repeat(objects) + "1" + "}".repeat(objects) + "]";
    try (JsonRecordReader reader = open(deep)) {
      assertThat(reader.fields())
          .containsExactly(String.join(".", java.util.Collections.nCopies(objects, "a")));
    }

    String deeper = "[" + "{\"a\":".repeat(objects + 1) + "1" + "}".repeat(objects + 1) + "]";
    assertThatThrownBy(() -> read(deeper))
        .isInstanceOf(BadFileException.class)
        .hasMessageMatching(
            "test.json: the JSON at line 1, column 99\\d is nested more than 200 levels deep; "
                + "the limit is 200 \\(datamapper.limits.max-nesting-depth\\)\\. If the file is genuine, raise the setting\\.");
  }
}
