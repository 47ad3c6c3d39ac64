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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports from http(s) URLs: a JDK HttpServer on loopback (plain http, as tests use; real sources
 * are https) that serves files with ETags and byte ranges, redirects and 503s, behind a proxy that
 * can drop a connection. Loopback is refused by default, so the imports that must reach it allow
 * 127.0.0.1 ({@code DATAMAPPER_ALLOWED_HOSTS}) explicitly.
 */
class HttpSourceImportTest {
  private static final HostPolicy LOOPBACK_ALLOWED = HostPolicy.parse("127.0.0.1");
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private FaultyProxy proxy;
  private String schema;
  private Mapping mapping;
  private Importer importer;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/files/", this::serve);
    server.createContext("/hop/", this::redirect);
    server.start();
    proxy = new FaultyProxy(server.getAddress().getPort(), "/files/");
    Migrations.migrate(TestDatabase.dataSource());
    importer = Importer.builder().dataSource(TestDatabase.dataSource()).build();
    schema = TestDatabase.freshSchema("http");
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

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    server.stop(0);
  }

  /** Serves {@code files} with a strong ETag, HEAD, and one {@code bytes=N-} range. */
  private void serve(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      ex.getResponseHeaders().set("Retry-After", "1");
      ex.sendResponseHeaders(503, -1);
      ex.close();
      return;
    }
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
      ex.getResponseHeaders()
          .set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
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

  /**
   * {@code /hop/N/NAME} redirects to {@code /hop/N-1/NAME} and {@code /hop/0/NAME} to {@code
   * /files/NAME}, with 301, 302, 307 and 308 in turn; {@code /hop/to?url} redirects to url.
   */
  private void redirect(HttpExchange ex) throws IOException {
    String rest = ex.getRequestURI().getRawPath().substring("/hop/".length());
    String location;
    if (rest.equals("to")) {
      location = ex.getRequestURI().getRawQuery();
    } else {
      int n = Integer.parseInt(rest.substring(0, rest.indexOf('/')));
      String name = rest.substring(rest.indexOf('/') + 1);
      location = n == 0 ? "/files/" + name : "/hop/" + (n - 1) + "/" + name;
    }
    ex.getResponseHeaders().set("Location", location);
    int[] codes = {301, 302, 307, 308};
    ex.sendResponseHeaders(codes[Math.floorMod(rest.hashCode(), codes.length)], -1);
    ex.close();
  }

  private ImportSummary importUrl(String url) {
    return importUrl(url, LOOPBACK_ALLOWED);
  }

  private ImportSummary importUrl(String url, HostPolicy hosts) {
    StorageConfig config =
        StorageConfig.fromEnvironment(Map.of()).withRetry(S3TestServer.FAST).withHosts(hosts);
    try (ResolvedSources sources = Sources.resolve(url, config)) {
      return importer.run(ImportRequest.of(sources.sources().get(0), mapping));
    }
  }

  @Test
  void a_loopback_url_is_refused_before_any_request_unless_its_host_is_allowed() {
    files.put("local.csv", ObjectStoreImportTest.csv(1, 3).getBytes(StandardCharsets.UTF_8));
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/local.csv";

    assertThatThrownBy(() -> importUrl(url, HostPolicy.PUBLIC_ONLY))
        .isInstanceOfSatisfying(
            SourceNotAllowedException.class, e -> assertThat(e.url()).isEqualTo(url))
        .hasMessage(
            "Refused to fetch "
                + url
                + ": 127.0.0.1 is a loopback address. Only public addresses are fetched; "
                + "to trust a host on your network, add its name or address range to DATAMAPPER_ALLOWED_HOSTS.");
    assertThat(requests.get()).as("requests that reached the server").isZero();

    assertThat(importUrl(url, HostPolicy.parse("127.0.0.0/8")).rowsInserted()).isEqualTo(3);
  }

  @Test
  void a_redirect_from_an_allowed_host_to_a_loopback_or_metadata_address_is_refused_at_that_hop() {
    files.put("secret.csv", ObjectStoreImportTest.csv(1, 3).getBytes(StandardCharsets.UTF_8));
    int port = server.getAddress().getPort();
    // "localhost" stands for a public host the policy lets through; its redirect names an internal
    // address
    HostPolicy onlyLocalhostByName = HostPolicy.parse("localhost");
    String toLoopback =
        "http://localhost:" + port + "/hop/to?http://127.0.0.1:" + port + "/files/secret.csv";
    String toMetadata =
        "http://localhost:"
            + port
            + "/hop/to?http://169.254.169.254/latest/meta-data/iam/security-credentials/";

    assertThatThrownBy(() -> importUrl(toLoopback, onlyLocalhostByName))
        .isInstanceOf(SourceNotAllowedException.class)
        .hasMessageStartingWith(
            "Refused to fetch http://127.0.0.1:"
                + port
                + "/files/secret.csv: 127.0.0.1 is a loopback address.");
    assertThatThrownBy(() -> importUrl(toMetadata, onlyLocalhostByName))
        .isInstanceOf(SourceNotAllowedException.class)
        .hasMessageContaining("169.254.169.254 is a cloud metadata address");
    assertThat(requests.get()).as("requests that reached /files/").isZero();
  }

  @Test
  void redirects_are_followed_hop_by_hop_up_to_ten() {
    files.put("moved.csv", ObjectStoreImportTest.csv(1, 4).getBytes(StandardCharsets.UTF_8));
    String base = proxy.endpoint() + "/hop/";

    ImportSummary summary = importUrl(base + "9/moved.csv");

    assertThat(summary.rowsInserted()).isEqualTo(4);
    assertThat(
            TestDatabase.query(
                    "SELECT source_uri FROM datamapper.imports WHERE id = " + summary.importId())
                .get(0))
        .as("the ledger keeps the URL asked for")
        .isEqualTo(Map.of("source_uri", base + "9/moved.csv"));
    assertThatThrownBy(() -> importUrl(base + "10/moved.csv"))
        .isInstanceOf(DataMapperException.class)
        .hasMessage("Cannot import " + base + "10/moved.csv: more than 10 redirects.");
    assertThatThrownBy(() -> importUrl(base + "to?file:///etc/passwd"))
        .isInstanceOf(SourceNotAllowedException.class)
        .hasMessageEndingWith("it redirects to a file: URL; only http(s) redirects are followed.");
  }

  @Test
  void a_server_answering_503_then_recovering_is_retried_with_backoff_for_the_head_and_the_get() {
    files.put("busy.csv", ObjectStoreImportTest.csv(1, 2_000).getBytes(StandardCharsets.UTF_8));
    String url = proxy.endpoint() + "/files/busy.csv";
    unavailable.set(3); // HEAD: 503, 503, 503, then 200 (FAST allows 4 tries)

    StorageConfig config =
        StorageConfig.fromEnvironment(Map.of())
            .withRetry(S3TestServer.FAST)
            .withHosts(LOOPBACK_ALLOWED);
    try (ResolvedSources sources = Sources.resolve(url, config)) {
      assertThat(requests.get()).as("HEAD attempts").isEqualTo(4);
      unavailable.set(2); // GET: 503, 503, then 200
      ImportSummary summary = importer.run(ImportRequest.of(sources.sources().get(0), mapping));

      assertThat(summary.rowsInserted()).isEqualTo(2_000);
      assertThat(requests.get()).as("HEAD and GET attempts").isEqualTo(4 + 3);
      assertThat(
              TestDatabase.query(
                      "SELECT count(DISTINCT id) AS n, sum(id) AS s FROM " + schema + ".sales")
                  .get(0))
          .isEqualTo(Map.of("n", 2_000L, "s", new java.math.BigDecimal(2_000L * 2_001 / 2)));
    }

    unavailable.set(10);
    assertThatThrownBy(() -> importUrl(proxy.endpoint() + "/files/busy.csv?again"))
        .isInstanceOf(DataMapperException.class)
        .hasMessage(
            "Cannot reach "
                + proxy.endpoint()
                + "/files/busy.csv?again: the server answered HTTP 503 (4 attempts). "
                + "Check the URL and the network.");
  }

  @Test
  void a_url_is_imported_resumed_after_a_dropped_connection_and_not_downloaded_twice()
      throws Exception {
    String content = ObjectStoreImportTest.csv(1, 30_000);
    files.put("sales.csv", content.getBytes(StandardCharsets.UTF_8));
    String url = proxy.endpoint() + "/files/sales.csv";
    proxy.dropOnceAfter(200_000);

    ImportSummary summary = importUrl(url);

    assertThat(proxy.drops()).isEqualTo(1);
    assertThat(proxy.gets()).as("the first GET and one ranged GET").isEqualTo(2);
    assertThat(summary.rowsInserted()).isEqualTo(30_000);
    assertThat(
            TestDatabase.query(
                    "SELECT count(DISTINCT id) AS n, sum(id) AS s FROM " + schema + ".sales")
                .get(0))
        .isEqualTo(Map.of("n", 30_000L, "s", new java.math.BigDecimal(30_000L * 30_001 / 2)));
    assertThat(
            TestDatabase.query(
                    "SELECT source_uri, sha256 FROM datamapper.imports WHERE id = "
                        + summary.importId())
                .get(0))
        .isEqualTo(
            Map.of(
                "source_uri",
                url,
                "sha256",
                ObjectStoreImportTest.sha256(content.getBytes(StandardCharsets.UTF_8))));

    assertThatThrownBy(() -> importUrl(url)).isInstanceOf(AlreadyImportedException.class);
    assertThat(proxy.gets()).as("no GET for the re-import").isEqualTo(2);
  }

  @Test
  void a_url_signed_for_get_only_imports_and_its_signature_stays_out_of_the_ledger() {
    files.put("signed.csv", ObjectStoreImportTest.csv(1, 5).getBytes(StandardCharsets.UTF_8));

    ImportSummary summary =
        importUrl(proxy.endpoint() + "/files/signed.csv?X-Amz-Signature=abc123&X-Amz-Expires=60");

    assertThat(summary.rowsInserted()).isEqualTo(5);
    assertThat(
            TestDatabase.query(
                    "SELECT source_uri FROM datamapper.imports WHERE id = " + summary.importId())
                .get(0))
        .isEqualTo(Map.of("source_uri", proxy.endpoint() + "/files/signed.csv"));
  }

  @Test
  void a_missing_file_is_reported_with_its_url() {
    assertThatThrownBy(() -> importUrl(proxy.endpoint() + "/files/nope.csv"))
        .isInstanceOf(DataMapperException.class)
        .hasMessage(
            "Cannot import "
                + proxy.endpoint()
                + "/files/nope.csv: there is no file at this URL (HTTP 404).");
  }

  @Test
  void a_signature_in_the_query_is_kept_out_of_the_ledger_and_messages() {
    assertThat(
            HttpFiles.shown(
                java.net.URI.create(
                    "https://u:p@example.com/a/b.csv?X-Amz-Signature=abc&X-Amz-Credential=k")))
        .isEqualTo("https://example.com/a/b.csv");
    assertThat(HttpFiles.shown(java.net.URI.create("https://example.com:8443/b.csv?page=2")))
        .isEqualTo("https://example.com:8443/b.csv?page=2");
  }
}
