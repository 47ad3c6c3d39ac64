package io.datamapper.format.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream on its own thread, a few chunks ahead of the reader: for an xlsx sheet, the
 * inflating then runs beside the parsing instead of in turn with it. Holds at most {@link #CHUNKS}
 * chunks of {@link #CHUNK} bytes. A failure of the stream (a corrupt ZIP entry, a part over its
 * limit) reaches the reader as it was thrown, where the reader would have met it. Closing stops the
 * thread and then closes the stream. One reader thread only.
 */
final class ReadAhead extends InputStream {
  static final int CHUNK = 1 << 16;
  static final int CHUNKS = 4;

  private record Chunk(byte[] bytes, int length, Throwable failure) {}

  private static final Chunk END = new Chunk(null, -1, null);

  private final InputStream in;
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
  // room for every chunk and the end, so the reading thread never waits to hand one over
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
  private final Thread thread;
  private Chunk current;
  private int pos;
  private boolean ended;

  ReadAhead(InputStream in, String name) {
    this.in = in;
    for (int i = 0; i < CHUNKS; i++) free.add(new byte[CHUNK]);
    this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::fill);
    thread.start();
  }

  private void fill() {
    try {
      while (true) {
        byte[] b = free.take();
        int n = in.readNBytes(b, 0, b.length);
        if (n > 0) full.add(new Chunk(b, n, null));
        if (n < b.length) {
          full.add(END);
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed
    } catch (Throwable t) {
      full.add(new Chunk(null, -1, t));
    }
  }

  private boolean next() throws IOException {
    if (ended) return false;
    if (current != null && current.bytes() != null) free.add(current.bytes());
    try {
      current = full.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading");
    }
    pos = 0;
    Throwable t = current.failure();
    if (t != null) {
      ended = true;
      if (t instanceof IOException io) throw io;
      if (t instanceof RuntimeException re) throw re;
      if (t instanceof Error err) throw err;
      throw new IOException(t);
    }
    if (current == END) {
      ended = true;
      return false;
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    while (current == null || current.bytes() == null || pos == current.length())
      if (!next()) return -1;
    return current.bytes()[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (current == null || current.bytes() == null || pos == current.length())
      if (!next()) return -1;
    int n = Math.min(len, current.length() - pos);
    System.arraycopy(current.bytes(), pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      in.close();
    }
  }
}
