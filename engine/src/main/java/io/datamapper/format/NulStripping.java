package io.datamapper.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Drops NUL bytes from a text stream: a CSV export with a stray NUL is text all the same, and
 * PostgreSQL text cannot hold the character. Used only for single-byte and UTF-8 text (in UTF-16 a
 * NUL byte is half of a character). Not thread-safe.
 */
public final class NulStripping extends FilterInputStream {
  public NulStripping(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b;
    do {
      b = in.read();
    } while (b == 0);
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (true) {
      int n = in.read(buf, off, len);
      if (n <= 0) return n;
      int w = off;
      for (int i = off; i < off + n; i++) {
        if (buf[i] != 0) buf[w++] = buf[i];
      }
      // a read of NULs only must not look like the end of the stream: read on
      if (w > off) return w - off;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n && read() >= 0) skipped++;
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
