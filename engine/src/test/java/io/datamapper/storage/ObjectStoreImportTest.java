package io.datamapper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.DataMapperException;
import io.datamapper.db.Migrations;
import io.datamapper.load.AlreadyImportedException;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Imports from a real S3-compatible server (s3proxy on loopback) through b2:// and s3:// URLs. */
class ObjectStoreImportTest {
  private static S3TestServer s3;
  private static Importer importer;
  private String schema;
  private Mapping mapping;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = new S3TestServer();
    s3.createBucket("data");
    Migrations.migrate(TestDatabase.dataSource());
    importer = Importer.builder().dataSource(TestDatabase.dataSource()).build();
  }

  @AfterAll
  static void stopServer() throws Exception {
    s3.close();
  }

  @BeforeEach
  void freshSchema() {
    schema = TestDatabase.freshSchema("s3");
    mapping =
        MappingReader.parse(
            """
        source: { format: csv }
        target: { schema: %s, table: sales }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: name, name: name }
          - { source: amount, name: amount, type: "numeric(10,2)" }
        """
                .formatted(schema),
            "sales.yaml");
  }

  static String csv(int from, int to) {
    StringBuilder sb = new StringBuilder("id,name,amount\n");
    for (int i = from; i <= to; i++)
      sb.append(i).append(",name ").append(i).append(',').append(i % 1000).append(".25\n");
    return sb.toString();
  }

  private ImportSummary importOne(String location, StorageConfig config) {
    try (ResolvedSources sources = Sources.resolve(location, config)) {
      assertThat(sources.sources()).hasSize(1);
      return importer.run(ImportRequest.of(sources.sources().get(0), mapping));
    }
  }

  private Map<String, Object> ledgerRow(long id) {
    return TestDatabase.query(
            "SELECT file_name, source_uri, source_etag, file_size, sha256, status FROM datamapper.imports WHERE id = "
                + id)
        .get(0);
  }

  @Test
  void imports_a_single_object_and_records_its_url_and_etag_in_the_ledger() throws Exception {
    String content = csv(1, 3);
    s3.put("data", "2026/sales.csv", content);

    ImportSummary summary = importOne("s3://data/2026/sales.csv", s3.config());

    assertThat(summary.rowsInserted()).isEqualTo(3);
    assertThat(
            TestDatabase.query(
                "SELECT id, name, amount::text AS amount FROM " + schema + ".sales ORDER BY id"))
        .containsExactly(
            Map.of("id", 1L, "name", "name 1", "amount", "1.25"),
            Map.of("id", 2L, "name", "name 2", "amount", "2.25"),
            Map.of("id", 3L, "name", "name 3", "amount", "3.25"));
    Map<String, Object> row = ledgerRow(summary.importId());
    assertThat(row.get("file_name")).isEqualTo("sales.csv");
    assertThat(row.get("source_uri")).isEqualTo("s3://data/2026/sales.csv");
    assertThat((String) row.get("source_etag")).isNotBlank();
    assertThat(row.get("file_size")).isEqualTo((long) content.length());
    assertThat(row.get("sha256")).isEqualTo(sha256(content.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void imports_every_object_under_a_prefix_each_on_its_own_and_skips_those_already_imported() {
    s3.put("data", "batch/a.csv", csv(1, 2));
    s3.put("data", "batch/b.csv", csv(3, 5));
    s3.put("data", "batch/sub/c.csv", csv(6, 6));
    s3.put("data", "other/d.csv", csv(100, 200));

    List<String> first = importAll("b2://data/batch/");
    assertThat(first).containsExactly("imported a.csv 2", "imported b.csv 3", "imported c.csv 1");

    s3.put("data", "batch/e.csv", csv(7, 8));
    List<String> second =
        importAll("b2://data/batch/"); // in key order: batch/e.csv before batch/sub/c.csv
    assertThat(second)
        .containsExactly("skipped a.csv", "skipped b.csv", "imported e.csv 2", "skipped c.csv");
    assertThat(TestDatabase.count(schema + ".sales")).isEqualTo(8);
    assertThat(
            TestDatabase.query(
                    "SELECT source_uri FROM datamapper.imports WHERE status = 'succeeded' AND target_schema = '"
                        + schema
                        + "' ORDER BY id")
                .stream()
                .map(r -> r.get("source_uri"))
                .toList())
        .containsExactly(
            "b2://data/batch/a.csv",
            "b2://data/batch/b.csv",
            "b2://data/batch/sub/c.csv",
            "b2://data/batch/e.csv");
  }

  private List<String> importAll(String prefix) {
    List<String> outcome = new ArrayList<>();
    try (ResolvedSources sources = Sources.resolve(prefix, s3.config())) {
      assertThat(sources.prefix()).isTrue();
      for (ImportSource source : sources.sources()) {
        try {
          outcome.add(
              "imported "
                  + source.name()
                  + " "
                  + importer.run(ImportRequest.of(source, mapping)).rowsInserted());
        } catch (AlreadyImportedException e) {
          outcome.add("skipped " + source.name());
        }
      }
    }
    return outcome;
  }

  @Test
  void a_missing_object_or_bucket_is_named_in_the_error() {
    assertThatThrownBy(() -> Sources.resolve("s3://data/2026/nope.csv", s3.config()))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ObjectStoreException.Kind.NOT_FOUND);
              assertThat(e.url()).isEqualTo("s3://data/2026/nope.csv");
            })
        .hasMessageStartingWith("There is no object s3://data/2026/nope.csv");
    assertThatThrownBy(() -> Sources.resolve("b2://no-such-bucket/x.csv", s3.config()))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.kind()).isEqualTo(ObjectStoreException.Kind.NOT_FOUND))
        .hasMessageContaining("The bucket 'no-such-bucket' does not exist")
        .hasMessageContaining("B2_REGION");
    assertThatThrownBy(() -> Sources.resolve("s3://no-such-bucket/2026/", s3.config()))
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining("The bucket 'no-such-bucket' does not exist");
    assertThatThrownBy(() -> Sources.resolve("s3://data/empty-prefix/", s3.config()))
        .isInstanceOf(DataMapperException.class)
        .hasMessage("There are no objects under s3://data/empty-prefix/.");
  }

  @Test
  void wrong_credentials_are_refused_with_advice_and_without_the_secret() {
    s3.put("data", "secret.csv", csv(1, 1));

    assertThatThrownBy(
            () ->
                Sources.resolve(
                    "b2://data/secret.csv",
                    S3TestServer.config(s3.endpoint, S3TestServer.KEY_ID, "wrong-secret-42")))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.kind()).isEqualTo(ObjectStoreException.Kind.ACCESS_DENIED))
        .hasMessageContaining("Access to b2://data/secret.csv")
        .hasMessageContaining("was refused (HTTP 403)")
        .hasMessageContaining("B2_APPLICATION_KEY_ID and B2_APPLICATION_KEY")
        .message()
        .doesNotContain("wrong-secret-42");
    assertThatThrownBy(
            () ->
                Sources.resolve(
                    "s3://data/secret.csv", S3TestServer.config(s3.endpoint, "unknown-key", "x")))
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void a_re_import_is_recognised_from_the_etag_without_downloading_the_object_again()
      throws Exception {
    s3.put("data", "again/orders.csv", csv(1, 10));
    try (FaultyProxy proxy = new FaultyProxy(s3.endpoint.getPort(), "/data/again/orders.csv")) {
      StorageConfig viaProxy =
          S3TestServer.config(proxy.endpoint(), S3TestServer.KEY_ID, S3TestServer.SECRET);
      ImportSummary first = importOne("s3://data/again/orders.csv", viaProxy);
      assertThat(proxy.gets()).isEqualTo(1);

      assertThatThrownBy(() -> importOne("s3://data/again/orders.csv", viaProxy))
          .isInstanceOf(AlreadyImportedException.class)
          .hasMessageContaining("as import #" + first.importId());
      assertThat(proxy.gets()).as("GET requests for the object").isEqualTo(1);
      assertThat(TestDatabase.count(schema + ".sales")).isEqualTo(10);
    }
  }

  @Test
  void a_connection_dropped_mid_download_is_resumed_and_every_row_arrives_exactly_once()
      throws Exception {
    String content = csv(1, 40_000);
    s3.put("data", "big/rows.csv", content);
    try (FaultyProxy proxy = new FaultyProxy(s3.endpoint.getPort(), "/data/big/rows.csv")) {
      proxy.dropOnceAfter(300_000);
      ImportSummary summary =
          importOne(
              "s3://data/big/rows.csv",
              S3TestServer.config(proxy.endpoint(), S3TestServer.KEY_ID, S3TestServer.SECRET));

      assertThat(proxy.drops()).isEqualTo(1);
      assertThat(proxy.gets()).as("the first GET and one ranged GET").isEqualTo(2);
      assertThat(summary.rowsInserted()).isEqualTo(40_000);
      assertThat(
              TestDatabase.query(
                      "SELECT count(DISTINCT id) AS n, sum(id) AS s, max(name) AS m FROM "
                          + schema
                          + ".sales")
                  .get(0))
          .isEqualTo(
              Map.of(
                  "n",
                  40_000L,
                  "s",
                  new java.math.BigDecimal(40_000L * 40_001 / 2),
                  "m",
                  "name 9999"));
      assertThat(ledgerRow(summary.importId()).get("sha256"))
          .isEqualTo(sha256(content.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void
      the_same_object_may_feed_another_table_and_a_new_version_under_the_same_key_is_imported_again() {
    s3.put("data", "versions/prices.csv", csv(1, 2));
    ImportSummary first = importOne("s3://data/versions/prices.csv", s3.config());
    mapping =
        mapping.withTarget(
            new io.datamapper.mapping.TargetSpec(
                schema, "sales_copy", true, mapping.target().mode()));
    ImportSummary copy = importOne("s3://data/versions/prices.csv", s3.config());

    s3.put("data", "versions/prices.csv", csv(3, 5));
    ImportSummary second = importOne("s3://data/versions/prices.csv", s3.config());

    assertThat(List.of(first.rowsInserted(), copy.rowsInserted(), second.rowsInserted()))
        .containsExactly(2L, 2L, 3L);
    assertThat(ledgerRow(second.importId()).get("source_etag"))
        .isNotEqualTo(ledgerRow(first.importId()).get("source_etag"));
  }

  @Test
  void a_store_that_cannot_be_reached_is_reported_with_its_endpoint() {
    StorageConfig nowhere = S3TestServer.config(URI.create("http://127.0.0.1:1"), "k", "s");
    assertThatThrownBy(() -> Sources.resolve("s3://data/x.csv", nowhere))
        .isInstanceOf(DataMapperException.class)
        .hasMessageStartingWith(
            "Cannot reach the object store at http://127.0.0.1:1 for s3://data/x.csv");
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
