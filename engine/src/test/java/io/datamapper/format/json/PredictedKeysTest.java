package io.datamapper.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import io.datamapper.mapping.JsonOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reader matches each key against the key at the same position of the last record (the parser
 * compares bytes); these tests read the same input that way and the general way (every key decoded
 * and looked up) and expect the same fields, records, lines and errors.
 */
class PredictedKeysTest {

  /** What a reader made of an input: its fields, records and the error it ended with, if any. */
  private record Outcome(List<String> fields, List<String> sampled, List<String> records) {}

  private static Outcome read(
      byte[] bytes,
      String fileName,
      String path,
      List<String> requested,
      ReadLimits limits,
      boolean predict,
      boolean flat) {
    List<String> records = new ArrayList<>();
    List<String> fields = List.of();
    List<String> sampled = List.of();
    try (JsonRecordReader reader =
        new JsonRecordReader(
            new ByteArrayInputStream(bytes),
            null,
            path == null ? null : new JsonOptions(path),
            fileName,
            requested,
            limits,
            predict,
            flat)) {
      fields = reader.fields();
      sampled = reader.sampledFields();
      for (RawRecord r; (r = reader.next()) != null; ) {
        records.add(r.number() + "@" + r.line() + " " + Arrays.toString(r.values()));
        records.add(reader.raw(r));
      }
    } catch (IOException | RuntimeException e) {
      records.add(e.getClass().getName() + ": " + e.getMessage());
    }
    return new Outcome(fields, sampled, records);
  }

  /** Reads both ways, checks they agree and returns the outcome. */
  private static Outcome same(
      byte[] bytes, String fileName, String path, List<String> requested, ReadLimits limits) {
    Outcome general = read(bytes, fileName, path, requested, limits, false, false);
    Outcome predicted = read(bytes, fileName, path, requested, limits, true, false);
    Outcome fast = read(bytes, fileName, path, requested, limits, true, true);
    assertThat(predicted).as(fileName).isEqualTo(general);
    assertThat(fast).as(fileName).isEqualTo(general);
    return fast;
  }

  private static Outcome same(String text, String fileName, List<String> requested) {
    return same(
        text.getBytes(StandardCharsets.UTF_8), fileName, null, requested, ReadLimits.DEFAULT);
  }

  @Test
  void every_json_fixture_of_the_project_gives_the_same_records_both_ways() throws IOException {
    Path resources = Path.of("src/test/resources");
    assertThat(resources).isDirectory();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(resources)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().matches(".*\\.(json|ndjson|jsonl)$"))
              .sorted()
              .toList();
    }
    assertThat(files).hasSizeGreaterThan(300);
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      String name = f.getFileName().toString();
      same(bytes, name, null, List.of(), ReadLimits.DEFAULT);
      same(bytes, name + ".ndjson", null, List.of("id", "a.b", "properties"), ReadLimits.DEFAULT);
    }
  }

  @Test
  void edge_cases_give_the_same_records_both_ways() {
    String ndjson =
        String.join(
            "\n",
            "{\"id\":1,\"name\":\"Ada\",\"geo\":{\"lat\":1.5,\"lon\":-2},\"tags\":[1,{\"x\":null}]}",
            "",
            "   ",
            "{\"id\":2,\"name\":null,\"geo\":{\"lat\":1e400,\"lon\":0.1},\"tags\":[]}",
            "{\"\\u0069d\":3,\"n\\u0061me\":\"\\u00e9\\ud83d\\ude00\\n\",\"geo\":{\"lon\":5,\"lat\":6}}",
            "{\"id\":4,\"id\":5,\"name\":\"dup\",\"name\":\"last\"}",
            "{\"name\":\"reordered\",\"id\":123456789012345678901234567890.000000000001}",
            "{}",
            "{\"geo\":null,\"extra\":true,\"id\":-0.0E-7}",
            "{\"id\":8,\"geo\":{\"lat\":{\"deep\":[1,2]},\"lon\":false},\"name\":\"\"}",
            "{\"id\":9,\"name\":\"Zoë\",\"geo\":{\"lat\":1,\"lon\":2},\"tags\":[\"a\"]}",
            "");
    Outcome o = same(ndjson, "edge.ndjson", List.of("id", "geo", "missing"));
    assertThat(o.fields()).contains("id", "name", "geo", "geo.lat", "tags", "missing");
    assertThat(o.records()).hasSize(2 * 9).noneMatch(r -> r.contains("Exception"));
    assertThat(o.records().get(4))
        .isEqualTo("3@5 [3, é😀\n, {\"lon\":5,\"lat\":6}, 6, 5, null, null, null, null]");
    assertThat(same(ndjson, "edge.json", List.of())).isEqualTo(same(ndjson, "x.jsonl", List.of()));
  }

  @Test
  void a_bad_line_after_predicted_keys_is_named_the_same_way_both_ways() {
    String good = "{\"id\":1,\"name\":\"a\",\"ok\":true}\n";
    for (String bad :
        List.of(
            "{\"id\":2,\"name\":}",
            "{\"id\":2 \"name\":\"b\"}",
            "{\"id\":2,\"name\":\"b\",}",
            "{\"id\":2,\"na",
            "{\"id\":2,name:\"b\"}",
            "{\"id\":2,\"name\":\"b\"",
            "{\"id\":2,\"name\":\"b\",\"ok\":tru}",
            "[1]",
            "{\"id\":2,\"name\":\"\u0001\"}")) {
      Outcome o = same(good.repeat(3) + "\n" + bad + "\n" + good, "bad.ndjson", List.of());
      assertThat(o.records().getLast()).as(bad).containsPattern("line [56]").contains("Exception");
    }
  }

  @Test
  void records_after_the_sample_give_the_same_values_both_ways_even_when_keys_vary() {
    Random random = new Random(18);
    StringBuilder sb = new StringBuilder();
    List<String> keys = new ArrayList<>(List.of("id", "name", "amount", "geo", "note"));
    for (int i = 1; i <= JsonRecordReader.SAMPLE_RECORDS + 4000; i++) {
      if (i % 7 == 0 || i > 3000) java.util.Collections.shuffle(keys, random);
      sb.append('{');
      for (String k : keys) {
        if (i % 13 == 0 && k.equals("note")) continue;
        String v =
            switch (k) {
              case "id" -> String.valueOf(i);
              case "geo" -> "{\"lat\":" + i + ".25,\"lon\":-" + i + "}";
              case "amount" -> random.nextInt(3) == 0 ? "null" : "1234567890.123456789";
              default -> "\"" + k + " \\\"" + i + "\\\" ü\"";
            };
        sb.append('"').append(k).append("\":").append(v).append(',');
      }
      if (i % 11 == 0) sb.append("\"late").append(i % 3).append("\":1,");
      sb.setLength(sb.length() - (sb.charAt(sb.length() - 1) == ',' ? 1 : 0));
      sb.append("}\n");
      if (i % 500 == 0) sb.append('\n');
    }
    Outcome o = same(sb.toString(), "vary.ndjson", List.of("id", "late2"));
    assertThat(o.records()).hasSize(2 * (JsonRecordReader.SAMPLE_RECORDS + 4000));
    Outcome bad = same(sb + "{\"id\":1,\"geo\":{\"lat\":]}}\n", "vary.ndjson", List.of());
    assertThat(bad.records().getLast()).contains("line 5011");
  }

  @Test
  void the_record_and_value_limits_stop_the_same_record_both_ways() {
    String line = "{\"id\":1,\"name\":\"abcdefghij\",\"arr\":[1,2,3,4,5,6,7,8,9]}\n";
    String text = line.repeat(1500) + "{\"id\":1,\"name\":\"" + "z".repeat(60) + "\"}\n";
    ReadLimits d = ReadLimits.DEFAULT;
    for (ReadLimits limits : List.of(d.withText(20, 40), d.withText(30, 50))) {
      Outcome o = same(text.getBytes(StandardCharsets.UTF_8), "l.ndjson", null, List.of(), limits);
      assertThat(o.records().getLast()).contains("LimitExceededException");
    }
  }
}
