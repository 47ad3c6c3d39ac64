package io.datamapper.storage;

import io.datamapper.DataMapperException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;

/**
 * Requests to URLs that come from users, as a fetch that must not reach internal addresses makes
 * them: no proxy (so the address checked is the one connected to), redirects followed here rather
 * than by the JDK, at most {@value #MAX_REDIRECTS}, and before every hop the host's addresses
 * checked against the {@link HostPolicy} — all of them, so a name with one public and one private
 * address is refused. For {@code https} the connected socket's peer is checked again before TLS
 * starts ({@link PinnedSslSocketFactory}), which closes the window in which DNS could answer
 * differently between the check and the connection. Plain {@code http} connects through the JVM's
 * address cache, which the check has just filled (see docs/decisions.md). Thread-safe.
 */
final class HttpHops {
  static final int MAX_REDIRECTS = 10;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int READ_TIMEOUT_MILLIS = 60_000;
  private final HostPolicy policy;

  HttpHops(HostPolicy policy) {
    this.policy = policy;
  }

  /**
   * The response to {@code method} on {@code url} after following redirects; the caller reads it
   * and disconnects. {@code headers} are sent on every hop.
   *
   * @throws SourceNotAllowedException when a hop's host is not allowed
   * @throws DataMapperException for too many redirects or a redirect to something other than
   *     http(s)
   * @throws IOException when a hop cannot be reached or fails
   */
  HttpURLConnection open(URI url, String method, Map<String, String> headers) throws IOException {
    URI current = url;
    for (int hop = 0; ; hop++) {
      HttpURLConnection c = connect(current, method, headers);
      int status;
      try {
        status = c.getResponseCode();
      } catch (IOException e) {
        c.disconnect();
        SourceNotAllowedException refused = refusalIn(e);
        if (refused != null) throw refused;
        throw e;
      }
      if (!isRedirect(status)) return c;
      String location = c.getHeaderField("Location");
      c.disconnect();
      if (location == null)
        throw new IOException(
            "HTTP " + status + " without a Location header from " + HttpFiles.shown(current));
      if (hop >= MAX_REDIRECTS) {
        throw new DataMapperException(
            "Cannot import "
                + HttpFiles.shown(url)
                + ": more than "
                + MAX_REDIRECTS
                + " redirects.");
      }
      current = next(current, location, url);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static URI next(URI from, String location, URI original) {
    URI to;
    try {
      to = from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new DataMapperException(
          "Cannot import " + HttpFiles.shown(original) + ": a redirect to an invalid URL.", e);
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || to.getHost() == null) {
      throw new SourceNotAllowedException(
          HttpFiles.shown(original),
          "Cannot import "
              + HttpFiles.shown(original)
              + ": it redirects to a "
              + (scheme.isEmpty() ? "URL without a scheme" : scheme + ": URL")
              + "; only http(s) redirects are followed.");
    }
    return to;
  }

  private HttpURLConnection connect(URI url, String method, Map<String, String> headers)
      throws IOException {
    String host = url.getHost();
    String shown = HttpFiles.shown(url);
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!policy.allowsName(bare)) policy.check(shown, bare, InetAddress.getAllByName(bare));
    HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
    if (c instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(
          new PinnedSslSocketFactory(
              HttpsURLConnection.getDefaultSSLSocketFactory(), policy, bare, shown));
    }
    c.setRequestMethod(method);
    c.setInstanceFollowRedirects(false);
    c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    c.setReadTimeout(READ_TIMEOUT_MILLIS);
    c.setUseCaches(false);
    c.setRequestProperty("Accept-Encoding", "identity");
    headers.forEach(c::setRequestProperty);
    return c;
  }

  /**
   * The refusal a failed hop carries (the pinned TLS factory raises it as an IOException), or null.
   */
  static SourceNotAllowedException refusalIn(Throwable t) {
    for (Throwable e = t; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof SourceNotAllowedException s) return s;
    }
    return null;
  }
}
