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

/**
 * A loopback TCP proxy in front of an HTTP server for fault tests: it counts the GET requests
 * whose path starts with a given prefix, and once asked, cuts the connection that is
 * answering after a given number of response bytes (once). Traffic stays on 127.0.0.1.
 */
public final class FaultyProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final String countedPath;
  private final AtomicInteger gets = new AtomicInteger();
  private final AtomicInteger drops = new AtomicInteger();
  private final AtomicLong dropAfter = new AtomicLong(-1);
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
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      long sent = 0;
      try (OutputStream out = to.getOutputStream()) {
        for (int n; (n = from.read(buf)) >= 0; ) {
          if (request) {
            String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            for (int at = text.indexOf("GET " + countedPath); at >= 0; at = text.indexOf("GET " + countedPath, at + 1)) {
              gets.incrementAndGet();
            }
          } else {
            long limit = dropAfter.get();
            if (limit >= 0 && sent + n > limit && dropAfter.compareAndSet(limit, -1)) {
              out.write(buf, 0, (int) Math.max(0, limit - sent));
              out.flush();
              drops.incrementAndGet();
              client.setSoLinger(true, 0); // a reset, as a dropped connection looks to the client
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
    }, request ? "faulty-proxy-request" : "faulty-proxy-response");
    t.setDaemon(true);
    t.start();
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
