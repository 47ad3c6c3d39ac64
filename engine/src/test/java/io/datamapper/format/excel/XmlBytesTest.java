package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer's tags copied in runs (not byte by byte) and their attributes split once: the same
 * events and values whether the input arrives whole or a few bytes per read, so a tag or attribute
 * cut by a buffer refill reads the same.
 */
class XmlBytesTest {
  private static final byte[] C = "c".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] R = "r".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] S = "s".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] T = "t".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] V = "v".getBytes(StandardCharsets.US_ASCII);

  /** Hands out at most {@code step} bytes per read, as a slow inflater might. */
  private static InputStream trickle(String xml, int step) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  /** Each cell as "column/style/type=value", in order. */
  private static List<String> cells(InputStream in, int maxTag) throws IOException {
    XmlBytes xml = new XmlBytes(in, 64, maxTag);
    List<String> out = new ArrayList<>();
    String cell = null;
    ByteText text = new ByteText();
    int event;
    while ((event = xml.next()) != XmlBytes.EOF) {
      if (event != XmlBytes.START) continue;
      if (xml.is(C)) {
        XmlTag tag = xml.tag();
        String column = tag.attribute(R) ? Integer.toString(tag.valueColumn()) : "-";
        String style = tag.attribute(S) ? Integer.toString(tag.valueInt(-1)) : "-";
        String type = tag.attribute(T) ? tag.value() : "-";
        cell = column + "/" + style + "/" + type;
        if (xml.empty()) out.add(cell + "=");
      } else if (xml.is(V)) {
        text.clear();
        xml.text(text, 1000);
        out.add(cell + "=" + text);
      }
    }
    return out;
  }

  private static final String SHEET =
      "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\">"
          + "<c r=\"A1\" s=\"3\" t=\"s\"><v>0</v></c>"
          + "<c t = 'inlineStr'  r='B1'\n s=\"12\"><v>x</v></c>"
          + "<c s=\"7\" r=\"AB1\" data-x=\"a&gt;b\"><v>2.5</v></c>"
          + "<c r=\"C1\"/><c><v>last</v></c>"
          + "<c r=\"D1\" t=\"str\" note=\""
          + "z".repeat(300)
          + "\"><v>long tag</v></c>"
          + "</row></sheetData></worksheet>";

  @Test
  void tags_and_attributes_read_the_same_whole_or_a_few_bytes_per_read() throws IOException {
    List<String> whole = cells(trickle(SHEET, Integer.MAX_VALUE), 1000);
    assertThat(whole)
        .containsExactly(
            "0/3/s=0",
            "1/12/inlineStr=x",
            "27/7/-=2.5",
            "2/-/-=",
            "-/-/-=last",
            "3/-/str=long tag");
    for (int step : new int[] {1, 2, 3, 7, 64}) {
      assertThat(cells(trickle(SHEET, step), 1000)).as("step %d", step).isEqualTo(whole);
    }
  }

  @Test
  void a_tag_longer_than_the_limit_is_refused_even_when_it_arrives_in_pieces() {
    for (int step : new int[] {1, 5, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> cells(trickle(SHEET, step), 200))
          .isInstanceOf(XmlBytes.TooLarge.class)
          .hasMessageContaining("longer than 200");
    }
  }

  @Test
  void a_malformed_attribute_is_refused_whichever_attribute_is_asked_for() {
    String bad = "<sheetData><row><c r=\"A1\" s=3><v>1</v></c></row></sheetData>";
    assertThatThrownBy(() -> cells(trickle(bad, 4), 1000))
        .isInstanceOf(XmlBytes.Malformed.class)
        .hasMessageContaining("without quotes");
    String open = "<sheetData><row><c r=\"A1\" t=\"s><v>1</v></c></row></sheetData>";
    assertThatThrownBy(() -> cells(trickle(open, 3), 1000))
        .isInstanceOf(XmlBytes.Malformed.class)
        .hasMessageContaining("inside a tag");
  }

  @Test
  void end_tags_cut_by_a_refill_still_match_their_start_tags_and_a_mismatch_is_refused()
      throws IOException {
    String nested = "<a:sheetData><a:row ><a:c r=\"A1\"><a:v>9</a:v ></a:c></a:row></a:sheetData >";
    for (int step : new int[] {1, 2, 5}) {
      assertThat(cells(trickle(nested, step), 1000)).containsExactly("0/-/-=9");
    }
    String wrong = "<sheetData><row><c><v>1</v></c></rows></sheetData>";
    assertThatThrownBy(() -> cells(trickle(wrong, 2), 1000))
        .isInstanceOf(XmlBytes.Malformed.class)
        .hasMessageContaining("does not match");
  }

  /**
   * After each {@code <c>}: the fast value read if it applies, else the element read the slow way.
   */
  private static List<String> values(String xml, int step) throws IOException {
    XmlBytes r = new XmlBytes(trickle(xml, step), 64, 1000);
    List<String> out = new ArrayList<>();
    ByteText text = new ByteText();
    int event;
    while ((event = r.next()) != XmlBytes.EOF) {
      if (event != XmlBytes.START) continue;
      if (r.is(C) && !r.empty()) {
        text.clear();
        int depth = r.depth();
        if (r.simpleValue(text, 1000)) out.add("fast:" + text);
        assertThat(r.depth()).isEqualTo(depth);
      } else if (r.is(V)) {
        text.clear();
        if (!r.empty()) r.text(text, 1000);
        out.add("slow:" + text);
      }
    }
    return out;
  }

  @Test
  void a_plain_value_is_read_at_once_and_anything_else_the_usual_way() throws IOException {
    String xml =
        "<sheetData><row><c><v>12.5</v></c><c><v/></c><c><v xml:space=\"preserve\"> x </v></c>"
            + "<c><v>a&amp;b</v></c><c><v><![CDATA[<c>]]></v></c><c><x:v>7</x:v></c>"
            + "<c><f>A1</f><v>3</v></c><c> <v>4</v></c><c><v></v></c></row></sheetData>";
    assertThat(values(xml, Integer.MAX_VALUE))
        .containsExactly(
            "fast:12.5",
            "slow:",
            "slow: x ",
            "slow:a&b",
            "slow:<c>",
            "slow:7",
            "slow:3",
            "slow:4",
            "fast:");
    // cut by refills, a value may take the usual way, with the same text
    for (int step : new int[] {1, 3, 8}) {
      assertThat(values(xml, step))
          .as("step %d", step)
          .extracting(v -> v.substring(v.indexOf(':') + 1))
          .containsExactly("12.5", "", " x ", "a&b", "<c>", "7", "3", "4", "");
    }
  }

  @Test
  void a_value_longer_than_the_limit_is_left_to_the_usual_way_which_refuses_it()
      throws IOException {
    ByteText text = new ByteText();
    XmlBytes r = new XmlBytes(trickle("<c><v>123456</v></c>", 100), 64, 1000);
    assertThat(r.next()).isEqualTo(XmlBytes.START);
    assertThat(r.simpleValue(text, 5)).isFalse();
    assertThat(r.next()).isEqualTo(XmlBytes.START);
    assertThat(r.is(V)).isTrue();
    assertThat(r.text(text, 5)).isFalse();
  }
}
