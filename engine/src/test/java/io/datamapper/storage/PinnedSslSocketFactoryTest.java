package io.datamapper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The DNS-rebinding guard for https: whatever a name resolved to when it was checked, the TLS layer
 * sees the address the socket actually reached and refuses it before sending a byte.
 */
class PinnedSslSocketFactoryTest {

  private static PinnedSslSocketFactory factory(HostPolicy policy) {
    return new PinnedSslSocketFactory(
        HttpsURLConnection.getDefaultSSLSocketFactory(),
        policy,
        "files.example.com",
        "https://files.example.com/a.csv");
  }

  @Test
  void a_socket_that_reached_a_loopback_address_is_refused_and_an_allowed_one_is_layered()
      throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());

      assertThatThrownBy(
              () ->
                  factory(HostPolicy.PUBLIC_ONLY)
                      .createSocket(plain, "files.example.com", listener.getLocalPort(), true))
          .isInstanceOf(PinnedSslSocketFactory.RefusedAddress.class)
          .hasMessageStartingWith(
              "Refused to fetch https://files.example.com/a.csv: files.example.com resolves to 127.0.0.1, "
                  + "a loopback address.");
      assertThat(plain.isClosed()).isTrue();

      try (Socket again = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
          Socket tls =
              factory(HostPolicy.parse("127.0.0.0/8"))
                  .createSocket(again, "files.example.com", listener.getLocalPort(), true)) {
        assertThat(tls).isInstanceOf(SSLSocket.class);
      }
    }
  }

  @Test
  void https_url_connection_layers_tls_through_the_guard_so_a_refused_peer_gets_no_client_hello()
      throws Exception {
    assertThatThrownBy(() -> factory(HostPolicy.PUBLIC_ONLY).createSocket())
        .isInstanceOf(SocketException.class)
        .hasCauseInstanceOf(UnsupportedOperationException.class);
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> received =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = listener.accept();
                    InputStream in = s.getInputStream()) {
                  return in.readAllBytes().length;
                } catch (IOException e) {
                  return -1;
                }
              });
      HttpsURLConnection c =
          (HttpsURLConnection)
              URI.create("https://127.0.0.1:" + listener.getLocalPort() + "/a.csv")
                  .toURL()
                  .openConnection(java.net.Proxy.NO_PROXY);
      c.setSSLSocketFactory(factory(HostPolicy.PUBLIC_ONLY));
      c.setConnectTimeout(5_000);

      assertThatThrownBy(c::getResponseCode)
          .isInstanceOf(IOException.class)
          .satisfies(e -> assertThat(HttpHops.refusalIn(e)).isNotNull());
      assertThat(received.get(10, TimeUnit.SECONDS)).as("bytes the refused peer received").isZero();
    }
  }
}
