package io.datamapper.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One seamless stream over a download that may break: when reading fails with an {@link
 * IOException} (a reset connection, a timeout, a body that ends before the known size), it waits as
 * {@link Retry} says and asks for the rest with a ranged request from the byte offset already
 * delivered, so the reader above never notices. Failures the opener reports as {@link
 * io.datamapper.DataMapperException} (missing object, no access) are not retried. Closing aborts
 * the download without reading the rest. Not thread-safe.
 */
final class ResumingInputStream extends InputStream {
  private static final Logger LOG = LoggerFactory.getLogger(ResumingInputStream.class);

  /** Opens the object's bytes from {@code offset} to the end. */
  @FunctionalInterface
  interface RangeOpener {
    InputStream open(long offset) throws IOException;
  }

  private final RangeOpener opener;
  private final long size;
  private final Retry retry;
  private final String name;
  private InputStream in;
  private long offset;
  private int resumes;
  private boolean closed;

  /** {@code size} is the object's length, or -1 when unknown (then an early end goes unnoticed). */
  ResumingInputStream(RangeOpener opener, long size, Retry retry, String name) {
    this.opener = opener;
    this.size = size;
    this.retry = retry;
    this.name = name;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) throw new IOException(name + ": stream closed");
    if (len == 0) return 0;
    int attempt = 1;
    while (true) {
      try {
        if (in == null) in = opener.open(offset);
        int n = in.read(b, off, len);
        if (n > 0) {
          offset += n;
          return n;
        }
        if (n < 0) {
          if (size >= 0 && offset < size) {
            throw new EOFException(
                "the connection ended after " + offset + " of " + size + " bytes");
          }
          return -1;
        }
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        abortQuietly();
        if (attempt >= retry.attempts()) {
          throw new IOException(
              name
                  + ": the download failed "
                  + attempt
                  + " times in a row at byte "
                  + offset
                  + "; the last error: "
                  + describe(e),
              e);
        }
        attempt++;
        resumes++;
        LOG.warn(
            "{}: download interrupted at byte {} ({}); retrying in up to {} ms (attempt {} of {})",
            name,
            offset,
            describe(e),
            retry.backoff(attempt).toMillis(),
            attempt,
            retry.attempts());
        retry.sleepBefore(attempt);
      }
    }
  }

  /** Bytes delivered so far. */
  long offset() {
    return offset;
  }

  /** How many times the download was resumed after a failure. */
  int resumes() {
    return resumes;
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    abortQuietly();
  }

  private void abortQuietly() {
    if (in == null) return;
    try {
      in.close();
    } catch (IOException | RuntimeException ignored) {
      // a broken connection is being thrown away
    }
    in = null;
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
