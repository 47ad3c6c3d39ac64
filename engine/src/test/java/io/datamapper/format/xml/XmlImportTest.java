package io.datamapper.format.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.BadFileException;
import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XML through the whole import path: mapping, coercion, binary COPY, ledger, rejects. */
class XmlImportTest {
  @TempDir Path dir;
  private ImportFixture fx;
  private String schema;
  private Importer importer;
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "xml");
    schema = fx.schema();
    importer = fx.importer();
    ledger = new Ledger(TestDatabase.dataSource());
  }

  static final String FEED =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
          <title>News</title>
          <item id="101">
            <title>Tom &amp; Jerry</title>
            <dc:creator>Ada</dc:creator>
            <price currency="EUR">12.50</price>
            <pubDate>Mon, 06 Sep 2021 16:20:00 +0000</pubDate>
            <category>cartoons</category>
            <category>classics</category>
          </item>
          <item id="102">
            <title><![CDATA[<b>Bold</b> news]]></title>
            <price currency="USD">3</price>
            <pubDate>Tue, 07 Sep 2021 08:00:00 +0200</pubDate>
            <category>news</category>
          </item>
          <item id="103">
            <title>No categories</title>
            <dc:creator/>
            <pubDate>Wed, 08 Sep 2021 10:00:00 +0000</pubDate>
          </item>
        </channel>
      </rss>
      """;

  private String feedMapping(String extra) {
    return """
        source: { format: xml, xml: { recordPath: /rss/channel/item } }
        target: { schema: %s, table: items }
        columns:
          - { source: "@id", name: id, type: bigint, nullable: false }
          - { source: title, name: title }
          - { source: creator, name: creator }
          - { source: price, name: price, type: "numeric(10,2)" }
          - { source: price.@currency, name: currency }
          - { source: pubDate, name: published, type: timestamptz, format: "EEE, dd MMM yyyy HH:mm:ss Z" }
          - { source: category, name: categories, type: jsonb }
        %s
        """
        .formatted(schema, extra);
  }

  private Path write(String name, String content) {
    return fx.write(name, content);
  }

  private ImportSummary run(Path file, String mapping) {
    return importer.run(
        ImportRequest.of(ImportSource.of(file), MappingReader.parse(mapping, "test.yaml")));
  }

  @Test
  void imports_an_rss_feed_with_attributes_nesting_and_repeated_children_as_jsonb()
      throws IOException {
    ImportSummary summary = run(write("feed.xml", FEED), feedMapping(""));

    assertThat(summary.status()).isEqualTo("succeeded");
    assertThat(summary.rowsRead()).isEqualTo(3);
    assertThat(summary.rowsInserted()).isEqualTo(3);
    List<Map<String, Object>> rows =
        TestDatabase.query(
            "SELECT id, title, creator, price, currency, published,"
                + " categories::text AS categories, jsonb_array_length(categories) AS n FROM "
                + schema
                + ".items ORDER BY id");
    assertThat(rows.get(0))
        .containsEntry("id", 101L)
        .containsEntry("title", "Tom & Jerry")
        .containsEntry("creator", "Ada")
        .containsEntry("price", new BigDecimal("12.50"))
        .containsEntry("currency", "EUR")
        .containsEntry("categories", "[\"cartoons\", \"classics\"]")
        .containsEntry("n", 2);
    assertThat(((Timestamp) rows.get(1).get("published")).toInstant())
        .isEqualTo(OffsetDateTime.of(2021, 9, 7, 6, 0, 0, 0, ZoneOffset.UTC).toInstant());
    assertThat(rows.get(1))
        .containsEntry("title", "<b>Bold</b> news")
        .containsEntry("creator", null)
        .containsEntry("categories", "[\"news\"]");
    assertThat(rows.get(2))
        .containsEntry("creator", null)
        .containsEntry("price", null)
        .containsEntry("categories", null);
    assertThat(ledger.find(summary.importId()).orElseThrow().format()).isEqualTo("xml");
  }

  @Test
  void a_bad_value_is_rejected_with_its_record_line_and_a_json_rendering_of_the_record()
      throws IOException {
    Path file =
        write(
            "feed.xml",
            FEED.replace(
                "<price currency=\"USD\">3</price>", "<price currency=\"USD\">three</price>"));

    ImportSummary summary = run(file, feedMapping("policies: { badRows: { mode: skip } }"));

    assertThat(summary.rowsInserted()).isEqualTo(2);
    RejectRecord reject = ledger.rejects(summary.importId(), 10).get(0);
    assertThat(reject.recordNumber()).isEqualTo(2);
    assertThat(reject.lineNumber()).isEqualTo(13);
    assertThat(reject.column()).isEqualTo("price");
    assertThat(reject.value()).isEqualTo("three");
    assertThat(reject.raw())
        .isEqualTo(
            "{\"@id\":\"102\",\"title\":\"<b>Bold</b> news\",\"price.@currency\":\"USD\",\"price\":\"three\","
                + "\"pubDate\":\"Tue, 07 Sep 2021 08:00:00 +0200\",\"category\":[\"news\"]}");
  }

  @Test
  void a_mapping_field_the_file_lacks_is_named_with_the_fields_it_has() throws IOException {
    String mapping =
        """
        source: { format: xml, xml: { recordPath: item } }
        target: { schema: %s, table: t }
        columns: [ { source: "@id" }, { source: nothing.here } ]
        """
            .formatted(schema);

    ImportSummary summary = run(write("feed.xml", FEED), mapping);

    assertThat(summary.rowsInserted()).isEqualTo(3);
    assertThat(TestDatabase.count(schema + ".t WHERE nothing_here IS NULL")).isEqualTo(3);
  }

  @Test
  void
      an_external_entity_fails_the_import_leaves_the_table_unchanged_and_its_target_appears_nowhere()
          throws IOException {
    run(write("feed.xml", FEED), feedMapping(""));
    String marker = "SECRET-" + UUID.randomUUID();
    Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \""
                + secret.toUri()
                + "\">]>\n"
                + "<rss><channel>\n");
    for (int i = 1; i <= 3000; i++) {
      xml.append("<item id=\"")
          .append(1000 + i)
          .append("\"><title>")
          .append(i == 2500 ? "&xxe;" : "t" + i)
          .append("</title><pubDate>Mon, 06 Sep 2021 16:20:00 +0000</pubDate></item>\n");
    }
    xml.append("</channel></rss>\n");
    Path evil = write("evil.xml", xml.toString());

    assertThatThrownBy(() -> run(evil, feedMapping("policies: { badRows: { mode: skip } }")))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith("evil.xml: entity reference &xxe; at line 2503")
        .satisfies(e -> assertThat(XmlHostileInputTest.everything(e)).doesNotContain(marker));

    assertThat(TestDatabase.count(schema + ".items")).isEqualTo(3);
    ImportRecord failed = ledger.list(1).get(0);
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.error()).contains("entity reference &xxe;").doesNotContain(marker);
    assertNowhereInDatabase(marker);
  }

  @Test
  void hostile_files_fail_cleanly_and_leave_the_table_unchanged() throws IOException {
    run(write("feed.xml", FEED), feedMapping(""));
    StringBuilder laughs = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      laughs
          .append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">");
    }
    laughs.append("]><rss><channel><item id=\"1\"><title>&lol9;</title></item></channel></rss>");
    Map<String, String> files =
        Map.of(
            "laughs.xml",
            laughs.toString(),
            "malformed.xml",
            "<rss><channel><item id=\"1\"><title>x</item></channel></rss>",
            "deep.xml",
            "<rss><channel><item id=\"1\">" + "<a>".repeat(100_000),
            "cut.xml",
            FEED.substring(0, FEED.indexOf("<item id=\"103\">") + 30));

    for (Map.Entry<String, String> f : files.entrySet()) {
      assertThatThrownBy(() -> run(write(f.getKey(), f.getValue()), feedMapping("")))
          .as(f.getKey())
          .isInstanceOf(BadFileException.class)
          .hasMessageStartingWith(f.getKey() + ": ");
    }
    assertThat(TestDatabase.count(schema + ".items")).isEqualTo(3);
    assertThat(ledger.list(4)).allSatisfy(r -> assertThat(r.status()).isEqualTo("failed"));
  }

  /**
   * No text column of any table in the database (target schemas and the ledger) contains {@code
   * text}.
   */
  static void assertNowhereInDatabase(String text) {
    List<Map<String, Object>> tables =
        TestDatabase.query(
            "SELECT table_schema AS s, format('%I.%I', table_schema, table_name) AS q"
                + " FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'");
    assertThat(tables).extracting(t -> t.get("s")).contains("datamapper");
    for (Map<String, Object> t : tables) {
      String table = (String) t.get("q");
      assertThat(TestDatabase.count(table + " x WHERE x::text LIKE '%" + text + "%'"))
          .as(table)
          .isZero();
    }
  }
}
