package io.datamapper.format.excel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The shared-strings table being spilled ({@link SharedStrings#spill}) on its own thread while the
 * reader opens the sheet and scans it for merged regions: both inflate a large part, and on two
 * processors they take the time of the longer one instead of the sum. The first cell that needs a
 * string waits for the table; a failure of the spill is thrown there, as it was thrown. On one
 * processor the table is spilled at once.
 */
final class LaterStrings implements Closeable {
  private final CompletableFuture<SharedStrings> future;
  private SharedStrings strings;

  private LaterStrings(CompletableFuture<SharedStrings> future) {
    this.future = future;
  }

  static LaterStrings spill(InputStream xml, XlsxPackage pkg) throws IOException {
    if (xml == null || Runtime.getRuntime().availableProcessors() < 2) {
      return new LaterStrings(CompletableFuture.completedFuture(SharedStrings.spill(xml, pkg)));
    }
    CompletableFuture<SharedStrings> f = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("xlsx-shared-strings")
        .start(
            () -> {
              try {
                f.complete(SharedStrings.spill(xml, pkg));
              } catch (Throwable t) {
                f.completeExceptionally(t);
              }
            });
    return new LaterStrings(f);
  }

  /** The table, once spilled. */
  SharedStrings get() throws IOException {
    if (strings != null) return strings;
    try {
      strings = future.get();
      return strings;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading the shared strings");
    } catch (ExecutionException e) {
      Throwable t = e.getCause();
      if (t instanceof IOException io) throw io;
      if (t instanceof RuntimeException re) throw re;
      if (t instanceof Error err) throw err;
      throw new IOException(t);
    }
  }

  /** Waits for the spill to end (it cannot be stopped midway) and deletes its files. */
  @Override
  public void close() throws IOException {
    SharedStrings s;
    try {
      s = future.join();
    } catch (RuntimeException e) {
      return; // the spill failed and deleted its files
    }
    s.close();
  }
}
