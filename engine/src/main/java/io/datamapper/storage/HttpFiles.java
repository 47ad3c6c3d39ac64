package io.datamapper.storage;

import io.datamapper.DataMapperException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files at {@code https://} URLs (and {@code http://}, meant for tests and local servers only)
 * through the JDK's HttpURLConnection (it has a read timeout, so a stalled download fails and is
 * resumed instead of hanging): a HEAD for size and ETag, then a GET that resumes with a {@code
 * Range} request after a dropped connection. Every request goes through {@link HttpHops}: redirects
 * followed one by one, each host checked against the {@link HostPolicy}. A 5xx, 429 or 408 answer
 * or a broken connection is retried as {@link Retry} says. Thread-safe.
 */
final class HttpFiles {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFiles.class);
  private static final Pattern SECRET_QUERY =
      Pattern.compile("(?i)(sig|signature|token|key|credential|secret|auth|password)");
  private final Retry retry;
  private final HttpHops hops;

  HttpFiles(Retry retry, HostPolicy policy) {
    this.retry = retry;
    this.hops = new HttpHops(policy);
  }

  static boolean matches(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("https://") || l.startsWith("http://");
  }

  /**
   * The file's size and ETag (when the server gives them), without reading it; a transient failure
   * (5xx, 429, 408, a broken connection) is retried with backoff.
   */
  RemoteObject head(URI url) {
    String shown = shown(url);
    for (int attempt = 1; ; attempt++) {
      try {
        return headOnce(url, shown);
      } catch (IOException e) {
        if (!transientFailure(e) || attempt >= retry.attempts()) {
          throw new DataMapperException(
              "Cannot reach "
                  + shown
                  + ": "
                  + message(e)
                  + (attempt > 1 ? " (" + attempt + " attempts)" : "")
                  + ". Check the URL and the network.",
              e);
        }
        LOG.warn(
            "{}: {}; retrying in up to {} ms (attempt {} of {})",
            shown,
            message(e),
            retry.backoff(attempt + 1).toMillis(),
            attempt + 1,
            retry.attempts());
        try {
          retry.sleepBefore(attempt + 1);
        } catch (InterruptedIOException interrupted) {
          throw new DataMapperException("Interrupted while waiting to retry " + shown, interrupted);
        }
      }
    }
  }

  private RemoteObject headOnce(URI url, String shown) throws IOException {
    HttpURLConnection c = hops.open(url, "HEAD", Map.of());
    try {
      int status = c.getResponseCode();
      // no HEAD, or a URL signed for GET only (pre-signed S3 URLs answer a HEAD with 403): learn
      // nothing now and let the GET decide
      if (status == 405 || status == 501 || status == 403 || status == 401)
        return new RemoteObject(shown, fileName(url), -1, null);
      if (status >= 500 || status == 429 || status == 408)
        throw new IOException("the server answered HTTP " + status);
      refuse(status, shown);
      long size = c.getContentLengthLong();
      String encoding = c.getHeaderField("Content-Encoding");
      if (encoding != null && !encoding.equalsIgnoreCase("identity")) size = -1;
      String etag = c.getHeaderField("ETag");
      if (etag != null && etag.startsWith("W/")) etag = null;
      return new RemoteObject(shown, fileName(url), size, etag);
    } finally {
      c.disconnect();
    }
  }

  /** Worth trying again: not a name that does not resolve, nor a certificate the JDK refused. */
  private static boolean transientFailure(IOException e) {
    if (e instanceof UnknownHostException) return false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException)
        return false;
    }
    return true;
  }

  /** The file's bytes as one stream that resumes after a dropped connection. */
  InputStream open(URI url, RemoteObject file) {
    return new ResumingInputStream(
        offset -> openAt(url, file, offset), file.size(), retry, file.uri());
  }

  private InputStream openAt(URI url, RemoteObject file, long offset) throws IOException {
    if (file.size() >= 0 && offset >= file.size()) return InputStream.nullInputStream();
    Map<String, String> headers = new LinkedHashMap<>();
    if (offset > 0) {
      headers.put("Range", "bytes=" + offset + "-");
      if (file.etag() != null) headers.put("If-Range", file.etag());
    }
    HttpURLConnection c = hops.open(url, "GET", headers);
    int status = c.getResponseCode();
    if (status >= 500 || status == 429 || status == 408) {
      c.disconnect();
      throw new IOException("the server answered HTTP " + status);
    }
    if (status != 200 && status != 206) {
      c.disconnect();
      refuse(status, file.uri());
    }
    InputStream body = new Disconnecting(c);
    if (offset > 0 && status == 200) {
      // the server sent the whole file again: it ignores ranges, or the file changed
      if (file.etag() != null && !file.etag().equals(c.getHeaderField("ETag"))) {
        body.close();
        throw new DataMapperException(
            file.uri() + " changed while it was being read; run the import again");
      }
      body.skipNBytes(offset);
    }
    return body;
  }

  /** A response body whose early close drops the connection instead of reading the rest. */
  private static final class Disconnecting extends AbandonableBody {
    private final HttpURLConnection connection;

    Disconnecting(HttpURLConnection connection) throws IOException {
      super(connection.getInputStream());
      this.connection = connection;
    }

    @Override
    public void close() throws IOException {
      if (!ended()) connection.disconnect();
      else super.close();
    }
  }

  private static void refuse(int status, String shown) {
    if (status >= 200 && status < 300) return;
    String why =
        switch (status) {
          case 404, 410 -> "there is no file at this URL (HTTP " + status + ")";
          case 401, 403 ->
              "the server refused access (HTTP "
                  + status
                  + "); use a URL that may be read without logging in, "
                  + "such as a pre-signed one";
          default -> "the server answered HTTP " + status;
        };
    throw new DataMapperException("Cannot import " + shown + ": " + why + ".");
  }

  /**
   * The URL as shown and recorded: without user info, and without a query that carries a signature
   * or token.
   */
  static String shown(URI url) {
    String query = url.getRawQuery();
    boolean secretQuery = query != null && SECRET_QUERY.matcher(query).find();
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    return url.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + url.getHost()
        + port
        + url.getRawPath()
        + (query == null || secretQuery ? "" : "?" + query);
  }

  private static String fileName(URI url) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    String last = path.substring(path.lastIndexOf('/') + 1);
    String decoded = URLDecoder.decode(last, StandardCharsets.UTF_8);
    return decoded.isEmpty() ? url.getHost() : decoded;
  }

  private static String message(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
