package io.datamapper.format.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.mapping.MappingException;
import io.datamapper.mapping.XmlOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRecordReaderTest {

  static XmlRecordReader reader(
      byte[] xml, String encoding, XmlOptions options, List<String> requested) throws IOException {
    return new XmlRecordReader(
        new ByteArrayInputStream(xml), encoding, options, "test.xml", requested);
  }

  static XmlRecordReader reader(String xml, String path) throws IOException {
    return reader(xml.getBytes(StandardCharsets.UTF_8), null, new XmlOptions(path), List.of());
  }

  /** Each record as field name to value, absent fields left out. */
  static List<Map<String, String>> records(XmlRecordReader reader) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    try (reader) {
      RawRecord r;
      while ((r = reader.next()) != null) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < r.values().length; i++) {
          if (r.values()[i] != null) m.put(reader.fields().get(i), r.values()[i]);
        }
        out.add(m);
      }
    }
    return out;
  }

  static List<Map<String, String>> records(String xml, String path) throws IOException {
    return records(reader(xml, path));
  }

  private static final String RSS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
          <title>Feed</title>
          <item id="1">
            <title>First</title>
            <dc:creator>Ada</dc:creator>
            <category>a</category>
            <category>b</category>
            <enclosure url="http://x/1.mp3" length="12"/>
            <author><name>Ada L.</name><email kind="work">ada@example.org</email></author>
          </item>
          <item id="2">
            <title>Second</title>
            <category>c</category>
          </item>
        </channel>
      </rss>
      """;

  @Test
  void reads_attributes_child_text_nested_elements_and_their_attributes() throws IOException {
    XmlRecordReader reader = reader(RSS, "/rss/channel/item");

    assertThat(reader.fields())
        .containsExactly(
            "@id",
            "title",
            "creator",
            "category",
            "enclosure.@url",
            "enclosure.@length",
            "author.name",
            "author.email.@kind",
            "author.email");
    List<Map<String, String>> rows = records(reader);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0))
        .containsEntry("@id", "1")
        .containsEntry("title", "First")
        .containsEntry("creator", "Ada")
        .containsEntry("enclosure.@url", "http://x/1.mp3")
        .containsEntry("author.name", "Ada L.")
        .containsEntry("author.email", "ada@example.org")
        .containsEntry("author.email.@kind", "work")
        .doesNotContainKey("enclosure");
    assertThat(rows.get(1)).containsOnlyKeys("@id", "title", "category");
  }

  @Test
  void repeated_children_become_a_json_array_in_every_record_once_seen_repeating()
      throws IOException {
    List<Map<String, String>> rows = records(RSS, "/rss/channel/item");

    assertThat(rows.get(0)).containsEntry("category", "[\"a\",\"b\"]");
    assertThat(rows.get(1)).containsEntry("category", "[\"c\"]");
  }

  @Test
  void repeated_complex_children_become_arrays_of_objects_flattened_the_same_way()
      throws IOException {
    String xml =
        """
        <books><book isbn="1">
          <author id="a1"><name>Ann</name><address><city>Oslo</city></address></author>
          <author id="a2"><name>Bo "B" \\ Lund</name><alias>B</alias><alias>Bee</alias></author>
          <tag lang="en">x</tag><tag>y</tag><tag xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>
        </book></books>
        """;

    Map<String, String> row = records(xml, "book").get(0);

    assertThat(row)
        .containsEntry(
            "author",
            "[{\"@id\":\"a1\",\"name\":\"Ann\",\"address.city\":\"Oslo\"},"
                + "{\"@id\":\"a2\",\"name\":\"Bo \\\"B\\\" \\\\ Lund\",\"alias\":[\"B\",\"Bee\"]}]");
    assertThat(row).containsEntry("tag", "[{\"@lang\":\"en\",\"#text\":\"x\"},\"y\",null]");
  }

  @Test
  void a_bare_name_finds_records_at_any_depth_but_not_inside_another_record() throws IOException {
    String xml =
        """
        <root>
          <group><entry n="1"><entry n="inner">nested</entry></entry></group>
          <entry n="2"/>
          <other><deeper><entry n="3"/></deeper></other>
        </root>
        """;

    List<Map<String, String>> rows = records(xml, "entry");

    assertThat(rows).extracting(r -> r.get("@n")).containsExactly("1", "2", "3");
    assertThat(rows.get(0)).containsEntry("entry.@n", "inner").containsEntry("entry", "nested");
  }

  @Test
  void an_absolute_path_matches_only_at_that_place() throws IOException {
    String xml = "<r><a><x>1</x></a><b><x>2</x></b><a><x>3</x><a><x>4</x></a></a></r>";

    assertThat(records(xml, "/r/a/x")).extracting(r -> r.get("#text")).containsExactly("1", "3");
    assertThat(records(xml, " /r/b/x ")).extracting(r -> r.get("#text")).containsExactly("2");
  }

  @Test
  void text_is_trimmed_at_the_ends_and_kept_inside_with_cdata_and_references_resolved()
      throws IOException {
    String xml =
        """
        <r><i>
            <a>  two  spaces\tand tab  </a>
            <b><![CDATA[<not> &amp; markup]]> and &amp; &lt;ok&gt; &#169; &#x263A; &quot;&apos;</b>
            <c>   </c>
            <d/>
            <e>line one
        line two</e>
        </i><i/></r>
        """;

    Map<String, String> row = records(xml, "i").get(0);

    assertThat(row)
        .containsEntry("a", "two  spaces\tand tab")
        .containsEntry("b", "<not> &amp; markup and & <ok> \u00a9 \u263a \"'")
        .containsEntry("e", "line one\nline two")
        .doesNotContainKeys("c", "d");
  }

  @Test
  void empty_and_nil_elements_are_null_fields() throws IOException {
    String xml =
        """
        <r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <i><a/><b></b><c xsi:nil="true">ignored</c><d xsi:nil="false">kept</d></i>
        </r>
        """;
    XmlRecordReader reader = reader(xml, "i");

    assertThat(reader.fields()).containsExactly("a", "b", "c", "d");
    assertThat(reader.next().values()).containsExactly(null, null, null, "kept");
  }

  @Test
  void mixed_content_goes_to_text_fields() throws IOException {
    String xml =
        """
        <r>
          <p lang="en">Hello <b>bold</b> world</p>
          <p><note kind="x">
            see <ref>here</ref>
          </note><price currency="EUR">12.50</price></p>
        </r>
        """;

    List<Map<String, String>> rows = records(xml, "p");

    assertThat(rows.get(0))
        .containsEntry("@lang", "en")
        .containsEntry("#text", "Hello  world")
        .containsEntry("b", "bold");
    assertThat(rows.get(1))
        .containsEntry("note.#text", "see")
        .containsEntry("note.@kind", "x")
        .containsEntry("note.ref", "here")
        .containsEntry("price", "12.50")
        .containsEntry("price.@currency", "EUR")
        .doesNotContainKey("#text");
  }

  private static final String ATOM =
      """
      <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
        <title>t</title>
        <link rel="self" href="http://x/feed"/>
        <link rel="alternate" href="http://x/"/>
        <entry xml:lang="en"><title>One</title><media:title>M1</media:title><link href="http://x/1"/></entry>
        <entry><title>Two</title><media:title>M2</media:title><link href="http://x/2"/></entry>
        <entry><title>Three</title><link href="http://x/3"/></entry>
      </feed>
      """;

  @Test
  void namespaces_use_local_names_by_default() throws IOException {
    XmlRecordReader reader = reader(ATOM, "/feed/entry");

    assertThat(reader.fields()).containsExactly("@lang", "title", "link.@href");
    List<Map<String, String>> rows = records(reader);
    assertThat(rows)
        .extracting(r -> r.get("link.@href"))
        .containsExactly("http://x/1", "http://x/2", "http://x/3");
  }

  @Test
  void two_children_with_the_same_local_name_are_one_repeated_field_in_local_mode()
      throws IOException {
    assertThat(records(ATOM, "/feed/entry").get(0)).containsEntry("title", "[\"One\",\"M1\"]");
  }

  @Test
  void namespaces_prefix_mode_keeps_prefixes_in_fields_and_paths() throws IOException {
    XmlRecordReader reader =
        reader(
            ATOM.getBytes(StandardCharsets.UTF_8),
            null,
            new XmlOptions("/feed/entry", "prefix"),
            List.of());

    assertThat(reader.fields()).containsExactly("@xml:lang", "title", "media:title", "link.@href");
    assertThat(records(reader).get(1))
        .containsEntry("title", "Two")
        .containsEntry("media:title", "M2");
    String prefixed =
        "<x:root xmlns:x=\"urn:x\"><x:row><x:v>1</x:v></x:row><x:row><x:v>2</x:v></x:row></x:root>";
    assertThat(
            records(
                reader(
                    prefixed.getBytes(StandardCharsets.UTF_8),
                    null,
                    new XmlOptions("/x:root/x:row", "prefix"),
                    List.of())))
        .extracting(r -> r.get("x:v"))
        .containsExactly("1", "2");
    assertThat(records(prefixed, "/y:root/row"))
        .extracting(r -> r.get("v"))
        .containsExactly("1", "2");
  }

  @Test
  void fields_are_those_of_the_first_records_then_requested_ones_and_later_extras_are_ignored()
      throws IOException {
    StringBuilder xml = new StringBuilder("<r>");
    for (int i = 1; i <= 1500; i++) {
      xml.append("<i><n>")
          .append(i)
          .append("</n>")
          .append(i == 3 ? "<early>e</early>" : "")
          .append(i == 1400 ? "<late>l</late><Wanted>w</Wanted>" : "")
          .append("</i>");
    }
    xml.append("</r>");
    XmlRecordReader reader =
        reader(
            xml.toString().getBytes(StandardCharsets.UTF_8),
            null,
            new XmlOptions("i"),
            List.of("wanted", "N", "late"));

    assertThat(reader.fields()).containsExactly("n", "early", "wanted", "late");
    List<Map<String, String>> rows = records(reader);
    assertThat(rows).hasSize(1500);
    assertThat(rows.get(1399)).containsOnlyKeys("n", "late").containsEntry("late", "l");
    assertThat(rows.get(1499)).containsEntry("n", "1500");
  }

  @Test
  void numbers_records_from_one_and_gives_the_line_of_each_start_tag() throws IOException {
    try (XmlRecordReader reader = reader("<r>\n<i>a</i>\n\n  <i>\nb</i><i>c</i>\n</r>", "i")) {
      List<RawRecord> all = new ArrayList<>();
      for (RawRecord r; (r = reader.next()) != null; ) all.add(r);

      assertThat(all).extracting(RawRecord::number).containsExactly(1L, 2L, 3L);
      assertThat(all).extracting(RawRecord::line).containsExactly(2L, 4L, 5L);
    }
  }

  @Test
  void raw_renders_the_fields_as_compact_json() throws IOException {
    try (XmlRecordReader reader = reader(RSS, "/rss/channel/item")) {
      RawRecord second = reader.next() == null ? null : reader.next();

      assertThat(reader.raw(second))
          .isEqualTo("{\"@id\":\"2\",\"title\":\"Second\",\"category\":[\"c\"]}");
    }
  }

  @Test
  void reads_latin1_declared_in_the_prolog() throws IOException {
    byte[] xml =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r><i>Z\u00fcrich</i><i>S\u00e3o Paulo</i></r>"
            .getBytes(StandardCharsets.ISO_8859_1);

    assertThat(records(reader(xml, null, new XmlOptions("i"), List.of())))
        .extracting(r -> r.get("#text"))
        .containsExactly("Z\u00fcrich", "S\u00e3o Paulo");
  }

  @Test
  void reads_utf16_with_a_byte_order_mark() throws IOException {
    byte[] xml =
        "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><r><i a=\"\u263a\">Z\u00fcrich \ud83d\ude00</i></r>"
            .getBytes(StandardCharsets.UTF_16LE);

    assertThat(records(reader(xml, null, new XmlOptions("i"), List.of())))
        .containsExactly(Map.of("@a", "\u263a", "#text", "Z\u00fcrich \ud83d\ude00"));
  }

  @Test
  void an_encoding_override_wins_over_a_wrong_declaration() throws IOException {
    byte[] xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><r><i>\u20ac 5, Z\u00fcrich</i></r>"
            .getBytes(Charset.forName("windows-1252"));

    assertThatThrownBy(() -> records(reader(xml, null, new XmlOptions("i"), List.of())))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("test.xml: malformed XML at line 1")
        .hasMessageContaining("set source.encoding");
    assertThat(records(reader(xml, "windows-1252", new XmlOptions("i"), List.of())))
        .containsExactly(Map.of("#text", "\u20ac 5, Z\u00fcrich"));
  }

  @Test
  void detects_the_record_element_when_no_path_is_given() throws IOException {
    assertThat(records(reader(RSS.getBytes(StandardCharsets.UTF_8), null, null, List.of())))
        .hasSize(2);
    assertThat(
            records(
                reader(
                    ATOM.getBytes(StandardCharsets.UTF_8),
                    "UTF-8",
                    new XmlOptions(null),
                    List.of())))
        .hasSize(3);
  }

  @Test
  void detection_prefers_the_outermost_repeated_element_that_occurs_most() {
    assertThat(detect(RSS)).isEqualTo("/rss/channel/item");
    assertThat(detect(ATOM)).isEqualTo("/feed/entry");
    assertThat(
            detect(
                "<osm><bounds/><node id=\"1\"><tag k=\"a\"/><tag k=\"b\"/></node><node id=\"2\"/><node id=\"3\"/>"
                    + "<way><nd ref=\"1\"/><nd ref=\"2\"/></way><way/></osm>"))
        .isEqualTo("/osm/node");
    assertThat(detect("<catalog><book><title>only one</title></book></catalog>"))
        .isEqualTo("/catalog/book");
    assertThat(detect("<a:r xmlns:a=\"urn:a\"><a:i/><a:i/></a:r>")).isEqualTo("/r/i");
    assertThat(
            XmlRecordReader.detectRecordPath(
                bytes("<a:r xmlns:a=\"urn:a\"><a:i/><a:i/></a:r>"), 40, true))
        .isEqualTo("/a:r/a:i");
    assertThat(detect("<root>just text</root>")).isNull();
    assertThat(detect("<r><i><v>1</v></i><i><v>2</v></i><i><v>3"))
        .as("a cut-off sample")
        .isEqualTo("/r/i");
  }

  private static String detect(String xml) {
    byte[] b = bytes(xml);
    return XmlRecordReader.detectRecordPath(b, b.length, false);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void says_which_elements_repeat_when_the_record_path_finds_nothing() {
    assertThatThrownBy(() -> reader(RSS, "/rss/item"))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "test.xml has no <item> records (record path /rss/item); elements that repeat: /rss/channel/item (2);"
                + " set source.xml.recordPath to one of them");
  }

  @Test
  void refuses_a_record_path_that_is_not_an_element_path() {
    assertThatThrownBy(() -> reader(RSS, "rss/channel/item"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("must start with /");
    assertThatThrownBy(() -> reader(RSS, "/rss//item"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("not an element path");
    assertThatThrownBy(() -> reader(RSS, "/rss/channel/@id")).isInstanceOf(MappingException.class);
  }

  @Test
  void a_document_without_elements_below_the_root_has_no_records() {
    assertThatThrownBy(() -> reader("<root>just text</root>", null))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "test.xml: cannot find the record element (no element below the root); set source.xml.recordPath, e.g. /catalog/book");
  }
}
