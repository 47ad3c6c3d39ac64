package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code datamapper import URL}: the user owns the machine, so the host they typed is trusted even
 * on loopback; a redirect from it to any other internal address is refused, as the server refuses
 * it (finding 6 of issue #16).
 */
class OutboundCliTest {
  private HttpServer server;
  private final AtomicInteger fileRequests = new AtomicInteger();
  private String schema;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/files/",
        ex -> {
          fileRequests.incrementAndGet();
          byte[] body = "id,city\n1,Bern\n2,Zurich\n".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
          try (OutputStream out = ex.getResponseBody()) {
            if (!ex.getRequestMethod().equals("HEAD")) out.write(body);
          }
        });
    server.createContext(
        "/moved",
        ex -> {
          ex.getResponseHeaders().set("Location", ex.getRequestURI().getRawQuery());
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.start();
    schema = TestDatabase.freshSchema("cli_url");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void a_loopback_url_typed_on_the_command_line_is_imported() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/cities.csv";

    CliRun r = CliRun.of("import", url, "--table", schema + ".cities");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(TestDatabase.count(schema + ".cities")).isEqualTo(2);
  }

  @Test
  void a_redirect_from_the_typed_host_to_another_internal_address_is_refused() {
    int port = server.getAddress().getPort();
    String url =
        "http://localhost:" + port + "/moved?http://127.0.0.1:" + port + "/files/cities.csv";

    CliRun r = CliRun.of("import", url, "--table", schema + ".cities");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "Error: Refused to fetch http://127.0.0.1:"
                + port
                + "/files/cities.csv: 127.0.0.1 is a loopback address.")
        .contains("DATAMAPPER_ALLOWED_HOSTS");
    assertThat(fileRequests.get()).as("requests that reached the file").isZero();
  }
}
