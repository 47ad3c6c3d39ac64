package io.datamapper.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of an HTTP server for fault tests: it counts the requests whose
 * path starts with a given prefix; once asked, it cuts the connection that is answering after a
 * given number of response bytes (once), or answers the next requests for the prefix itself with
 * S3's {@code 503 SlowDown} and closes the connection. Traffic stays on 127.0.0.1.
 */
public final class FaultyProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final String countedPath;
  private final AtomicInteger gets = new AtomicInteger();
  private final AtomicInteger drops = new AtomicInteger();
  private final AtomicLong dropAfter = new AtomicLong(-1);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile boolean closed;

  public FaultyProxy(int targetPort, String countedPath) throws IOException {
    this.targetPort = targetPort;
    this.countedPath = countedPath;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "faulty-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** The next connection whose responses pass {@code bytes} is cut there (once). */
  public void dropOnceAfter(long bytes) {
    dropAfter.set(bytes);
  }

  /**
   * The next {@code n} requests for the counted prefix are answered {@code 503 SlowDown} here,
   * never reaching the server.
   */
  public void failNext(int n) {
    failNext.set(n);
  }

  /** Requests (any method) seen for the counted prefix, the failed ones included. */
  public int requests() {
    return requests.get();
  }

  /** Requests answered with 503 by {@link #failNext(int)}. */
  public int failed() {
    return failed.get();
  }

  /** GET requests seen for paths starting with the counted prefix. */
  public int gets() {
    return gets.get();
  }

  public int drops() {
    return drops.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        pump(client.getInputStream(), upstream, client, upstream, true);
        pump(upstream.getInputStream(), client, client, upstream, false);
      } catch (IOException e) {
        if (!closed) System.err.println("faulty proxy: " + e);
      }
    }
  }

  private void pump(InputStream from, Socket to, Socket client, Socket upstream, boolean request) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16384];
              long sent = 0;
              try (OutputStream out = to.getOutputStream()) {
                for (int n; (n = from.read(buf)) >= 0; ) {
                  if (request) {
                    String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                    Matcher m = REQUEST_LINE.matcher(text);
                    while (m.find()) {
                      if (m.start() > 0 && text.charAt(m.start() - 1) != '\n'
                          || !m.group(2).startsWith(countedPath)) continue;
                      requests.incrementAndGet();
                      if (m.group(1).equals("GET")) gets.incrementAndGet();
                      if (m.start() == 0 && failNext.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
                        failed.incrementAndGet();
                        answerSlowDown(client, m.group(1).equals("HEAD"));
                        upstream.close();
                        return;
                      }
                    }
                  } else {
                    long limit = dropAfter.get();
                    if (limit >= 0 && sent + n > limit && dropAfter.compareAndSet(limit, -1)) {
                      out.write(buf, 0, (int) Math.max(0, limit - sent));
                      out.flush();
                      drops.incrementAndGet();
                      client.setSoLinger(
                          true, 0); // a reset, as a dropped connection looks to the client
                      client.close();
                      upstream.close();
                      return;
                    }
                  }
                  out.write(buf, 0, n);
                  out.flush();
                  sent += n;
                }
              } catch (IOException ignored) {
                // one side went away: close both
              } finally {
                closeQuietly(client);
                closeQuietly(upstream);
              }
            },
            request ? "faulty-proxy-request" : "faulty-proxy-response");
    t.setDaemon(true);
    t.start();
  }

  private static final Pattern REQUEST_LINE =
      Pattern.compile("(GET|HEAD|PUT|POST|DELETE) (\\S+) HTTP/1\\.1\r\n");
  private static final String SLOW_DOWN =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
          + "<Message>Please reduce your request rate.</Message><RequestId>faulty-proxy</RequestId></Error>";

  /**
   * S3's answer when it sheds load, then the connection closed (so the client's retry opens a new
   * one).
   */
  private static void answerSlowDown(Socket client, boolean head) throws IOException {
    byte[] body = SLOW_DOWN.getBytes(StandardCharsets.UTF_8);
    String response =
        "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\nx-amz-request-id: faulty-proxy\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    if (!head) out.write(body);
    out.flush();
    client.close();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
  }
}
