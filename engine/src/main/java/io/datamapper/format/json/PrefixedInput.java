package io.datamapper.format.json;

import java.io.IOException;
import java.io.InputStream;

/**
 * Some bytes, then the rest of a stream. Unlike {@link java.io.SequenceInputStream} it never closes
 * the stream (its owner does): the caller may read it on to its end, to hash the whole file. Not
 * thread-safe.
 */
final class PrefixedInput extends InputStream {
  private final byte[] head;
  private int pos;
  private final int end;
  private final InputStream rest;

  PrefixedInput(byte[] head, int from, int to, InputStream rest) {
    this.head = head;
    this.pos = from;
    this.end = to;
    this.rest = rest;
  }

  @Override
  public int read() throws IOException {
    return pos < end ? head[pos++] & 0xFF : rest.read();
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (len == 0) return 0;
    if (pos < end) {
      int n = Math.min(len, end - pos);
      System.arraycopy(head, pos, buf, off, n);
      pos += n;
      return n;
    }
    return rest.read(buf, off, len);
  }

  @Override
  public void close() {
    // the stream's owner closes it
  }
}
