package io.datamapper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.db.Migrations;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An object store that sheds load (503 SlowDown, answered by a proxy in front of s3proxy) and then
 * recovers: the client retries with backoff and the import is exact; a store that does not recover
 * fails after the configured attempts with the store's answer.
 */
class StoreRetryTest {
  private static S3TestServer s3;
  private static FaultyProxy proxy;
  private static StorageConfig viaProxy;
  private static Importer importer;
  private String schema;
  private Mapping mapping;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3TestServer();
    s3.createBucket("busy");
    proxy = new FaultyProxy(s3.endpoint.getPort(), "/busy/");
    viaProxy =
        S3TestServer.config(
            proxy.endpoint(), S3TestServer.KEY_ID, S3TestServer.SECRET); // 4 attempts
    Migrations.migrate(TestDatabase.dataSource());
    importer = Importer.builder().dataSource(TestDatabase.dataSource()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    s3.close();
  }

  @BeforeEach
  void freshSchema() {
    schema = TestDatabase.freshSchema("s3_retry");
    mapping =
        MappingReader.parse(
            """
        target: { schema: %s, table: sales }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: name, name: name }
          - { source: amount, name: amount, type: "numeric(10,2)" }
        """
                .formatted(schema),
            "sales.yaml");
  }

  @Test
  void a_store_answering_503_slow_down_then_recovering_is_retried_and_the_import_is_exact() {
    s3.put("busy", "2026/sales.csv", ObjectStoreImportTest.csv(1, 5_000));
    int before = proxy.requests();
    proxy.failNext(3); // the HEAD: three 503s, then the object

    try (ResolvedSources sources = Sources.resolve("s3://busy/2026/sales.csv", viaProxy)) {
      assertThat(proxy.requests() - before).as("HEAD attempts").isEqualTo(4);
      proxy.failNext(2); // the GET: two 503s, then the bytes
      ImportSummary summary = importer.run(ImportRequest.of(sources.sources().get(0), mapping));

      assertThat(summary.rowsInserted()).isEqualTo(5_000);
      assertThat(proxy.requests() - before).as("HEAD and GET attempts").isEqualTo(4 + 3);
      assertThat(proxy.failed()).isEqualTo(5);
    }
    assertThat(
            TestDatabase.query(
                    "SELECT count(*) AS n, count(DISTINCT id) AS d, sum(id) AS s FROM "
                        + schema
                        + ".sales")
                .get(0))
        .isEqualTo(
            Map.of("n", 5_000L, "d", 5_000L, "s", new java.math.BigDecimal(5_000L * 5_001 / 2)));
  }

  @Test
  void a_store_that_keeps_answering_503_fails_after_the_configured_attempts_with_its_answer() {
    s3.put("busy", "2026/down.csv", ObjectStoreImportTest.csv(1, 3));
    int before = proxy.requests();
    proxy.failNext(100);
    try {
      assertThatThrownBy(() -> Sources.resolve("s3://busy/2026/down.csv", viaProxy))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> assertThat(e.kind()).isEqualTo(ObjectStoreException.Kind.UNAVAILABLE))
          .hasMessageContaining("refused s3://busy/2026/down.csv: HTTP 503")
          .hasMessageContaining("Try again later");
      assertThat(proxy.requests() - before).as("attempts").isEqualTo(4);
    } finally {
      proxy.failNext(0);
    }
  }
}
