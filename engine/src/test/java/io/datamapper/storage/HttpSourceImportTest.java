package io.datamapper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.datamapper.DataMapperException;
import io.datamapper.db.Migrations;
import io.datamapper.load.AlreadyImportedException;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports from http(s) URLs: a JDK HttpServer on loopback (plain http, as tests use; real
 * sources are https) that serves files with ETags and byte ranges, behind a proxy that can
 * drop a connection.
 */
class HttpSourceImportTest {
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private HttpServer server;
  private FaultyProxy proxy;
  private String schema;
  private Mapping mapping;
  private Importer importer;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/files/", this::serve);
    server.start();
    proxy = new FaultyProxy(server.getAddress().getPort(), "/files/");
    Migrations.migrate(TestDatabase.dataSource());
    importer = Importer.builder().dataSource(TestDatabase.dataSource()).build();
    schema = TestDatabase.freshSchema("http");
    mapping = MappingReader.parse("""
        target: { schema: %s, table: sales }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: name, name: name }
          - { source: amount, name: amount, type: "numeric(10,2)" }
        """.formatted(schema), "sales.yaml");
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    server.stop(0);
  }

  /** Serves {@code files} with a strong ETag, HEAD, and one {@code bytes=N-} range. */
  private void serve(HttpExchange ex) throws IOException {
    byte[] body = files.get(ex.getRequestURI().getPath().substring("/files/".length()));
    if (body == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    if (ex.getRequestMethod().equals("HEAD") && ex.getRequestURI().getRawQuery() != null) {
      ex.sendResponseHeaders(403, -1); // signed for GET only, as pre-signed S3 URLs are
      ex.close();
      return;
    }
    ex.getResponseHeaders().set("ETag", "\"v" + java.util.Arrays.hashCode(body) + "\"");
    ex.getResponseHeaders().set("Accept-Ranges", "bytes");
    int from = 0;
    String range = ex.getRequestHeaders().getFirst("Range");
    if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
      from = Integer.parseInt(range.substring(6, range.length() - 1));
      ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
    }
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      ex.sendResponseHeaders(200, -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body, from, body.length - from);
    }
  }

  private ImportSummary importUrl(String url) {
    try (ResolvedSources sources = Sources.resolve(url, StorageConfig.fromEnvironment(Map.of()).withRetry(S3TestServer.FAST))) {
      return importer.run(ImportRequest.of(sources.sources().get(0), mapping));
    }
  }

  @Test
  void a_url_is_imported_resumed_after_a_dropped_connection_and_not_downloaded_twice() throws Exception {
    String content = ObjectStoreImportTest.csv(1, 30_000);
    files.put("sales.csv", content.getBytes(StandardCharsets.UTF_8));
    String url = proxy.endpoint() + "/files/sales.csv";
    proxy.dropOnceAfter(200_000);

    ImportSummary summary = importUrl(url);

    assertThat(proxy.drops()).isEqualTo(1);
    assertThat(proxy.gets()).as("the first GET and one ranged GET").isEqualTo(2);
    assertThat(summary.rowsInserted()).isEqualTo(30_000);
    assertThat(TestDatabase.query("SELECT count(DISTINCT id) AS n, sum(id) AS s FROM " + schema + ".sales").get(0))
        .isEqualTo(Map.of("n", 30_000L, "s", new java.math.BigDecimal(30_000L * 30_001 / 2)));
    assertThat(TestDatabase.query("SELECT source_uri, sha256 FROM datamapper.imports WHERE id = " + summary.importId()).get(0))
        .isEqualTo(Map.of("source_uri", url, "sha256", ObjectStoreImportTest.sha256(content.getBytes(StandardCharsets.UTF_8))));

    assertThatThrownBy(() -> importUrl(url)).isInstanceOf(AlreadyImportedException.class);
    assertThat(proxy.gets()).as("no GET for the re-import").isEqualTo(2);
  }

  @Test
  void a_url_signed_for_get_only_imports_and_its_signature_stays_out_of_the_ledger() {
    files.put("signed.csv", ObjectStoreImportTest.csv(1, 5).getBytes(StandardCharsets.UTF_8));

    ImportSummary summary = importUrl(proxy.endpoint() + "/files/signed.csv?X-Amz-Signature=abc123&X-Amz-Expires=60");

    assertThat(summary.rowsInserted()).isEqualTo(5);
    assertThat(TestDatabase.query("SELECT source_uri FROM datamapper.imports WHERE id = " + summary.importId()).get(0))
        .isEqualTo(Map.of("source_uri", proxy.endpoint() + "/files/signed.csv"));
  }

  @Test
  void a_missing_file_is_reported_with_its_url() {
    assertThatThrownBy(() -> importUrl(proxy.endpoint() + "/files/nope.csv"))
        .isInstanceOf(DataMapperException.class)
        .hasMessage("Cannot import " + proxy.endpoint() + "/files/nope.csv: there is no file at this URL (HTTP 404).");
  }

  @Test
  void a_signature_in_the_query_is_kept_out_of_the_ledger_and_messages() {
    assertThat(HttpFiles.shown(java.net.URI.create("https://u:p@example.com/a/b.csv?X-Amz-Signature=abc&X-Amz-Credential=k")))
        .isEqualTo("https://example.com/a/b.csv");
    assertThat(HttpFiles.shown(java.net.URI.create("https://example.com:8443/b.csv?page=2"))).isEqualTo("https://example.com:8443/b.csv?page=2");
  }
}
