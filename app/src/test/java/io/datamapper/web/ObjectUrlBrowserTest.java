package io.datamapper.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.datamapper.server.Server;
import io.datamapper.testing.TestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Import page with an object URL instead of a file, in a real Chromium: a server of its own
 * without keys (on loopback, so no sign-in) that trusts a file server on 127.0.0.1 ({@code
 * datamapper.allowed-hosts}), as a deployment would trust an internal host.
 */
class ObjectUrlBrowserTest {
  private static final byte[] CSV =
      "id,city\n1,Oslo\n2,Lima\n3,Pune\n".getBytes(StandardCharsets.UTF_8);
  private static HttpServer files;
  private static Server server;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    files.createContext(
        "/exports/cities.csv",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/csv");
          exchange.getResponseHeaders().add("ETag", "\"cities-v1\"");
          exchange.sendResponseHeaders(
              200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : CSV.length);
          if (!"HEAD".equals(exchange.getRequestMethod())) exchange.getResponseBody().write(CSV);
          exchange.close();
        });
    files.start();
    String db = "dm_weburl_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    TestDatabase.execute("CREATE DATABASE " + db);
    Path staging = Files.createTempDirectory("dm-weburl");
    server =
        Server.start(
            Map.of(),
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--datamapper.no-auth=true",
            "--datamapper.db-url=" + TestDatabase.jdbcUrl().replace("/postgres?", "/" + db + "?"),
            "--datamapper.staging-dir=" + staging,
            "--datamapper.node=weburl",
            "--datamapper.allowed-hosts=127.0.0.1",
            "--logging.level.root=WARN");
    browser = new Browser("http://127.0.0.1:" + server.port());
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (server != null) server.close();
    if (files != null) files.stop(0);
  }

  @Test
  void an_object_url_is_detected_previewed_and_imported_without_signing_in() {
    String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/exports/cities.csv";
    browser.open("/");
    assertThat(browser.find(".who").getText()).contains("without keys");

    browser.type("#url", url);
    browser.find("#source-form button[type=submit]").click();
    browser.waitForText("#editor h2", url);
    assertThat(browser.find(".file-notes").getText()).contains("Fetched " + url);
    assertThat(browser.find("#sample").getText()).contains("Oslo", "Pune");
    browser.type("#table", "public.cities");
    browser.find("#import").click();

    browser.waitForText("#summary-headline", "Imported 3 rows into public.cities.");
    browser.screenshot(getClass().getSimpleName() + "/object-url");
    browser.assertCleanSession();
    List<String> sources =
        browser.all(".summary .rejects-link").stream().map(e -> e.getDomAttribute("href")).toList();
    assertThat(sources).hasSize(1);
    browser.open(sources.getFirst().replace("#rejects", ""));
    assertThat(browser.find("h1").getText()).endsWith(": cities.csv");
    assertThat(browser.find(".facts").getText()).contains("Read\n3");
  }
}
