package io.datamapper.storage;

import io.datamapper.DataMapperException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Files at {@code https://} URLs (and {@code http://}, meant for tests and local servers only)
 * through the JDK's HttpClient: a HEAD for size and ETag, then a GET that resumes with a
 * {@code Range} request after a dropped connection. Thread-safe.
 */
final class HttpFiles {
  private static final Pattern SECRET_QUERY = Pattern.compile("(?i)(sig|signature|token|key|credential|secret|auth|password)");
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();
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
    HttpResponse<Void> r;
    try {
      r = client.send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new DataMapperException("Cannot reach " + shown + ": " + message(e) + ". Check the URL and the network.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataMapperException("Interrupted while asking " + shown + " for the file", e);
    }
    int status = r.statusCode();
    // no HEAD, or a URL signed for GET only (pre-signed S3 URLs answer a HEAD with 403): learn
    // nothing now and let the GET decide
    if (status == 405 || status == 501 || status == 403 || status == 401) return new RemoteObject(shown, name, -1, null);
    refuse(status, shown);
    long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (r.headers().firstValue("Content-Encoding").filter(v -> !v.equalsIgnoreCase("identity")).isPresent()) size = -1;
    String etag = r.headers().firstValue("ETag").filter(v -> !v.startsWith("W/")).orElse(null);
    return new RemoteObject(shown, name, size, etag);
  }

  /** The file's bytes as one stream that resumes after a dropped connection. */
  InputStream open(URI url, RemoteObject file) {
    return new ResumingInputStream(offset -> openAt(url, file, offset), file.size(), retry, file.uri());
  }

  private InputStream openAt(URI url, RemoteObject file, long offset) throws IOException {
    if (file.size() >= 0 && offset >= file.size()) return InputStream.nullInputStream();
    HttpRequest.Builder request = request(url).GET();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
      if (file.etag() != null) request.header("If-Range", file.etag());
    }
    HttpResponse<InputStream> r;
    try {
      r = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while downloading " + file.uri());
    }
    int status = r.statusCode();
    if (status >= 500 || status == 429 || status == 408) {
      r.body().close();
      throw new IOException("the server answered HTTP " + status);
    }
    if (status != 200 && status != 206) {
      r.body().close();
      refuse(status, file.uri());
    }
    InputStream body = r.body();
    if (offset > 0 && status == 200) {
      // the server sent the whole file again: it ignores ranges, or the file changed
      String etag = r.headers().firstValue("ETag").orElse(null);
      if (file.etag() != null && !file.etag().equals(etag)) {
        body.close();
        throw new DataMapperException(file.uri() + " changed while it was being read; run the import again");
      }
      body.skipNBytes(offset);
    }
    return body;
  }

  private static HttpRequest.Builder request(URI url) {
    return HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).header("Accept-Encoding", "identity");
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
