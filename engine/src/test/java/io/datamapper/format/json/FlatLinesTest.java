package io.datamapper.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.format.RawRecord;
import io.datamapper.format.ReadLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After the sample, JSON Lines whose records are flat are read from their bytes ({@link
 * FlatLines}); at the first line that does not suit, the parser reads on. Every case here has a
 * sample of {@value JsonRecordReader#SAMPLE_RECORDS} plain lines first, then the case, then more
 * plain lines, and is read both ways: the records, lines and errors must be the same.
 */
class FlatLinesTest {
  private static final String PLAIN =
      "{\"id\":7,\"name\":\"Ingrid García\",\"note\":\"needs \\\"manual\\\" review\","
          + "\"amount\":8556453.49,\"score\":7.761543283425997E-4,\"ok\":true,\"gone\":null}\n";

  /** The records (number, line, values) and the error, if any, read one way. */
  private static List<String> read(byte[] bytes, boolean flat) {
    List<String> out = new ArrayList<>();
    InputStream in = new ByteArrayInputStream(bytes);
    try (JsonRecordReader reader =
        new JsonRecordReader(
            in, null, null, "case.ndjson", List.of("id"), ReadLimits.DEFAULT, true, flat)) {
      out.add(reader.fields().toString());
      for (RawRecord r; (r = reader.next()) != null; ) {
        out.add(r.number() + "@" + r.line() + " " + Arrays.toString(r.values()));
      }
    } catch (IOException | RuntimeException e) {
      out.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return out;
  }

  /** Reads sample + {@code middle} + two plain lines both ways and returns the flat way's. */
  private static List<String> same(String middle) {
    String text = PLAIN.repeat(JsonRecordReader.SAMPLE_RECORDS) + middle + PLAIN + PLAIN;
    return same(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> same(byte[] bytes) {
    List<String> flat = read(bytes, true);
    assertThat(flat).isEqualTo(read(bytes, false));
    return flat;
  }

  private static String last(List<String> records) {
    return records.get(records.size() - 1);
  }

  @Test
  void plain_lines_after_the_sample_give_the_same_records_both_ways() {
    List<String> records = same(PLAIN.repeat(50));
    assertThat(records).hasSize(1 + JsonRecordReader.SAMPLE_RECORDS + 52);
    assertThat(last(records))
        .isEqualTo(
            "1052@1052 [7, Ingrid García, needs \"manual\" review, 8556453.49,"
                + " 7.761543283425997E-4, true, null]");
  }

  @Test
  void blank_lines_crlf_blanks_and_a_last_line_without_newline_read_the_same_both_ways() {
    same("\n  \t\n\r\n" + PLAIN.replace("\n", "\r\n") + "  " + PLAIN.replace("}", " } \t"));
    String text = PLAIN.repeat(JsonRecordReader.SAMPLE_RECORDS) + PLAIN.strip();
    assertThat(same(text.getBytes(StandardCharsets.UTF_8))).hasSize(1002);
    assertThat(same((text + "\r").getBytes(StandardCharsets.UTF_8))).hasSize(1002);
    assertThat(same((text + "\n\n  ").getBytes(StandardCharsets.UTF_8))).hasSize(1002);
  }

  @Test
  void values_the_flat_way_declines_are_read_by_the_parser_with_the_same_result() {
    for (String line :
        List.of(
            "{\"id\":1,\"name\":{\"first\":\"Ada\"}}\n",
            "{\"id\":[1,2],\"name\":\"x\"}\n",
            "{\"id\":1,\"new\":\"key\"}\n",
            "{\"\\u0069d\":1,\"name\":\"escaped key\"}\n",
            "{\"name\":\"\\u00e9\\ud83d\\ude00 \\/ \\b\\f\\n\\r\\t\",\"id\":2}\n",
            "{\"id\":123456789012345678901234567890.5e-300,\"amount\":-0,\"score\":1E+2}\n",
            "{\"id\":1}{\"id\":2}\n",
            "{\"id\":1,\"name\":\"a\"}   {\"id\":2}\n",
            "{\"id\":3,\n\"name\":\"pretty\"\n}\n",
            "{\"id\":4,\"name\":\"lone \\ud800 surrogate\"}\n",
            "{\"id\":5,\"name\":\"" + "ü".repeat(3000) + "\"}\n",
            "{\"id\":5,\"name\":\"\u0000\"}\n",
            "  {\"id\":6 , \"name\" : \"spaced\" , \"ok\" : false }  \n",
            "{}\n",
            "{ }\n",
            "{\"id\":1,\"id\":2,\"id\":3}\n")) {
      List<String> records = same(line);
      assertThat(records).as(line).hasSizeGreaterThan(JsonRecordReader.SAMPLE_RECORDS);
    }
  }

  @Test
  void a_bad_line_after_flat_lines_is_refused_naming_its_line_the_same_way_both_ways() {
    for (String bad :
        List.of(
            "{\"id\":1,\"name\":}\n",
            "{\"id\":1 \"name\":\"x\"}\n",
            "{\"id\":1,\"name\":\"x\",}\n",
            "{\"id\":01}\n",
            "{\"id\":1.}\n",
            "{\"id\":-}\n",
            "{\"id\":tru}\n",
            "{\"id\":nul}\n",
            "{\"id\":\"unterminated}\n",
            "{\"id\":\"bad \\x escape\"}\n",
            "{\"id\":1}x\n",
            "[1]\n",
            "\"text\"\n",
            "{\"id\":1,\"name\":\"x\"\n",
            "\u0000\n")) {
      List<String> records = same("\n" + PLAIN + "  " + bad);
      // the unterminated object is found unterminated on the next line
      assertThat(last(records)).as(bad).containsPattern("line 100[34]");
    }
    byte[] head = (PLAIN.repeat(1001) + "{\"id\":\"").getBytes(StandardCharsets.UTF_8);
    for (byte[] tail : List.of(new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xFF})) {
      byte[] bytes = Arrays.copyOf(head, head.length + tail.length + 3);
      System.arraycopy(tail, 0, bytes, head.length, tail.length);
      System.arraycopy("\"}\n".getBytes(StandardCharsets.UTF_8), 0, bytes, bytes.length - 3, 3);
      same(bytes);
    }
  }

  @Test
  void the_record_limit_stops_the_same_record_after_flat_lines_both_ways() {
    ReadLimits d = ReadLimits.DEFAULT;
    ReadLimits small = d.withText(100, 100);
    String text = PLAIN.repeat(1200) + "{\"id\":1,\"name\":\"" + "z".repeat(98) + "\"}\n" + PLAIN;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> both = new ArrayList<>();
    for (boolean flat : List.of(true, false)) {
      try (JsonRecordReader reader =
          new JsonRecordReader(
              new ByteArrayInputStream(bytes),
              null,
              null,
              "l.ndjson",
              List.of(),
              small,
              true,
              flat)) {
        while (reader.next() != null) {}
        both.add("no error");
      } catch (IOException | RuntimeException e) {
        both.add(e.getMessage());
      }
    }
    assertThat(both.get(0)).isEqualTo(both.get(1)).contains("record 1201", "line 1201");
  }

  /** Refuses reads after close, as a file channel does. */
  private static final class Guarded extends java.io.FilterInputStream {
    boolean closed;

    Guarded(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (closed) throw new IOException("read after close");
      return super.read(b, off, len);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void the_input_stays_open_until_the_reader_closes_so_the_caller_can_hash_the_rest()
      throws IOException {
    String text = PLAIN.repeat(1100) + "{\"id\":{\"nested\":1}}\n" + PLAIN.repeat(3);
    for (String t : List.of(text, PLAIN.repeat(1100))) {
      Guarded in = new Guarded(t.getBytes(StandardCharsets.UTF_8));
      JsonRecordReader reader =
          new JsonRecordReader(in, null, null, "h.ndjson", List.of(), ReadLimits.DEFAULT);
      int n = 0;
      while (reader.next() != null) n++;
      assertThat(n).isEqualTo(t.equals(text) ? 1104 : 1100);
      assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
      reader.close();
      assertThat(in.closed).isTrue();
    }
  }
}
