package io.datamapper.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS for one outbound hop that checks the address the TCP connection actually reached before a
 * byte of TLS is sent. It refuses to make unconnected sockets, so {@code HttpsURLConnection}
 * connects a plain socket itself and hands it here to be layered: that socket's peer is the address
 * DNS gave at connect time, so a name that resolved to a public address when it was checked and to
 * a private one a moment later (DNS rebinding) is caught here. Host name verification and SNI stay
 * the delegate's, with the URL's host name.
 */
final class PinnedSslSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final HostPolicy policy;
  private final String host;
  private final String shownUrl;

  PinnedSslSocketFactory(
      SSLSocketFactory delegate, HostPolicy policy, String host, String shownUrl) {
    this.delegate = delegate;
    this.policy = policy;
    this.host = host;
    this.shownUrl = shownUrl;
  }

  /** A refused address, as an IOException so it passes through HttpURLConnection unchanged. */
  static final class RefusedAddress extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedAddress(SourceNotAllowedException refusal) {
      super(refusal.getMessage(), refusal);
    }
  }

  private Socket checked(Socket s) throws IOException {
    InetAddress peer = s.getInetAddress();
    String why = peer == null ? "not connected" : policy.refusal(host, peer);
    if (why != null) {
      s.close();
      throw new RefusedAddress(HostPolicy.refused(shownUrl, host, peer, why));
    }
    return s;
  }

  @Override
  public Socket createSocket() throws IOException {
    // the JDK then connects a plain socket and layers TLS on it through createSocket(Socket, ...)
    throw new SocketException(
        "unconnected sockets are not made here", new UnsupportedOperationException());
  }

  @Override
  public Socket createSocket(Socket s, String h, int port, boolean autoClose) throws IOException {
    checked(s);
    return delegate.createSocket(s, h, port, autoClose);
  }

  @Override
  public Socket createSocket(String h, int port) throws IOException {
    return checked(delegate.createSocket(h, port));
  }

  @Override
  public Socket createSocket(String h, int port, InetAddress localHost, int localPort)
      throws IOException {
    return checked(delegate.createSocket(h, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress address, int port) throws IOException {
    return checked(delegate.createSocket(address, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return checked(delegate.createSocket(address, port, localAddress, localPort));
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }
}
