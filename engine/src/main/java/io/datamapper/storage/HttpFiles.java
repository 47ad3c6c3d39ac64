package io.datamapper.storage;

import io.datamapper.DataMapperException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Files at {@code https://} URLs (and {@code http://}, meant for tests and local servers only)
 * through the JDK's HttpURLConnection (it has a read timeout, so a stalled download fails and is
 * resumed instead of hanging): a HEAD for size and ETag, then a GET that resumes with a
 * {@code Range} request after a dropped connection. Thread-safe.
 */
final class HttpFiles {
  private static final Pattern SECRET_QUERY = Pattern.compile("(?i)(sig|signature|token|key|credential|secret|auth|password)");
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int READ_TIMEOUT_MILLIS = 60_000;
  private final Retry retry;

  HttpFiles(Retry retry) {
    this.retry = retry;
  }

  static boolean matches(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("https://") || l.startsWith("http://");
  }

  /** The file's size and ETag (when the server gives them), without reading it. */
  RemoteObject head(URI url) {
    String shown = shown(url);
    String name = fileName(url);
    HttpURLConnection c = null;
    try {
      c = connect(url, "HEAD");
      int status = c.getResponseCode();
      // no HEAD, or a URL signed for GET only (pre-signed S3 URLs answer a HEAD with 403): learn
      // nothing now and let the GET decide
      if (status == 405 || status == 501 || status == 403 || status == 401) return new RemoteObject(shown, name, -1, null);
      refuse(status, shown);
      long size = c.getContentLengthLong();
      String encoding = c.getHeaderField("Content-Encoding");
      if (encoding != null && !encoding.equalsIgnoreCase("identity")) size = -1;
      String etag = c.getHeaderField("ETag");
      if (etag != null && etag.startsWith("W/")) etag = null;
      return new RemoteObject(shown, name, size, etag);
    } catch (IOException e) {
      throw new DataMapperException("Cannot reach " + shown + ": " + message(e) + ". Check the URL and the network.", e);
    } finally {
      if (c != null) c.disconnect();
    }
  }

  /** The file's bytes as one stream that resumes after a dropped connection. */
  InputStream open(URI url, RemoteObject file) {
    return new ResumingInputStream(offset -> openAt(url, file, offset), file.size(), retry, file.uri());
  }

  private InputStream openAt(URI url, RemoteObject file, long offset) throws IOException {
    if (file.size() >= 0 && offset >= file.size()) return InputStream.nullInputStream();
    HttpURLConnection c = connect(url, "GET");
    if (offset > 0) {
      c.setRequestProperty("Range", "bytes=" + offset + "-");
      if (file.etag() != null) c.setRequestProperty("If-Range", file.etag());
    }
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
        throw new DataMapperException(file.uri() + " changed while it was being read; run the import again");
      }
      body.skipNBytes(offset);
    }
    return body;
  }

  private static HttpURLConnection connect(URI url, String method) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
    c.setRequestMethod(method);
    c.setInstanceFollowRedirects(true);
    c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    c.setReadTimeout(READ_TIMEOUT_MILLIS);
    c.setUseCaches(false);
    c.setRequestProperty("Accept-Encoding", "identity");
    return c;
  }

  /** A response body whose early close drops the connection instead of reading the rest. */
  private static final class Disconnecting extends FilterInputStream {
    private final HttpURLConnection connection;
    private boolean ended;

    Disconnecting(HttpURLConnection connection) throws IOException {
      super(connection.getInputStream());
      this.connection = connection;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0) ended = true;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (!ended) connection.disconnect();
      else super.close();
    }
  }

  private static void refuse(int status, String shown) {
    if (status >= 200 && status < 300) return;
    String why = switch (status) {
      case 404, 410 -> "there is no file at this URL (HTTP " + status + ")";
      case 401, 403 -> "the server refused access (HTTP " + status + "); use a URL that may be read without logging in, "
          + "such as a pre-signed one";
      default -> "the server answered HTTP " + status;
    };
    throw new DataMapperException("Cannot import " + shown + ": " + why + ".");
  }

  /** The URL as shown and recorded: without user info, and without a query that carries a signature or token. */
  static String shown(URI url) {
    String query = url.getRawQuery();
    boolean secretQuery = query != null && SECRET_QUERY.matcher(query).find();
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost() + port + url.getRawPath()
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
