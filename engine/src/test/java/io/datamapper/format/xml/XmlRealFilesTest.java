package io.datamapper.format.xml;

import static io.datamapper.format.xml.XmlRecordReaderTest.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.db.Migrations;
import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.MappingReader;
import io.datamapper.mapping.XmlOptions;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files written by others (see src/test/resources/xml/README.md): read, then imported into
 * PostgreSQL.
 */
class XmlRealFilesTest {
  private String schema;
  private Importer importer;

  @BeforeAll
  static void migrate() {
    Migrations.migrate(TestDatabase.dataSource());
  }

  @BeforeEach
  void setUp() {
    schema = TestDatabase.freshSchema("xmlreal");
    importer = Importer.builder().dataSource(TestDatabase.dataSource()).build();
  }

  static Path resource(String name) {
    try {
      return Path.of(XmlRealFilesTest.class.getResource("/xml/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static XmlRecordReader reader(String name, XmlOptions options) throws IOException {
    InputStream in = Files.newInputStream(resource(name));
    return new XmlRecordReader(in, null, options, name, List.of());
  }

  private static String detect(String name) throws IOException {
    byte[] b = Files.readAllBytes(resource(name));
    return XmlRecordReader.detectRecordPath(b, b.length, false);
  }

  /** A result row; unlike {@code Map.of} it takes nulls. */
  private static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2)
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return m;
  }

  private ImportSummary run(String file, String mapping) {
    return importer.run(
        ImportRequest.of(
            ImportSource.of(resource(file)),
            MappingReader.parse(mapping.formatted(schema), "m.yaml")));
  }

  @Test
  void rome_rss_items_with_namespaced_children_and_repeated_enclosures() throws IOException {
    XmlRecordReader reader = reader("rome-rss_2.0.xml", null);

    assertThat(reader.fields())
        .containsExactly(
            "title",
            "description",
            "link",
            "source.@url",
            "source",
            "enclosure",
            "category",
            "pubDate",
            "expirationDate",
            "author",
            "comments",
            "guid.@isPermaLink",
            "guid",
            "test",
            "encoded");
    List<Map<String, String>> items = records(reader);
    assertThat(items).hasSize(2);
    assertThat(items.get(1))
        .containsEntry("title", "rss_2.0.channel.item[1].title")
        .containsEntry("source.@url", "rss_2.0.channel.item[1].source^url")
        .containsEntry("guid.@isPermaLink", "false")
        .containsEntry("encoded", "rss_2.0.channel.item[1].content")
        .containsEntry(
            "enclosure",
            "[{\"@url\":\"rss_2.0.channel.item[1].enclousure[0]^url\",\"@length\":\"100\","
                + "\"@type\":\"rss_2.0.channel.item[1].enclousure[0]^type\"},{\"@url\":\"rss_2.0.channel.item[1].enclousure[1]^url\","
                + "\"@length\":\"100\",\"@type\":\"rss_2.0.channel.item[1].enclousure[1]^type\"}]");
    assertThat(detect("rome-rss_2.0.xml"))
        .as("items beat the channel's 23 <hours>")
        .isEqualTo("/rss/channel/item");
  }

  @Test
  void rome_rss_channel_as_one_record_trims_its_padded_date_and_keeps_items_as_json()
      throws IOException {
    List<Map<String, String>> channel =
        records(reader("rome-rss_2.0.xml", new XmlOptions("/rss/channel")));

    assertThat(channel)
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .containsEntry("pubDate", "Mon, 01 Jan 2001 00:00:00 GMT")
                    .containsEntry(
                        "skipHours.hours",
                        "[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\",\"12\",\"13\","
                            + "\"14\",\"15\",\"16\",\"17\",\"18\",\"19\",\"20\",\"21\",\"23\"]")
                    .containsEntry("cloud.@port", "100")
                    .containsKey("item"));
  }

  @Test
  void rome_rss_prefix_mode_names_fields_with_their_prefixes() throws IOException {
    XmlRecordReader reader =
        reader("rome-rss_2.0.xml", new XmlOptions("/rss/channel/item", "prefix"));

    assertThat(reader.fields())
        .contains("rometest:test", "content:encoded")
        .doesNotContain("test", "encoded");
  }

  @Test
  void rome_atom_entries_in_a_default_namespace() throws IOException {
    XmlRecordReader reader = reader("rome-atom_1.0.xml", null);

    assertThat(reader.fields())
        .containsExactly(
            "title.@type",
            "title",
            "link",
            "id",
            "author.name",
            "author.uri",
            "author.email",
            "contributor.name",
            "contributor.uri",
            "contributor.email",
            "updated",
            "published",
            "summary.@type",
            "summary",
            "content.@type",
            "content",
            "test",
            "rights");
    List<Map<String, String>> entries = records(reader);
    assertThat(entries)
        .extracting(e -> e.get("id"))
        .containsExactly("http://example.com/blog/entry1", "http://example.com/blog/entry2");
    assertThat(entries.get(0))
        .containsEntry("rights", "atom_1.0.feed.entry[0].rights")
        .containsEntry("author.email", "author0@example.com");
    assertThat(entries.get(1))
        .doesNotContainKey("rights")
        .containsEntry(
            "link",
            "[{\"@rel\":\"alternate\",\"@type\":\"text/html\",\"@href\":\"http://example.com/blog/entry2\"},"
                + "{\"@rel\":\"enclosure\",\"@type\":\"image/gif\",\"@href\":\"http://example.com/blog/enclosure2.gif\"},"
                + "{\"@rel\":\"test\",\"@type\":\"image/gif\",\"@href\":\"tag:example.com,2005:Atom-Tests:xml-base:Test1\"}]");
  }

  @Test
  void sitemap_urls_with_cdata_escapes_and_five_namespaces() throws IOException {
    List<Map<String, String>> urls =
        records(reader("sitemapjs-alltags.cdata.xml", new XmlOptions("url")));

    assertThat(urls).hasSize(7);
    assertThat(urls.get(0))
        .containsEntry(
            "loc", "https://roosterteeth.com/episode/rouletsplay-2018-goldeneye-source&%3E%3C'%22")
        .containsEntry("video.title", "2018:E6 - GoldenEye: Source&><'\"")
        .containsEntry("video.player_loc.@autoplay", "ap=1&><'\"")
        .containsEntry("video.tag", "[\"fruit&><'\\\"\",\"flies&><'\\\"\"]");
    assertThat(urls.get(1))
        .containsEntry("video.tag", "[\"steak&><'\\\"\"]")
        .containsEntry("video.price.@currency", "USD");
    assertThat(urls.get(3)).containsEntry("news.publication.name", "The Example Times&><'\"");
    assertThat(urls.get(6)).containsEntry("image", "[{\"loc\":\"http://urltest.com&><'\\\"/\"}]");
    assertThat(detect("sitemapjs-alltags.cdata.xml")).isEqualTo("/urlset/url");
  }

  @Test
  void openstreetmap_nodes_ways_and_relations() throws IOException {
    List<Map<String, String>> nodes = records(reader("pyosmium-test-extract.osm", null));
    List<Map<String, String>> ways =
        records(reader("pyosmium-test-extract.osm", new XmlOptions("/osm/way")));
    List<Map<String, String>> relations =
        records(reader("pyosmium-test-extract.osm", new XmlOptions("relation")));

    assertThat(nodes).hasSize(12);
    assertThat(nodes.get(10))
        .containsEntry("@id", "1029827677")
        .containsEntry("@user", "St\u00e9phane Brunner")
        .containsEntry("@lat", "47.3492297");
    assertThat(ways)
        .extracting(w -> w.get("@id"))
        .containsExactly("28147770", "51365106", "26279256");
    assertThat(ways.get(1)).containsEntry("tag.@k", "landuse").containsEntry("tag.@v", "meadow");
    assertThat(ways.get(2).get("nd"))
        .startsWith("[{\"@ref\":\"287851708\"},")
        .endsWith(",{\"@ref\":\"287851708\"}]");
    assertThat(relations)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.get("tag"))
                    .isEqualTo(
                        "[{\"@k\":\"landuse\",\"@v\":\"forest\"},{\"@k\":\"type\",\"@v\":\"multipolygon\"}]"));
  }

  @Test
  void
      imports_the_rss_items_with_enclosures_as_jsonb_and_rejects_the_item_whose_weekday_is_wrong() {
    ImportSummary summary =
        run(
            "rome-rss_2.0.xml",
            """
        source: { format: xml }
        target: { schema: %s, table: items }
        columns:
          - { source: guid, name: guid, nullable: false }
          - { source: guid.@isPermaLink, name: permalink, type: boolean }
          - { source: pubDate, name: published, type: timestamptz, format: "EEE, dd MMM yyyy HH:mm:ss zzz" }
          - { source: enclosure, name: enclosures, type: jsonb }
          - { source: encoded, name: content }
        policies: { badRows: { mode: skip } }
        """);

    assertThat(summary.rowsInserted()).isEqualTo(1);
    assertThat(
            TestDatabase.query(
                "SELECT guid, permalink, extract(epoch FROM published)::bigint AS t,"
                    + " jsonb_array_length(enclosures) AS n, enclosures->1->>'@url' AS url, content FROM "
                    + schema
                    + ".items"))
        .containsExactly(
            Map.of(
                "guid",
                "rss_2.0.channel.item[0].guid",
                "permalink",
                true,
                "t",
                978307200L,
                "n",
                2,
                "url",
                "rss_2.0.channel.item[0].enclousure[1]^url",
                "content",
                "rss_2.0.channel.item[0].content"));
    // the file says "Mon, 02 Jan 2001", but that day was a Tuesday
    RejectRecord reject =
        new Ledger(TestDatabase.dataSource()).rejects(summary.importId(), 10).get(0);
    assertThat(reject.recordNumber()).isEqualTo(2);
    assertThat(reject.lineNumber()).isEqualTo(53);
    assertThat(reject.column()).isEqualTo("published");
    assertThat(reject.value()).isEqualTo("Mon, 02 Jan 2001 00:00:00 GMT");
    assertThat(reject.raw())
        .startsWith("{\"title\":\"rss_2.0.channel.item[1].title\",")
        .contains("\"enclosure\":[{\"@url\"");
  }

  @Test
  void imports_the_atom_entries_and_the_sitemap_urls() {
    run(
        "rome-atom_1.0.xml",
        """
        source: { format: xml, xml: { recordPath: /feed/entry } }
        target: { schema: %s, table: entries }
        columns:
          - { source: id }
          - { source: published, type: timestamptz }
          - { source: link, name: links, type: jsonb }
          - { source: rights }
        """);
    run(
        "sitemapjs-alltags.cdata.xml",
        """
        source: { format: xml, xml: { recordPath: url } }
        target: { schema: %s, table: urls }
        columns:
          - { source: loc }
          - { source: priority, type: "numeric(3,1)" }
          - { source: lastmod, type: timestamptz }
          - { source: image, name: images, type: jsonb }
          - { source: video.title, name: video_title }
        """);

    assertThat(
            TestDatabase.query(
                "SELECT id, jsonb_array_length(links) AS n, rights FROM "
                    + schema
                    + ".entries ORDER BY id"))
        .containsExactly(
            row(
                "id",
                "http://example.com/blog/entry1",
                "n",
                4,
                "rights",
                "atom_1.0.feed.entry[0].rights"),
            row("id", "http://example.com/blog/entry2", "n", 3, "rights", null));
    assertThat(TestDatabase.count(schema + ".urls")).isEqualTo(7);
    assertThat(
            TestDatabase.query(
                "SELECT priority, images->1->>'title' AS second FROM "
                    + schema
                    + ".urls WHERE jsonb_array_length(images) = 2"
                    + " ORDER BY loc"))
        .containsExactly(
            row("priority", new BigDecimal("0.9"), "second", null),
            row("priority", new BigDecimal("0.9"), "second", "The Title of Image Two&><'\""));
    assertThat(
            TestDatabase.query(
                "SELECT video_title FROM " + schema + ".urls WHERE loc LIKE '%goldeneye%'"))
        .containsExactly(Map.of("video_title", "2018:E6 - GoldenEye: Source&><'\""));
  }

  @Test
  void imports_openstreetmap_nodes_with_coordinates() {
    run(
        "pyosmium-test-extract.osm",
        """
        source: { format: xml, xml: { recordPath: /osm/node } }
        target: { schema: %s, table: nodes }
        columns:
          - { source: "@id", name: id, type: bigint }
          - { source: "@lat", name: lat, type: "numeric(10,7)" }
          - { source: "@lon", name: lon, type: "numeric(10,7)" }
          - { source: "@user", name: osm_user }
          - { source: "@timestamp", name: edited, type: timestamptz }
        """);

    assertThat(TestDatabase.count(schema + ".nodes")).isEqualTo(12);
    assertThat(
            TestDatabase.query(
                "SELECT lat, lon, osm_user FROM " + schema + ".nodes WHERE id = 1029827677"))
        .containsExactly(
            Map.of(
                "lat",
                new BigDecimal("47.3492297"),
                "lon",
                new BigDecimal("8.4602814"),
                "osm_user",
                "St\u00e9phane Brunner"));
  }
}
